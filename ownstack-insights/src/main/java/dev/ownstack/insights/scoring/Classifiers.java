package dev.ownstack.insights.scoring;

import dev.ownstack.core.config.scores.ScoringModel;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.insights.churn.CalibrationBin;
import dev.ownstack.insights.churn.ChurnExperiment;
import dev.ownstack.insights.churn.ChurnModel;
import dev.ownstack.insights.churn.Evaluation;
import dev.ownstack.insights.churn.Evaluations;
import dev.ownstack.insights.churn.GradientBoostedTrees;
import dev.ownstack.insights.churn.LabelledSet;
import dev.ownstack.insights.churn.RankEnsemble;
import dev.ownstack.insights.features.FeatureMatrix;
import dev.ownstack.insights.features.FeatureSpec;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the churn and label models share: the feature specification of their configuration, the
 * alignment of a feature matrix to the features a model was trained on, the evaluation of
 * scores as a JSON-ready map, and reading a stored model back.
 */
final class Classifiers {
    static final int TOP_FEATURES = 10;
    static final GradientBoostedTrees.Settings TREES = GradientBoostedTrees.Settings.defaults();
    /** The key of a stored model's settings that says whose probability it writes; a model stored without it writes XGBoost's. */
    static final String MODEL = "model";
    static final String ENSEMBLE = "ensemble";
    static final String XGBOOST = "xgboost";
    /** The key of a stored model's settings that says what its payload holds; without it, XGBoost's own bytes. */
    static final String PAYLOAD = "payload";
    static final String ENSEMBLE_PAYLOAD = RankEnsemble.FORMAT;

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

    /**
     * The evaluation of a stored model on a held-back set: when it holds an ensemble, the ensemble
     * next to the trees and the logistic baseline it blends; XGBoost alone (a model stored before
     * ensembles, or a label model) next to recency only. The calibration table is of the
     * probability the model writes.
     */
    static Map<String, Object> rankings(StoredModel stored, LabelledSet held) {
        if (holdsEnsemble(stored)) {
            RankEnsemble.Scores scores = RankEnsemble.load(stored.payload(), stored.features()).scores(held.features());
            return rankings(scores.ensemble(), scores.trees(), scores.logistic(), held, written(stored));
        }
        return rankings(null, GradientBoostedTrees.load(stored.payload(), stored.features()).predict(held.features()), null, held, XGBOOST);
    }

    /**
     * The rankings of the ensemble (when given), the trees, the logistic baseline (when given) and
     * recency only on a held-back set, and the calibration table of {@code calibrated}: the
     * ensemble's probability or XGBoost's.
     */
    static Map<String, Object> rankings(double[] ensemble, double[] trees, double[] logistic, LabelledSet held, String calibrated) {
        boolean[] labels = held.churned();
        Map<String, Object> rankings = new LinkedHashMap<>();
        Evaluation ensembleEvaluation = ensemble == null ? null : Evaluations.evaluate(ensemble, labels, true);
        if (ensembleEvaluation != null) {
            rankings.put(ENSEMBLE, ranking(ensembleEvaluation));
        }
        Evaluation treesEvaluation = Evaluations.evaluate(trees, labels, true);
        rankings.put(XGBOOST, ranking(treesEvaluation));
        if (logistic != null) {
            rankings.put("logistic_regression", ranking(Evaluations.evaluate(logistic, labels, true)));
        }
        rankings.put("recency_only", ranking(Evaluations.evaluate(held.features().values(ChurnExperiment.RECENCY_FEATURE), labels, false)));
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("rankings", rankings);
        boolean ensembleCalibrated = ENSEMBLE.equals(calibrated) && ensembleEvaluation != null;
        metrics.put("calibrated", ensembleCalibrated ? ENSEMBLE : XGBOOST);
        metrics.put("calibration", calibration(ensembleCalibrated ? ensembleEvaluation : treesEvaluation));
        return metrics;
    }

    /**
     * The model whose probability a stored churn or label version writes: the rank ensemble, or its
     * trees when XGBoost won the validation, or XGBoost alone for a version stored before ensembles.
     */
    static ChurnModel model(StoredModel stored) {
        if (!holdsEnsemble(stored)) {
            return GradientBoostedTrees.load(stored.payload(), stored.features());
        }
        RankEnsemble ensemble = RankEnsemble.load(stored.payload(), stored.features());
        return ENSEMBLE.equals(written(stored)) ? ensemble : ensemble.trees();
    }

    /** Whether the payload is a {@link RankEnsemble}'s JSON ({@code settings.payload}) rather than XGBoost's own bytes. */
    private static boolean holdsEnsemble(StoredModel stored) {
        return ENSEMBLE_PAYLOAD.equals(ModelStore.map(stored.settings()).get(PAYLOAD));
    }

    /** {@code settings.model}: which probability the version writes; XGBoost's for a version stored without it. */
    private static String written(StoredModel stored) {
        Object model = ModelStore.map(stored.settings()).getOrDefault(MODEL, XGBOOST);
        if (!ENSEMBLE.equals(model) && !XGBOOST.equals(model)) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "model '" + stored.model() + "' version " + stored.version()
                    + " writes the probability of a model '" + model + "', which this version of ownstack does not know (it knows "
                    + ENSEMBLE + " and " + XGBOOST + "); train it again");
        }
        return (String) model;
    }

    static Map<String, Object> importance(GradientBoostedTrees trees) {
        Map<String, Object> top = new LinkedHashMap<>();
        trees.importance().entrySet().stream().limit(TOP_FEATURES).forEach(entry -> top.put(entry.getKey(), round(entry.getValue())));
        return top;
    }

    static Map<String, Object> settings(String model, boolean ensemblePayload, ScoringModel.Features features, int labelDays) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(MODEL, model);
        if (ensemblePayload) {
            settings.put(PAYLOAD, ENSEMBLE_PAYLOAD);
        }
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
