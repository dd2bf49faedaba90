package dev.ownstack.insights.scoring;

import dev.ownstack.core.config.scores.ScoringModel;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.insights.churn.CalibrationBin;
import dev.ownstack.insights.churn.ChurnExperiment;
import dev.ownstack.insights.churn.Evaluation;
import dev.ownstack.insights.churn.Evaluations;
import dev.ownstack.insights.churn.GradientBoostedTrees;
import dev.ownstack.insights.churn.LabelledSet;
import dev.ownstack.insights.features.FeatureMatrix;
import dev.ownstack.insights.features.FeatureSpec;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the churn and label models share: the feature specification of their configuration, the
 * alignment of a feature matrix to the features a model was trained on, and the evaluation of
 * scores as a JSON-ready map.
 */
final class Classifiers {
    static final int TOP_FEATURES = 10;
    static final GradientBoostedTrees.Settings TREES = GradientBoostedTrees.Settings.defaults();

    private Classifiers() {
    }

    static FeatureSpec spec(ScoringModel.Features features) {
        FeatureSpec defaults = FeatureSpec.defaults();
        List<String> returnTypes = defaults.returnTypes().stream().filter(type -> !features.orderTypes().contains(type)).toList();
        return new FeatureSpec(defaults.transactions(), defaults.events(), defaults.customers(), List.of(), List.of(),
                features.windowDays(), defaults.topEvents(), features.orderTypes(), returnTypes);
    }

    /**
     * The matrix with exactly the model's features in the model's order. The most frequent event
     * names are picked per cut-off, so a later cut-off may lack a count the model was trained on:
     * it is missing (NaN) for every customer, as XGBoost treats an unknown value; a count the model
     * does not know is left out.
     */
    static FeatureMatrix align(FeatureMatrix matrix, List<String> featureNames) {
        if (matrix.featureNames().equals(featureNames)) {
            return matrix;
        }
        int[] source = new int[featureNames.size()];
        for (int i = 0; i < source.length; i++) {
            source[i] = matrix.featureNames().indexOf(featureNames.get(i));
        }
        List<double[]> rows = new ArrayList<>(matrix.size());
        for (double[] row : matrix.rows()) {
            double[] aligned = new double[source.length];
            for (int i = 0; i < source.length; i++) {
                aligned[i] = source[i] < 0 ? Double.NaN : row[source[i]];
            }
            rows.add(aligned);
        }
        return new FeatureMatrix(matrix.cutoff(), featureNames, matrix.customerIds(), rows);
    }

    static LabelledSet aligned(LabelledSet set, List<String> featureNames) {
        return new LabelledSet(align(set.features(), featureNames), set.churned(), set.labelDays());
    }

    /** Both classes are needed to learn or to rank; {@code what} names the set and the model. */
    static void requireBothClasses(String model, String what, LabelledSet set, String positive) {
        int positives = set.churnedCount();
        if (positives == 0 || positives == set.size()) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "model '" + model + "': too little data: the " + what + " has "
                    + set.size() + " customers of whom " + positives + " " + positive + "; both classes are needed");
        }
    }

    static Map<String, Object> set(LocalDateTime cutoff, LabelledSet set) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("cutoff", cutoff.toString());
        values.put("customers", set.size());
        values.put("positive_rate", round(set.churnRate()));
        return values;
    }

    static Map<String, Object> ranking(Evaluation evaluation) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("auc", round(evaluation.auc()));
        values.put("precision_top_decile", round(evaluation.precisionTopDecile()));
        values.put("recall_top_decile", round(evaluation.recallTopDecile()));
        return values;
    }

    static List<Map<String, Object>> calibration(Evaluation evaluation) {
        List<Map<String, Object>> bins = new ArrayList<>();
        for (CalibrationBin bin : evaluation.calibration()) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("decile", bin.decile());
            values.put("customers", bin.customers());
            values.put("predicted", round(bin.meanPredicted()));
            values.put("observed", round(bin.observedRate()));
            bins.add(values);
        }
        return bins;
    }

    /** The evaluation of the trees on a held-back set next to recency only, and (when given) the logistic baseline. */
    static Map<String, Object> rankings(double[] trees, double[] logistic, LabelledSet held) {
        boolean[] labels = held.churned();
        Map<String, Object> rankings = new LinkedHashMap<>();
        Evaluation treesEvaluation = Evaluations.evaluate(trees, labels, true);
        rankings.put("xgboost", ranking(treesEvaluation));
        if (logistic != null) {
            rankings.put("logistic_regression", ranking(Evaluations.evaluate(logistic, labels, true)));
        }
        rankings.put("recency_only", ranking(Evaluations.evaluate(held.features().values(ChurnExperiment.RECENCY_FEATURE), labels, false)));
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("rankings", rankings);
        metrics.put("calibration", calibration(treesEvaluation));
        return metrics;
    }

    static Map<String, Object> importance(GradientBoostedTrees trees) {
        Map<String, Object> top = new LinkedHashMap<>();
        trees.importance().entrySet().stream().limit(TOP_FEATURES).forEach(entry -> top.put(entry.getKey(), round(entry.getValue())));
        return top;
    }

    static Map<String, Object> settings(ScoringModel.Features features, int labelDays) {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (labelDays > 0) {
            settings.put("label_days", labelDays);
        }
        settings.put("order_types", features.orderTypes());
        settings.put("windows", features.windowDays());
        Map<String, Object> trees = new LinkedHashMap<>();
        trees.put("rounds", TREES.rounds());
        trees.put("learning_rate", TREES.learningRate());
        trees.put("max_depth", TREES.maxDepth());
        trees.put("subsample", TREES.subsample());
        trees.put("column_sample", TREES.columnSample());
        trees.put("min_child_weight", TREES.minChildWeight());
        trees.put("seed", TREES.seed());
        settings.put("xgboost", trees);
        return settings;
    }

    static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 10_000) / 10_000.0 : value;
    }
}
