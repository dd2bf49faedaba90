package dev.ownstack.insights.churn;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * The time split of a churn experiment: train on features before {@code trainCutoff} labelled by
 * the {@code labelDays} after it; evaluate on features before {@code evaluationCutoff} labelled by
 * the {@code labelDays} after that. The training label window must end by the evaluation cut-off,
 * so the evaluation period is held back from training entirely.
 */
public record ChurnSplit(LocalDateTime trainCutoff, LocalDateTime evaluationCutoff, int labelDays) {
    public ChurnSplit {
        Objects.requireNonNull(trainCutoff, "trainCutoff");
        Objects.requireNonNull(evaluationCutoff, "evaluationCutoff");
        if (labelDays < 1) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "churn.label-days: must be at least 1, got " + labelDays);
        }
        if (trainCutoff.plusDays(labelDays).isAfter(evaluationCutoff)) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "churn.evaluation-cutoff: " + evaluationCutoff
                    + " is inside the training label window (" + trainCutoff + " plus " + labelDays
                    + " days); it must be on or after " + trainCutoff.plusDays(labelDays));
        }
    }
}
