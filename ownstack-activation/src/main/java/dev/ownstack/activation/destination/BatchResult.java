package dev.ownstack.activation.destination;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a batch the destination answered: one result per record of the batch, in any
 * order. A destination that reports errors inside a successful response (a 200 with per-record
 * failures) reports them here, never as all accepted. A batch the destination did not answer
 * as a whole (network failure, 401, 429, 5xx) is a {@link DestinationException} instead.
 */
public record BatchResult(List<RecordResult> results) {
    public BatchResult {
        results = List.copyOf(results);
    }

    /** Every record of the batch accepted. */
    public static BatchResult allAccepted(RecordBatch batch) {
        List<RecordResult> results = new ArrayList<>(batch.size());
        for (SyncRecord record : batch.records()) {
            results.add(RecordResult.accepted(record.key()));
        }
        return new BatchResult(results);
    }
}
