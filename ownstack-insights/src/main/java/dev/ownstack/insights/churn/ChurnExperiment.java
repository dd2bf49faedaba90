package dev.ownstack.insights.churn;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.insights.features.FeatureSpec;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains the churn models on one period and evaluates them on a later one, in one run: the rank
 * ensemble, the gradient-boosted trees and the logistic-regression baseline it blends, and a
 * recency-only ranking, all on the same held-back customers. The training set can stack several earlier cut-offs.
 */
public final class ChurnExperiment {
    public static final String RECENCY_FEATURE = "recency_days";

    private ChurnExperiment() {
    }

    public static ChurnReport run(Warehouse warehouse, FeatureSpec spec, ChurnSplit split, GradientBoostedTrees.Settings settings) {
        return run(warehouse, spec, split, settings, List.of());
    }

    /**
     * As {@link #run(Warehouse, FeatureSpec, ChurnSplit, GradientBoostedTrees.Settings)}, with the labelled sets of
     * {@code earlierTrainCutoffs} stacked onto the training set ({@link LabelledSets#stacked}). Each must lie before the
     * training cut-off, so its label window ends before the evaluation cut-off too.
     */
    public static ChurnReport run(Warehouse warehouse, FeatureSpec spec, ChurnSplit split, GradientBoostedTrees.Settings settings,
                                  List<LocalDateTime> earlierTrainCutoffs) {
        List<LocalDateTime> cutoffs = new ArrayList<>();
        for (LocalDateTime cutoff : earlierTrainCutoffs) {
            if (!cutoff.isBefore(split.trainCutoff())) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "churn.earlier-train-cutoffs: " + cutoff
                        + " is not before the training cut-off " + split.trainCutoff());
            }
            cutoffs.add(cutoff);
        }
        cutoffs.add(split.trainCutoff());
        LabelledSet train = LabelledSets.stacked(warehouse, spec, cutoffs, split.labelDays());
        LabelledSet held = LabelledSets.build(warehouse, spec, split.evaluationCutoff(), split.labelDays());
        RankEnsemble ensemble = RankEnsemble.train(train, settings);
        RankEnsemble.Scores scores = ensemble.scores(held.features());
        boolean[] churned = held.churned();
        Evaluation ensembleEvaluation = Evaluations.evaluate(scores.ensemble(), churned, true);
        Evaluation treesEvaluation = Evaluations.evaluate(scores.trees(), churned, true);
        Evaluation logisticEvaluation = Evaluations.evaluate(scores.logistic(), churned, true);
        Evaluation recencyEvaluation = Evaluations.evaluate(held.features().values(RECENCY_FEATURE), churned, false);
        return new ChurnReport(split, train.size(), train.churnRate(), ensemble, ensembleEvaluation, treesEvaluation, logisticEvaluation,
                recencyEvaluation, ensemble.trees().importance());
    }
}
