package dev.ownstack.insights.churn;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.insights.features.FeatureMatrix;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A churn model of gradient-boosted trees trained with XGBoost4J (binary logistic objective).
 * Missing features (NaN) are XGBoost's missing values: each split learns which side they take.
 */
public final class GradientBoostedTrees implements ChurnModel {
    /**
     * The trees' settings. {@link #defaults()} are shallow, slowly learning trees with at least 20
     * customers' weight per leaf: churn data is noisy and the period scored later differs from the
     * one trained on, so a model that generalises beats one that fits the training period closely.
     */
    public record Settings(int rounds, double learningRate, int maxDepth, double subsample, double columnSample,
                           double minChildWeight, int threads, long seed) {
        public Settings {
            if (rounds < 1 || maxDepth < 1 || threads < 1 || learningRate <= 0 || subsample <= 0 || subsample > 1
                    || columnSample <= 0 || columnSample > 1 || minChildWeight < 0) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "invalid gradient-boosted tree settings: " + this);
            }
        }

        public static Settings defaults() {
            return new Settings(200, 0.03, 3, 0.8, 0.8, 20, 2, 42);
        }
    }

    private final Booster booster;
    private final List<String> featureNames;

    private GradientBoostedTrees(Booster booster, List<String> featureNames) {
        this.booster = booster;
        this.featureNames = List.copyOf(featureNames);
    }

    public static GradientBoostedTrees train(LabelledSet set, Settings settings) {
        FeatureCheck.bothClasses(set);
        boolean[] churned = set.churned();
        float[] labels = new float[churned.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = churned[i] ? 1f : 0f;
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("objective", "binary:logistic");
        parameters.put("eta", settings.learningRate());
        parameters.put("max_depth", settings.maxDepth());
        parameters.put("subsample", settings.subsample());
        parameters.put("colsample_bytree", settings.columnSample());
        parameters.put("min_child_weight", settings.minChildWeight());
        parameters.put("nthread", settings.threads());
        parameters.put("seed", settings.seed());
        parameters.put("tree_method", "hist");
        parameters.put("verbosity", 0);
        try {
            DMatrix train = matrix(set.features());
            try {
                train.setLabel(labels);
                Booster booster = XGBoost.train(train, parameters, settings.rounds(), Map.of(), null, null);
                return new GradientBoostedTrees(booster, set.features().featureNames());
            } finally {
                train.dispose();
            }
        } catch (XGBoostError e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "xgboost training failed: " + e.getMessage(), List.of(), e);
        }
    }

    @Override
    public String name() {
        return "xgboost";
    }

    @Override
    public List<String> featureNames() {
        return featureNames;
    }

    @Override
    public double[] predict(FeatureMatrix features) {
        FeatureCheck.sameFeatures(name(), featureNames, features);
        try {
            DMatrix matrix = matrix(features);
            try {
                float[][] predictions = booster.predict(matrix);
                double[] probabilities = new double[predictions.length];
                for (int i = 0; i < predictions.length; i++) {
                    probabilities[i] = predictions[i][0];
                }
                return probabilities;
            } finally {
                matrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "xgboost prediction failed: " + e.getMessage(), List.of(), e);
        }
    }

    /**
     * Total gain per feature, largest first; a feature no tree splits on has 0. The feature names
     * are given to XGBoost so that its answer is keyed by them rather than by {@code f0, f1, ...}.
     */
    public Map<String, Double> importance() {
        try {
            Map<String, Double> gain = booster.getScore(featureNames.toArray(String[]::new), "total_gain");
            Map<String, Double> ordered = new LinkedHashMap<>();
            featureNames.stream().sorted(Comparator.comparingDouble((String name) -> -gain.getOrDefault(name, 0.0)))
                    .forEach(name -> ordered.put(name, gain.getOrDefault(name, 0.0)));
            return ordered;
        } catch (XGBoostError e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "xgboost feature importance failed: " + e.getMessage(), List.of(), e);
        }
    }

    /** The trained trees in XGBoost's own format ({@link Booster#toByteArray}), for a model store. */
    public byte[] toBytes() {
        try {
            return booster.toByteArray();
        } catch (XGBoostError e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "xgboost could not save the model: " + e.getMessage(), List.of(), e);
        }
    }

    /** Trees saved by {@link #toBytes()}, trained on {@code featureNames}: they predict exactly what they did when saved. */
    public static GradientBoostedTrees load(byte[] bytes, List<String> featureNames) {
        try {
            return new GradientBoostedTrees(XGBoost.loadModel(bytes), featureNames);
        } catch (XGBoostError | java.io.IOException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "xgboost could not load a stored model: " + e.getMessage(), List.of(), e);
        }
    }

    private static DMatrix matrix(FeatureMatrix features) throws XGBoostError {
        int columns = features.featureNames().size();
        float[] values = new float[features.size() * columns];
        for (int row = 0; row < features.size(); row++) {
            double[] source = features.rows().get(row);
            for (int column = 0; column < columns; column++) {
                values[row * columns + column] = (float) source[column];
            }
        }
        return new DMatrix(values, features.size(), columns, Float.NaN);
    }
}
