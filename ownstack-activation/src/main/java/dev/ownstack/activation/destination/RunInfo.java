package dev.ownstack.activation.destination;

import java.time.Instant;
import java.util.Objects;

/**
 * The sync run a destination is written for.
 *
 * @param sync      the sync's name
 * @param runId     the run's id in {@code ownstack.sync_runs}: unique across syncs and increasing
 * @param startedAt when the run started
 */
public record RunInfo(String sync, long runId, Instant startedAt) {
    public RunInfo {
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
