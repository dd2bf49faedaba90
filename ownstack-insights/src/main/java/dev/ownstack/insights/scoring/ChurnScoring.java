package dev.ownstack.insights.scoring;

import dev.ownstack.core.config.scores.ScoringModel;
import dev.ownstack.insights.churn.ChurnScores;
import dev.ownstack.insights.churn.ChurnSplit;
import dev.ownstack.insights.churn.Evaluations;
import dev.ownstack.insights.churn.GradientBoostedTrees;
import dev.ownstack.insights.churn.LabelledSet;
import dev.ownstack.insights.churn.LabelledSets;
import dev.ownstack.insights.churn.LogisticBaseline;
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
 * The churn model: trained with a time split ending at the data's last day, evaluated on the
 * held-back period next to the logistic baseline and recency only, applied as of the day after
 * the latest transaction.
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
        GradientBoostedTrees trees = GradientBoostedTrees.train(train, Classifiers.TREES);
        LogisticBaseline logistic = LogisticBaseline.train(train);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("train", Classifiers.set(split.trainCutoff(), train));
        metrics.put("evaluation", Classifiers.set(evaluation, held));
        metrics.putAll(Classifiers.rankings(trees.predict(held.features()), logistic.predict(held.features()), held));
        metrics.put("importance", Classifiers.importance(trees));
        StoredModel stored = store.save(new StoredModel(config.name(), 0, config.kind(), now, split.trainCutoff(), evaluation,
                config.labelDays(), ModelStore.json(metrics), trees.featureNames(),
                ModelStore.json(Classifiers.settings(config.features(), config.labelDays())), trees.toBytes()));
        return new ScoringReport(stored, ScoringText.classifier(stored, metrics, "churn"));
    }

    /** The stored trees on the latest held-back period (cut-off = last day + 1 - label days), next to recency only. */
    static ScoringReport evaluate(Warehouse warehouse, ScoringModel.Churn config, StoredModel stored) {
        FeatureSpec spec = Classifiers.spec(config.features());
        LocalDate last = TransactionDays.lastDay(warehouse, spec.transactions(), config.name());
        LocalDateTime evaluation = last.plusDays(1).minusDays(stored.labelDays()).atStartOfDay();
        LabelledSet held = Classifiers.aligned(LabelledSets.build(warehouse, spec, evaluation, stored.labelDays()), stored.features());
        Classifiers.requireBothClasses(config.name(), "held-back set (cut-off " + evaluation.toLocalDate() + ")", held, "churned");
        GradientBoostedTrees trees = GradientBoostedTrees.load(stored.payload(), stored.features());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("evaluation", Classifiers.set(evaluation, held));
        metrics.putAll(Classifiers.rankings(trees.predict(held.features()), null, held));
        return new ScoringReport(stored, ScoringText.classifier(stored, metrics, "churn"));
    }

    /** Scores every customer with an order before the day after the latest transaction; writes probability and decile. */
    static AppliedScores apply(Warehouse warehouse, ScoringModel.Features features, StoredModel stored, LocalDateTime now) {
        FeatureSpec spec = Classifiers.spec(features);
        LocalDate last = TransactionDays.lastDay(warehouse, spec.transactions(), stored.model());
        FeatureMatrix matrix = Classifiers.align(CustomerFeatures.compute(warehouse, spec, last.plusDays(1).atStartOfDay()), stored.features());
        GradientBoostedTrees trees = GradientBoostedTrees.load(stored.payload(), stored.features());
        double[] probabilities = trees.predict(matrix);
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
