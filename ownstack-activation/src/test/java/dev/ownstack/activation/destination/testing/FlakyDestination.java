package dev.ownstack.activation.destination.testing;

import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.SyncRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps a destination and answers a seeded random share of writes the ways real destinations fail:
 * 429 with Retry-After, 500, no answer within the sender's timeout (the write then applied or not,
 * as configured: both happen), or a 200 with some records rejected (retryable or permanent).
 * Whether a write fails, and how, depends only on the seed, the batch id and the attempt, not on
 * thread timing. It counts per key how often the key was sent and how often a send of it failed,
 * so a test can check that nothing was sent more often than its failures required.
 *
 * <p>Thread-safe, like the destination it wraps.
 */
public final class FlakyDestination implements Destination {
    /** How a write failed. */
    public enum Fault {
        THROTTLED, SERVER_ERROR, TIMEOUT, RECORD_ERRORS
    }

    /**
     * The shares of writes failing each way (their sum at most 1), and how.
     *
     * @param permanentShare       of the records rejected inside a 200, the share rejected PERMANENT
     * @param retryAfter           the Retry-After of a 429
     * @param hang                 how long a timed-out write takes (longer than the sender's timeout)
     * @param appliedAfterTimeout  the share of timed-out writes applied all the same (0: none, 1: all)
     */
    public record Faults(double throttled, double serverErrors, double timeouts, double recordErrors, double permanentShare,
                         Duration retryAfter, Duration hang, double appliedAfterTimeout) {
        public Faults {
            Objects.requireNonNull(retryAfter, "retryAfter");
            Objects.requireNonNull(hang, "hang");
            double sum = throttled + serverErrors + timeouts + recordErrors;
            if (throttled < 0 || serverErrors < 0 || timeouts < 0 || recordErrors < 0 || sum > 1) {
                throw new IllegalArgumentException("fault shares must be at least 0 and add up to at most 1, got " + sum);
            }
            if (!(permanentShare >= 0 && permanentShare <= 1) || !(appliedAfterTimeout >= 0 && appliedAfterTimeout <= 1)) {
                throw new IllegalArgumentException("permanentShare and appliedAfterTimeout must be in [0, 1], got " + permanentShare + " and "
                        + appliedAfterTimeout);
            }
        }

        /** {@code share} of writes failing, split evenly over the four ways; records rejected inside a 200 are retryable. */
        public static Faults evenly(double share, Duration retryAfter, Duration hang, double appliedAfterTimeout) {
            double each = share / 4;
            return new Faults(each, each, each, each, 0, retryAfter, hang, appliedAfterTimeout);
        }

        public Faults withPermanentShare(double share) {
            return new Faults(throttled, serverErrors, timeouts, recordErrors, share, retryAfter, hang, appliedAfterTimeout);
        }
    }

    private final Destination inner;
    private final Faults faults;
    private final long seed;
    private volatile boolean enabled = true;
    private final Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<Fault, AtomicLong> faultCounts = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();

    public FlakyDestination(Destination inner, Faults faults, long seed) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.seed = seed;
    }

    /** Turns the faults off (true) or back on. */
    public void healthy(boolean healthy) {
        this.enabled = !healthy;
    }

    @Override
    public CheckResult check() {
        return inner.check();
    }

    @Override
    public void start(RunInfo run) {
        inner.start(run);
    }

    @Override
    public void finish(RunInfo run, Iterator<SyncRecord> current) {
        inner.finish(run, current);
    }

    @Override
    public BatchResult write(RecordBatch batch) {
        writes.incrementAndGet();
        for (SyncRecord record : batch.records()) {
            sends.computeIfAbsent(record.key(), k -> new AtomicInteger()).incrementAndGet();
        }
        SplittableRandom random = new SplittableRandom(seed ^ (batch.id().hashCode() * 0x9E3779B97F4A7C15L) ^ batch.attempt() * 0xC2B2AE3D27D4EB4FL);
        double draw = enabled ? random.nextDouble() : 1;
        double bound = faults.throttled();
        if (draw < bound) {
            failed(Fault.THROTTLED, batch.records());
            throw new DestinationException(ErrorClass.THROTTLED, "429 Too Many Requests (batch " + batch.id() + ")",
                    java.util.Optional.of(faults.retryAfter()), null);
        }
        if (draw < (bound += faults.serverErrors())) {
            failed(Fault.SERVER_ERROR, batch.records());
            throw new DestinationException(ErrorClass.RETRYABLE, "500 Internal Server Error (batch " + batch.id() + ")");
        }
        if (draw < (bound += faults.timeouts())) {
            failed(Fault.TIMEOUT, batch.records());
            boolean applied = random.nextDouble() < faults.appliedAfterTimeout();
            hang();
            if (applied) {
                return inner.write(batch);
            }
            throw new DestinationException(ErrorClass.RETRYABLE, "timed out (batch " + batch.id() + ")");
        }
        if (draw < bound + faults.recordErrors()) {
            return withRecordErrors(batch, random);
        }
        return inner.write(batch);
    }

    /** Rejects about half the records (at least one), passes the rest on, and answers for all. */
    private BatchResult withRecordErrors(RecordBatch batch, SplittableRandom random) {
        List<SyncRecord> passed = new ArrayList<>();
        List<RecordResult> rejected = new ArrayList<>();
        List<SyncRecord> failedRecords = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            SyncRecord record = batch.records().get(i);
            boolean reject = random.nextBoolean() || (i == batch.size() - 1 && rejected.isEmpty());
            if (reject) {
                ErrorClass errorClass = random.nextDouble() < faults.permanentShare() ? ErrorClass.PERMANENT : ErrorClass.RETRYABLE;
                rejected.add(RecordResult.rejected(record.key(), errorClass, "record error " + errorClass + " (batch " + batch.id() + ")"));
                failedRecords.add(record);
            } else {
                passed.add(record);
            }
        }
        failed(Fault.RECORD_ERRORS, failedRecords);
        List<RecordResult> results = new ArrayList<>(rejected);
        if (!passed.isEmpty()) {
            results.addAll(inner.write(new RecordBatch(batch.id(), batch.run(), batch.operation(), passed, batch.attempt())).results());
        }
        return new BatchResult(results);
    }

    private void hang() {
        try {
            Thread.sleep(faults.hang().toMillis());
        } catch (InterruptedException e) {
            // the sender gave up on the write; it goes on as a server would, without the caller
        }
    }

    private void failed(Fault fault, List<SyncRecord> records) {
        faultCounts.computeIfAbsent(fault, f -> new AtomicLong()).incrementAndGet();
        for (SyncRecord record : records) {
            failures.computeIfAbsent(record.key(), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** How many times the key was sent. */
    public int sends(String key) {
        AtomicInteger count = sends.get(key);
        return count == null ? 0 : count.get();
    }

    /** How many of the key's sends failed (throttled, 5xx, timed out, or rejected inside a 200). */
    public int failures(String key) {
        AtomicInteger count = failures.get(key);
        return count == null ? 0 : count.get();
    }

    public Map<String, Integer> sendsByKey() {
        Map<String, Integer> copy = new HashMap<>();
        sends.forEach((key, count) -> copy.put(key, count.get()));
        return copy;
    }

    public long faults(Fault fault) {
        AtomicLong count = faultCounts.get(fault);
        return count == null ? 0 : count.get();
    }

    public long writes() {
        return writes.get();
    }

    @Override
    public void close() {
        inner.close();
    }
}
