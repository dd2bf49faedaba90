package dev.ownstack.activation.sync.delivery;

import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.SyncRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Collects what a sender reports: every call per key, so a test can check each record ends in exactly one. */
final class RecordingListener implements DeliveryListener {
    record Rejection(String key, ErrorClass errorClass, String message, int attempts) {
    }

    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final List<String> accepted = new CopyOnWriteArrayList<>();
    final List<Rejection> rejected = new CopyOnWriteArrayList<>();

    @Override
    public void accepted(Operation operation, List<SyncRecord> records, List<RecordResult> results) {
        if (records.size() != results.size()) {
            throw new IllegalStateException("accepted " + records.size() + " records with " + results.size() + " results");
        }
        for (int i = 0; i < records.size(); i++) {
            if (!records.get(i).key().equals(results.get(i).key()) || !results.get(i).accepted()) {
                throw new IllegalStateException("result " + results.get(i) + " does not accept record " + records.get(i).key());
            }
            accepted.add(records.get(i).key());
            calls.computeIfAbsent(records.get(i).key(), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Override
    public void rejected(Operation operation, SyncRecord record, RecordResult result, int attempts) {
        rejected.add(new Rejection(record.key(), result.errorClass().orElseThrow(), result.message(), attempts));
        calls.computeIfAbsent(record.key(), k -> new AtomicInteger()).incrementAndGet();
    }

    /** Whether every key was reported exactly once and no other key was. */
    boolean reportedEachOnce(List<SyncRecord> records) {
        if (calls.size() != records.size()) {
            return false;
        }
        return records.stream().allMatch(r -> calls.containsKey(r.key()) && calls.get(r.key()).get() == 1);
    }
}
