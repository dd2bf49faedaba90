package dev.ownstack.activation.destination.testing;

import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.SyncRecord;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A destination that keeps its records in memory, key → fields, as a vendor would: UPSERT creates
 * or replaces, UPDATE replaces only a record it has (else a permanent rejection, as vendors
 * answer), REMOVE deletes (a missing record is fine). It can be told to reject keys permanently,
 * to fail every write from a given batch on, and it remembers every batch and the snapshot
 * {@code finish} was given. Thread-safe (every method synchronised).
 */
public final class InMemoryDestination implements Destination {
    private boolean reportCounts;
    private final Capabilities capabilities;
    private final Map<String, Map<String, Object>> records = new TreeMap<>();
    private final Set<String> rejected = new HashSet<>();
    private final Map<String, Integer> sends = new HashMap<>();
    private final List<RecordBatch> batches = new ArrayList<>();
    private final List<RunInfo> started = new ArrayList<>();
    private final List<RunInfo> finished = new ArrayList<>();
    private List<SyncRecord> snapshot = List.of();
    private int failFromBatch = Integer.MAX_VALUE;
    private ErrorClass failWith = ErrorClass.AUTH;
    private int writes;

    public InMemoryDestination(Capabilities capabilities) {
        this.capabilities = capabilities;
    }

    /** Every operation, {@code maxBatchRecords} per batch, one at a time, no rate limit; a snapshot when asked. */
    public static InMemoryDestination withBatches(int maxBatchRecords, boolean snapshot) {
        return new InMemoryDestination(new Capabilities(EnumSet.allOf(Operation.class), maxBatchRecords, 0, 1, Optional.empty(), snapshot));
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    /** From now on, these keys are rejected permanently, whatever the operation. */
    public synchronized void rejectPermanently(String... keys) {
        rejected.addAll(List.of(keys));
    }

    public synchronized void acceptAgain(String... keys) {
        rejected.removeAll(List.of(keys));
    }

    /** The batch written as the {@code number}-th write from now (1: the next) and every later one fail as a whole. */
    public synchronized void failFromWrite(int number, ErrorClass errorClass) {
        failFromBatch = writes + number;
        failWith = errorClass;
    }

    public synchronized void stopFailing() {
        failFromBatch = Integer.MAX_VALUE;
    }

    @Override
    public CheckResult check() {
        return CheckResult.ok("in memory");
    }

    @Override
    public synchronized void start(RunInfo run) {
        started.add(run);
    }

    /** From now on each answered batch reports {@code received} (its size) and {@code invalid} (its rejections), as ad platforms do. */
    public synchronized void reportCounts() {
        reportCounts = true;
    }

    @Override
    public synchronized BatchResult write(RecordBatch batch) {
        writes++;
        if (writes >= failFromBatch) {
            throw new DestinationException(failWith, "in-memory destination: write " + writes + " refused (" + failWith + ")");
        }
        if (!capabilities.supports(batch.operation())) {
            throw new IllegalStateException("in-memory destination: " + batch.operation() + " is not among its capabilities");
        }
        if (batch.size() > capabilities.maxBatchRecords()) {
            throw new IllegalStateException("in-memory destination: batch of " + batch.size() + " over its limit " + capabilities.maxBatchRecords());
        }
        batches.add(batch);
        List<RecordResult> results = new ArrayList<>();
        for (SyncRecord record : batch.records()) {
            sends.merge(record.key(), 1, Integer::sum);
            if (rejected.contains(record.key())) {
                results.add(RecordResult.rejected(record.key(), ErrorClass.PERMANENT, "invalid record " + record.key()));
                continue;
            }
            switch (batch.operation()) {
                case UPSERT -> records.put(record.key(), record.fields());
                case UPDATE -> {
                    if (!records.containsKey(record.key())) {
                        results.add(RecordResult.rejected(record.key(), ErrorClass.PERMANENT, "no record " + record.key() + " to update"));
                        continue;
                    }
                    records.put(record.key(), record.fields());
                }
                case REMOVE -> records.remove(record.key());
            }
            results.add(RecordResult.accepted(record.key(), "id-" + record.key()));
        }
        if (reportCounts) {
            long invalid = results.stream().filter(result -> !result.accepted()).count();
            return new BatchResult(results, java.util.Map.of("received", (long) batch.size(), "invalid", invalid));
        }
        return new BatchResult(results);
    }

    @Override
    public synchronized void finish(RunInfo run, Iterator<SyncRecord> current) {
        List<SyncRecord> all = new ArrayList<>();
        current.forEachRemaining(all::add);
        snapshot = List.copyOf(all);
        finished.add(run);
    }

    /** Key → fields of every record it holds, in key order. */
    public synchronized Map<String, Map<String, Object>> records() {
        return new TreeMap<>(records);
    }

    /** How many times each key was written, over every batch and operation. */
    public synchronized Map<String, Integer> sends() {
        return new TreeMap<>(sends);
    }

    public synchronized List<RecordBatch> batches() {
        return List.copyOf(batches);
    }

    public synchronized List<RunInfo> started() {
        return List.copyOf(started);
    }

    public synchronized List<RunInfo> finished() {
        return List.copyOf(finished);
    }

    /** The records {@code finish} was last given. */
    public synchronized List<SyncRecord> snapshot() {
        return snapshot;
    }

    /** Forgets the batches written so far (the records stay). */
    public synchronized void clearBatches() {
        batches.clear();
        sends.clear();
    }
}
