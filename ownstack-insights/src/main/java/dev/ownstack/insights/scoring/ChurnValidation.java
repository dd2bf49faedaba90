package dev.ownstack.insights.scoring;

import dev.ownstack.core.error.ErrorKind;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.insights.churn.ChurnSplit;
import dev.ownstack.insights.churn.Evaluations;
import dev.ownstack.insights.churn.LabelledSet;
import dev.ownstack.insights.churn.LabelledSets;
import dev.ownstack.insights.churn.RankEnsemble;
import dev.ownstack.insights.features.FeatureSpec;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chooses whose probability a churn model writes, the rank ensemble's or XGBoost's, on a
 * validation split inside the training period: both are trained on the cut-off {@code labelDays}
 * before the training cut-off and ranked on the training set itself (features as of the training
 * cut-off, labels in the window that ends by the evaluation cut-off), so the held-back period plays
 * no part in the choice. The ensemble is chosen only when its AUC there is higher. Where the data
 * leave no room for that split (no customer, or one class only, at the earlier cut-off), or the
 * ensemble cannot be fitted there, XGBoost is kept, as before ensembles, with the reason recorded.
 */
final class ChurnValidation {
    private ChurnValidation() {
    }

    /** The choice as JSON-ready metrics: the split, each ranking's AUC and {@code chosen} (ensemble or xgboost). */
    static Map<String, Object> choose(Warehouse warehouse, FeatureSpec spec, ChurnSplit split, LabelledSet train) {
        LocalDateTime earlier = split.trainCutoff().minusDays(split.labelDays());
        LabelledSet validationTrain = LabelledSets.build(warehouse, spec, earlier, split.labelDays());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("train_cutoff", earlier.toString());
        values.put("cutoff", split.trainCutoff().toString());
        int churned = validationTrain.churnedCount();
        if (churned == 0 || churned == validationTrain.size()) {
            values.put("train_customers", validationTrain.size());
            values.put("chosen", Classifiers.XGBOOST);
            values.put("reason", "no room for a validation split: " + validationTrain.size() + " customers at " + earlier.toLocalDate()
                    + " of whom " + churned + " churned");
            return values;
        }
        RankEnsemble ensemble;
        try {
            ensemble = RankEnsemble.train(validationTrain, Classifiers.TREES);
        } catch (OwnstackException e) {
            if (e.kind() != ErrorKind.USER) {
                throw e;
            }
            // data the ensemble cannot be fitted to are a reason to keep XGBoost, recorded with the model, not a failed training
            values.put("train_customers", validationTrain.size());
            values.put("chosen", Classifiers.XGBOOST);
            values.put("reason", "the ensemble could not be fitted at " + earlier.toLocalDate() + ": " + e.getMessage());
            return values;
        }
        LabelledSet validation = Classifiers.aligned(train, validationTrain.features().featureNames());
        RankEnsemble.Scores scores = ensemble.scores(validation.features());
        boolean[] labels = validation.churned();
        double ensembleAuc = Evaluations.evaluate(scores.ensemble(), labels, true).auc();
        double treesAuc = Evaluations.evaluate(scores.trees(), labels, true).auc();
        values.put("train_customers", validationTrain.size());
        values.put("customers", validation.size());
        Map<String, Object> auc = new LinkedHashMap<>();
        auc.put(Classifiers.ENSEMBLE, Classifiers.round(ensembleAuc));
        auc.put(Classifiers.XGBOOST, Classifiers.round(treesAuc));
        auc.put("logistic_regression", Classifiers.round(Evaluations.evaluate(scores.logistic(), labels, true).auc()));
        values.put("auc", auc);
        values.put("chosen", ensembleAuc > treesAuc ? Classifiers.ENSEMBLE : Classifiers.XGBOOST);
        return values;
    }
}
