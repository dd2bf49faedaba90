package dev.ownstack.activation.audience.history;

import java.time.Instant;
import java.util.Objects;

/**
 * One computation of an audience, a row of {@code ownstack.audience_runs}.
 *
 * @param audience    the audience
 * @param runId       1 for the first computation of the audience, then 2, 3, ...
 * @param computedAt  when it ran
 * @param asOf        the moment the rule's time windows counted back from
 * @param size        the members
 * @param holdoutSize the customers the rule selected but the holdout kept out (0 without a holdout)
 * @param joined      members now that were not members in the run before
 * @param left        members in the run before that are not members now
 */
public record AudienceRun(String audience, long runId, Instant computedAt, Instant asOf, long size, long holdoutSize, long joined, long left) {
    public AudienceRun {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(computedAt, "computedAt");
        Objects.requireNonNull(asOf, "asOf");
        if (runId < 1) {
            throw new IllegalArgumentException("run ids start at 1, got " + runId);
        }
    }
}
