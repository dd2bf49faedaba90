package dev.ownstack.activation.destination;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a batch the destination answered: one result per record of the batch, in any
 * order. A destination that reports errors inside a successful response (a 200 with per-record
 * failures) reports them here, never as all accepted. A batch the destination did not answer
 * as a whole (network failure, 401, 429, 5xx) is a {@link DestinationException} instead.
 *
 * @param results  one per record
 * @param reported counts the vendor reported for the batch beyond accepted and rejected, by a
 *                 lower-case name such as {@code matched} or {@code received}; the sync engine
 *                 adds them up per run. Empty when the vendor reports none.
 */
public record BatchResult(List<RecordResult> results, Map<String, Long> reported) {
    public BatchResult {
        results = List.copyOf(results);
        for (Map.Entry<String, Long> count : reported.entrySet()) {
            if (count.getValue() == null || count.getValue() < 0) {
                throw new IllegalArgumentException("reported count " + count.getKey() + " must be zero or more, got " + count.getValue());
            }
        }
        reported = Collections.unmodifiableMap(new LinkedHashMap<>(reported));
    }

    public BatchResult(List<RecordResult> results) {
        this(results, Map.of());
    }

    /** Every record of the batch accepted. */
    public static BatchResult allAccepted(RecordBatch batch) {
        List<RecordResult> results = new ArrayList<>(batch.size());
        for (SyncRecord record : batch.records()) {
            results.add(RecordResult.accepted(record.key()));
        }
        return new BatchResult(results);
    }

    /** This result with the vendor's own counts for the batch. */
    public BatchResult withReported(Map<String, Long> counts) {
        return new BatchResult(results, counts);
    }
}
