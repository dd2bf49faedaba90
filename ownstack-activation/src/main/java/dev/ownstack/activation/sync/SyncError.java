package dev.ownstack.activation.sync;

import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.Operation;
import java.time.Instant;
import java.util.Objects;

/**
 * A record the destination did not accept, as {@code ownstack.sync_errors} keeps it until it is
 * accepted.
 *
 * @param message  the destination's own words
 * @param attempts how many times it was sent and not accepted, over all runs since its fields last changed
 * @param runId    the run of the latest rejection
 */
public record SyncError(String sync, String recordKey, Operation operation, ErrorClass errorClass, String message, Instant firstFailedAt,
                        Instant lastFailedAt, long attempts, long runId) {
    public SyncError {
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(recordKey, "recordKey");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(errorClass, "errorClass");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(firstFailedAt, "firstFailedAt");
        Objects.requireNonNull(lastFailedAt, "lastFailedAt");
    }
}
