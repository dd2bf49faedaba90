package dev.ownstack.insights.churn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a churn experiment: the trained models (the rank ensemble holds the trees and
 * the logistic baseline) and each one's evaluation on the held-back period, next to a
 * recency-only ranking (days since the last order as the score).
 */
public record ChurnReport(ChurnSplit split, int trainCustomers, double trainChurnRate, RankEnsemble ensemble,
                          Evaluation ensembleEvaluation, Evaluation treesEvaluation, Evaluation logisticEvaluation,
                          Evaluation recencyEvaluation, Map<String, Double> importance) {
    public ChurnReport {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(ensemble, "ensemble");
        Objects.requireNonNull(ensembleEvaluation, "ensembleEvaluation");
        Objects.requireNonNull(treesEvaluation, "treesEvaluation");
        Objects.requireNonNull(logisticEvaluation, "logisticEvaluation");
        Objects.requireNonNull(recencyEvaluation, "recencyEvaluation");
        importance = new LinkedHashMap<>(importance);
    }

    public GradientBoostedTrees trees() {
        return ensemble.trees();
    }

    public LogisticBaseline logistic() {
        return ensemble.logistic();
    }

    @Override
    public Map<String, Double> importance() {
        return new LinkedHashMap<>(importance);
    }
}
