package dev.ownstack.insights.churn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.insights.features.FeatureMatrix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The gradient-boosted trees and the logistic baseline blended by rank: each model's score is
 * mapped to its percentile among that model's scores of the training set ({@link Quantiles}), the
 * ensemble score is the mean of the two percentiles, and {@link PlattScaling} fitted on the
 * training set's ensemble scores turns it into a probability. The probability rises strictly with
 * the ensemble score, so it ranks as the blend does. Blending ranks rather than probabilities lets
 * each model count equally whatever the spread of its probabilities. Immutable once trained;
 * {@code predict} may be called from one thread at a time.
 */
public final class RankEnsemble implements ChurnModel {
    public static final String FORMAT = "rank-ensemble-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GradientBoostedTrees trees;
    private final LogisticBaseline logistic;
    private final Quantiles treesQuantiles;
    private final Quantiles logisticQuantiles;
    private final PlattScaling calibration;

    private RankEnsemble(GradientBoostedTrees trees, LogisticBaseline logistic, Quantiles treesQuantiles, Quantiles logisticQuantiles,
                         PlattScaling calibration) {
        this.trees = Objects.requireNonNull(trees, "trees");
        this.logistic = Objects.requireNonNull(logistic, "logistic");
        this.treesQuantiles = Objects.requireNonNull(treesQuantiles, "treesQuantiles");
        this.logisticQuantiles = Objects.requireNonNull(logisticQuantiles, "logisticQuantiles");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        if (!trees.featureNames().equals(logistic.featureNames())) {
            throw new OwnstackException(ErrorCode.INTERNAL, "an ensemble of models trained on different features: "
                    + trees.featureNames() + " and " + logistic.featureNames());
        }
    }

    /** Trains both models on {@code set} and blends them. */
    public static RankEnsemble train(LabelledSet set, GradientBoostedTrees.Settings settings) {
        return of(GradientBoostedTrees.train(set, settings), LogisticBaseline.train(set), set);
    }

    /** Blends two models trained on {@code set}: their quantiles and the calibration are taken on it. */
    public static RankEnsemble of(GradientBoostedTrees trees, LogisticBaseline logistic, LabelledSet set) {
        double[] treesScores = trees.predict(set.features());
        double[] logisticScores = logistic.predict(set.features());
        Quantiles treesQuantiles = Quantiles.of(treesScores, Quantiles.POINTS);
        Quantiles logisticQuantiles = Quantiles.of(logisticScores, Quantiles.POINTS);
        double[] blended = blend(treesQuantiles, treesScores, logisticQuantiles, logisticScores);
        return new RankEnsemble(trees, logistic, treesQuantiles, logisticQuantiles, PlattScaling.fit(blended, set.churned()));
    }

    @Override
    public String name() {
        return "ensemble";
    }

    @Override
    public List<String> featureNames() {
        return trees.featureNames();
    }

    public GradientBoostedTrees trees() {
        return trees;
    }

    public LogisticBaseline logistic() {
        return logistic;
    }

    public PlattScaling calibration() {
        return calibration;
    }

    @Override
    public double[] predict(FeatureMatrix features) {
        return scores(features).ensemble();
    }

    /**
     * Each model's probabilities and the ensemble's, computed once.
     *
     * @param trees    XGBoost's probabilities
     * @param logistic the logistic baseline's probabilities
     * @param ensemble the calibrated probabilities of the blend
     */
    public record Scores(double[] trees, double[] logistic, double[] ensemble) {
        public Scores {
            trees = trees.clone();
            logistic = logistic.clone();
            ensemble = ensemble.clone();
        }

        @Override
        public double[] trees() {
            return trees.clone();
        }

        @Override
        public double[] logistic() {
            return logistic.clone();
        }

        @Override
        public double[] ensemble() {
            return ensemble.clone();
        }
    }

    public Scores scores(FeatureMatrix features) {
        double[] treesScores = trees.predict(features);
        double[] logisticScores = logistic.predict(features);
        double[] probabilities = blend(treesQuantiles, treesScores, logisticQuantiles, logisticScores);
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = calibration.probability(probabilities[i]);
        }
        return new Scores(treesScores, logisticScores, probabilities);
    }

    private static double[] blend(Quantiles treesQuantiles, double[] treesScores, Quantiles logisticQuantiles, double[] logisticScores) {
        double[] blended = new double[treesScores.length];
        for (int i = 0; i < blended.length; i++) {
            blended[i] = (treesQuantiles.percentile(treesScores[i]) + logisticQuantiles.percentile(logisticScores[i])) / 2;
        }
        return blended;
    }

    /** Both models, both models' training quantiles and the calibration, as JSON (the models' own bytes in base64). */
    public byte[] toBytes() {
        ObjectNode json = JSON.createObjectNode();
        json.put("format", FORMAT);
        json.put("xgboost", Base64.getEncoder().encodeToString(trees.toBytes()));
        json.put("logistic_regression", Base64.getEncoder().encodeToString(logistic.toBytes()));
        ObjectNode quantiles = json.putObject("quantiles");
        JsonNumbers.write(quantiles.putArray("xgboost"), treesQuantiles.points());
        JsonNumbers.write(quantiles.putArray("logistic_regression"), logisticQuantiles.points());
        ObjectNode platt = json.putObject("calibration");
        platt.put("slope", calibration.slope());
        platt.put("intercept", calibration.intercept());
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An ensemble saved by {@link #toBytes()}, trained on {@code featureNames}: it predicts exactly what it did when saved. */
    public static RankEnsemble load(byte[] bytes, List<String> featureNames) {
        JsonNode json;
        try {
            json = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "a stored ensemble is not JSON: " + e.getMessage(), List.of(), e);
        }
        if (json == null || !FORMAT.equals(json.path("format").asText())) {
            throw new OwnstackException(ErrorCode.INTERNAL, "a stored ensemble has format '" + (json == null ? "" : json.path("format").asText())
                    + "'; this version reads " + FORMAT);
        }
        Base64.Decoder base64 = Base64.getDecoder();
        return new RankEnsemble(GradientBoostedTrees.load(base64.decode(json.path("xgboost").asText()), featureNames),
                LogisticBaseline.load(base64.decode(json.path("logistic_regression").asText()), featureNames),
                new Quantiles(JsonNumbers.values(json.path("quantiles").path("xgboost"))),
                new Quantiles(JsonNumbers.values(json.path("quantiles").path("logistic_regression"))),
                new PlattScaling(json.path("calibration").path("slope").asDouble(Double.NaN),
                        json.path("calibration").path("intercept").asDouble(Double.NaN)));
    }
}
