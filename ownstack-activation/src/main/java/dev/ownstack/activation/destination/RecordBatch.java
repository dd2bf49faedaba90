package dev.ownstack.activation.destination;

import java.util.List;
import java.util.Objects;

/**
 * Records sent in one request (or one file part).
 *
 * @param id        stable across retries of this batch (e.g. an idempotency key such as a
 *                  webhook id): {@code <sync>-<run>-<sequence>}
 * @param run       the run the batch belongs to
 * @param operation what to do with every record of the batch
 * @param records   at most the destination's batch limit, unique keys
 * @param attempt   1 for the first send, then 2, 3, ... for retries
 */
public record RecordBatch(String id, RunInfo run, Operation operation, List<SyncRecord> records, int attempt) {
    public RecordBatch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(operation, "operation");
        records = List.copyOf(records);
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
        }
    }

    public int size() {
        return records.size();
    }
}
