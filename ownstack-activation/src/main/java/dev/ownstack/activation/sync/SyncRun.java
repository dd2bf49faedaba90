package dev.ownstack.activation.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a sync, as {@code ownstack.sync_runs} keeps it.
 *
 * @param planned      adds, changes and removes the diff found before sending
 * @param added        records added that the destination accepted
 * @param changed      changed records the destination accepted
 * @param removed      records removed that the destination accepted
 * @param failed       records the destination rejected (in {@code ownstack.sync_errors})
 * @param message      a sentence: the guardrail that stopped it, the error that failed it, or empty
 * @param errorSamples up to 10 rejections, as "key: message"
 * @param approves     for the run that sent an approved run's changes, the approved run's id
 * @param vendorCounts what the destination itself reported, summed over the run's requests (for
 *                     example {@code received}, {@code invalid} or {@code matched}), by name
 */
public record SyncRun(String sync, long runId, SyncRunStatus status, Instant startedAt, Optional<Instant> finishedAt, SyncPlanCounts planned,
                      long added, long changed, long removed, long failed, String message, List<String> errorSamples,
                      Optional<Long> approves, Map<String, Long> vendorCounts) {
    public SyncRun {
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(planned, "planned");
        Objects.requireNonNull(message, "message");
        errorSamples = List.copyOf(errorSamples);
        Objects.requireNonNull(approves, "approves");
        vendorCounts = Collections.unmodifiableMap(new TreeMap<>(vendorCounts));
    }

    public Optional<Duration> duration() {
        return finishedAt.map(end -> Duration.between(startedAt, end));
    }
}
