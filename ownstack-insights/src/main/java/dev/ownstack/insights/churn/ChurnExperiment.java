package dev.ownstack.insights.churn;

import dev.ownstack.insights.features.FeatureSpec;
import dev.ownstack.warehouse.Warehouse;

/**
 * Trains the churn models on one period and evaluates them on a later one, in one run:
 * gradient-boosted trees, the logistic-regression baseline and a recency-only ranking, all on
 * the same held-back customers.
 */
public final class ChurnExperiment {
    public static final String RECENCY_FEATURE = "recency_days";

    private ChurnExperiment() {
    }

    public static ChurnReport run(Warehouse warehouse, FeatureSpec spec, ChurnSplit split, GradientBoostedTrees.Settings settings) {
        LabelledSet train = LabelledSets.build(warehouse, spec, split.trainCutoff(), split.labelDays());
        LabelledSet held = LabelledSets.build(warehouse, spec, split.evaluationCutoff(), split.labelDays());
        GradientBoostedTrees trees = GradientBoostedTrees.train(train, settings);
        LogisticBaseline logistic = LogisticBaseline.train(train);
        boolean[] churned = held.churned();
        Evaluation treesEvaluation = Evaluations.evaluate(trees.predict(held.features()), churned, true);
        Evaluation logisticEvaluation = Evaluations.evaluate(logistic.predict(held.features()), churned, true);
        Evaluation recencyEvaluation = Evaluations.evaluate(held.features().values(RECENCY_FEATURE), churned, false);
        return new ChurnReport(split, train.size(), train.churnRate(), trees, logistic, treesEvaluation, logisticEvaluation,
                recencyEvaluation, trees.importance());
    }
}
