package dev.ownstack.insights.scoring;

import java.util.Objects;

/** What training or evaluating a model found: the stored version it concerns and the evaluation as plain text. */
public record ScoringReport(StoredModel model, String summary) {
    public ScoringReport {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(summary, "summary");
    }
}
