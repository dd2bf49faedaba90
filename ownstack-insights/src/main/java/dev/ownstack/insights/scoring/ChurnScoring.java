package dev.ownstack.insights.scoring;

import dev.ownstack.core.config.scores.ScoringModel;
import dev.ownstack.insights.churn.ChurnScores;
import dev.ownstack.insights.churn.ChurnSplit;
import dev.ownstack.insights.churn.Evaluations;
import dev.ownstack.insights.churn.LabelledSet;
import dev.ownstack.insights.churn.LabelledSets;
import dev.ownstack.insights.churn.RankEnsemble;
import dev.ownstack.insights.features.CustomerFeatures;
import dev.ownstack.insights.features.FeatureMatrix;
import dev.ownstack.insights.features.FeatureSpec;
import dev.ownstack.insights.scores.CustomerScores;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The churn model: a {@link RankEnsemble} of XGBoost and the logistic baseline trained with a time
 * split ending at the data's last day, writing the ensemble's probability or XGBoost's as
 * {@link ChurnValidation} chooses; evaluated on the held-back period, the ensemble next to each
 * model it blends and recency only; applied as of the day after the latest transaction. Versions
 * stored before the ensemble (XGBoost alone) still evaluate and apply.
 */
final class ChurnScoring {
    private ChurnScoring() {
    }

    /**
     * Trains on the cut-off {@code labelDays} before the evaluation cut-off, whose label window
     * ends by it; the evaluation cut-off is {@code evaluationCutoff} or the last day + 1 - label days.
     */
    static ScoringReport train(Warehouse warehouse, ScoringModel.Churn config, Optional<LocalDate> evaluationCutoff,
                               LocalDateTime now, ModelStore store) {
        FeatureSpec spec = Classifiers.spec(config.features());
        LocalDate last = TransactionDays.lastDay(warehouse, spec.transactions(), config.name());
        LocalDateTime evaluation = evaluationCutoff.orElse(last.plusDays(1).minusDays(config.labelDays())).atStartOfDay();
        ChurnSplit split = new ChurnSplit(evaluation.minusDays(config.labelDays()), evaluation, config.labelDays());
        LabelledSet train = LabelledSets.build(warehouse, spec, split.trainCutoff(), split.labelDays());
        Classifiers.requireBothClasses(config.name(), "training set (cut-off " + split.trainCutoff().toLocalDate() + ")", train, "churned");
        LabelledSet held = Classifiers.aligned(LabelledSets.build(warehouse, spec, evaluation, split.labelDays()),
                train.features().featureNames());
        Classifiers.requireBothClasses(config.name(), "held-back set (cut-off " + evaluation.toLocalDate() + ")", held, "churned");
        Map<String, Object> validation = ChurnValidation.choose(warehouse, spec, split, train);
        String chosen = (String) validation.get("chosen");
        RankEnsemble ensemble = RankEnsemble.train(train, Classifiers.TREES);
        RankEnsemble.Scores scores = ensemble.scores(held.features());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("train", Classifiers.set(split.trainCutoff(), train));
        metrics.put("evaluation", Classifiers.set(evaluation, held));
        metrics.put("validation", validation);
        metrics.putAll(Classifiers.rankings(scores.ensemble(), scores.trees(), scores.logistic(), held, chosen));
        metrics.put("importance", Classifiers.importance(ensemble.trees()));
        StoredModel stored = store.save(new StoredModel(config.name(), 0, config.kind(), now, split.trainCutoff(), evaluation,
                config.labelDays(), ModelStore.json(metrics), ensemble.featureNames(),
                ModelStore.json(Classifiers.settings(chosen, true, config.features(), config.labelDays())), ensemble.toBytes()));
        return new ScoringReport(stored, ScoringText.classifier(stored, metrics, "churn"));
    }

    /**
     * The stored model on the latest held-back period (cut-off = last day + 1 - label days): an ensemble next to the models
     * it blends and recency only, XGBoost alone next to recency only.
     */
    static ScoringReport evaluate(Warehouse warehouse, ScoringModel.Churn config, StoredModel stored) {
        FeatureSpec spec = Classifiers.spec(config.features());
        LocalDate last = TransactionDays.lastDay(warehouse, spec.transactions(), config.name());
        LocalDateTime evaluation = last.plusDays(1).minusDays(stored.labelDays()).atStartOfDay();
        LabelledSet held = Classifiers.aligned(LabelledSets.build(warehouse, spec, evaluation, stored.labelDays()), stored.features());
        Classifiers.requireBothClasses(config.name(), "held-back set (cut-off " + evaluation.toLocalDate() + ")", held, "churned");
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("evaluation", Classifiers.set(evaluation, held));
        metrics.putAll(Classifiers.rankings(stored, held));
        return new ScoringReport(stored, ScoringText.classifier(stored, metrics, "churn"));
    }

    /** Scores every customer with an order before the day after the latest transaction; writes probability and decile. */
    static AppliedScores apply(Warehouse warehouse, ScoringModel.Features features, StoredModel stored, LocalDateTime now) {
        FeatureSpec spec = Classifiers.spec(features);
        LocalDate last = TransactionDays.lastDay(warehouse, spec.transactions(), stored.model());
        FeatureMatrix matrix = Classifiers.align(CustomerFeatures.compute(warehouse, spec, last.plusDays(1).atStartOfDay()), stored.features());
        double[] probabilities = Classifiers.model(stored).predict(matrix);
        int[] deciles = Evaluations.deciles(probabilities);
        List<Object[]> values = new ArrayList<>(probabilities.length);
        for (int row = 0; row < probabilities.length; row++) {
            values.add(new Object[] {probabilities[row], (long) deciles[row]});
        }
        CustomerScores.Scores scores = new CustomerScores.Scores(stored.model(), String.valueOf(stored.version()), now, ChurnScores.OUTPUTS,
                matrix.customerIds(), values);
        long rows = CustomerScores.replace(warehouse, scores);
        return new AppliedScores(stored.model(), stored.version(), rows, ChurnScores.OUTPUTS.stream().map(scores::column).toList(),
                AppliedScores.sizes(deciles));
    }
}
