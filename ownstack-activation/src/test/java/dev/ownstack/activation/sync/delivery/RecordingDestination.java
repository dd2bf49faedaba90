package dev.ownstack.activation.sync.delivery;

import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.SyncRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A destination that keeps what it is sent in memory and records every write: its batch, when it
 * started ({@link System#nanoTime()}) and how many writes ran at once. An {@link Answer} decides
 * what each write returns; by default every record is accepted.
 */
final class RecordingDestination implements Destination {
    /** What a write answers; may throw a DestinationException. {@code call} counts writes from 1. */
    interface Answer {
        BatchResult answer(RecordBatch batch, int call) throws InterruptedException;
    }

    record Write(RecordBatch batch, long startNanos, int call) {
        List<String> keys() {
            return batch.records().stream().map(SyncRecord::key).toList();
        }
    }

    private final Answer answer;
    private final List<Write> writes = new ArrayList<>();
    private final Map<String, Map<String, Object>> state = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    RecordingDestination(Answer answer) {
        this.answer = answer;
    }

    RecordingDestination() {
        this((batch, call) -> BatchResult.allAccepted(batch));
    }

    /** Accepts everything after sleeping {@code millis}. */
    static RecordingDestination slow(long millis) {
        return new RecordingDestination((batch, call) -> {
            Thread.sleep(millis);
            return BatchResult.allAccepted(batch);
        });
    }

    @Override
    public CheckResult check() {
        return CheckResult.ok("in memory");
    }

    @Override
    public BatchResult write(RecordBatch batch) {
        int call = calls.incrementAndGet();
        synchronized (writes) {
            writes.add(new Write(batch, System.nanoTime(), call));
        }
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            BatchResult result = answer.answer(batch, call);
            for (var record : result.results()) {
                if (record.accepted()) {
                    SyncRecord sent = batch.records().stream().filter(r -> r.key().equals(record.key())).findFirst().orElseThrow();
                    if (batch.operation() == Operation.REMOVE) {
                        state.remove(sent.key());
                    } else {
                        state.put(sent.key(), sent.fields());
                    }
                }
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    List<Write> writes() {
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }

    Map<String, Map<String, Object>> state() {
        return Map.copyOf(state);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }
}
