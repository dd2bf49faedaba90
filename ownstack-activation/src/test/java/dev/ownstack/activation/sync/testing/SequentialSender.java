package dev.ownstack.activation.sync.testing;

import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.activation.sync.delivery.DeliveryListener;
import dev.ownstack.activation.sync.delivery.DeliveryReport;
import dev.ownstack.activation.sync.delivery.Sender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plainest {@link Sender}: batches of the destination's size, one at a time on the calling
 * thread, no retries and no pacing; a batch the destination refuses as a whole stops the delivery.
 */
public final class SequentialSender implements Sender {
    private final Destination destination;
    private final int batchSize;
    private long sequence;

    public SequentialSender(Destination destination, int batchSize) {
        this.destination = destination;
        this.batchSize = batchSize;
    }

    @Override
    public DeliveryReport send(RunInfo run, Operation operation, java.util.Iterator<SyncRecord> records, DeliveryListener listener) {
        long count = 0;
        long requests = 0;
        List<SyncRecord> batch = new ArrayList<>();
        while (records.hasNext()) {
            batch.add(records.next());
            count++;
            if (batch.size() == batchSize || !records.hasNext()) {
                requests++;
                try {
                    write(run, operation, batch, listener);
                } catch (DestinationException e) {
                    return new DeliveryReport(count, requests, 0, 0, Duration.ZERO, Optional.of(e));
                }
                batch = new ArrayList<>();
            }
        }
        return new DeliveryReport(count, requests, 0, 0, Duration.ZERO, Optional.empty());
    }

    private void write(RunInfo run, Operation operation, List<SyncRecord> batch, DeliveryListener listener) {
        String id = run.sync() + "-" + run.runId() + "-" + (++sequence);
        BatchResult result = destination.write(new RecordBatch(id, run, operation, batch, 1));
        Map<String, RecordResult> byKey = new HashMap<>();
        result.results().forEach(r -> byKey.put(r.key(), r));
        if (!result.reported().isEmpty()) {
            listener.reported(result.reported());
        }
        List<SyncRecord> accepted = new ArrayList<>();
        List<RecordResult> acceptedResults = new ArrayList<>();
        for (SyncRecord record : batch) {
            RecordResult outcome = byKey.get(record.key());
            if (outcome.accepted()) {
                accepted.add(record);
                acceptedResults.add(outcome);
            } else {
                listener.rejected(operation, record, outcome, 1);
            }
        }
        if (!accepted.isEmpty()) {
            listener.accepted(operation, accepted, acceptedResults);
        }
    }
}
