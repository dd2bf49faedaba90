package dev.ownstack.activation.sync.delivery;

import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends records to one destination within its declared limits. One instance per destination,
 * shared by every sync that writes to it: its threads, its concurrency slots, its rate limit and
 * its hold-off after a throttle are the destination's, so the syncs' requests together stay within
 * them and one destination's trouble never touches another's.
 *
 * <p>{@link #send} reads the records on the calling thread, cuts batches by records and bytes, and
 * hands each batch to a thread of its own; at most {@link Capabilities#maxConcurrency()} writes run
 * at once and their starts are paced by {@link RequestPacer}. What happens after a failure:
 * <ul>
 *   <li>THROTTLED (batch or record): every thread of the sender holds off for the Retry-After (or
 *       one rate window, or a backoff), then the records are sent again without spending a retry;</li>
 *   <li>RETRYABLE (batch, record, or a write that outlasts {@link DeliveryPolicy#writeTimeout()}):
 *       sent again after a fully jittered exponential backoff, up to
 *       {@link DeliveryPolicy#maxAttempts()} sends, then reported rejected; a whole batch that
 *       outlasts its retries also stops the delivery (the destination is down);</li>
 *   <li>AUTH: the delivery stops; batches already written are reported, no further batch is sent;</li>
 *   <li>PERMANENT: the records are reported rejected.</li>
 * </ul>
 * A batch retried whole keeps its id with a growing attempt; the records a batch still has to
 * retry after some were accepted go out as a new batch with an id of its own.
 */
public final class DestinationSender implements Sender, AutoCloseable {
    private final String name;
    private final Destination destination;
    private final Capabilities capabilities;
    private final DeliveryPolicy policy;
    private final RequestPacer pacer;
    private final Semaphore slots;
    private final ExecutorService batches;
    private final ExecutorService writes;
    private final AtomicLong sequence = new AtomicLong();

    public DestinationSender(String name, Destination destination, Capabilities capabilities, DeliveryPolicy policy) {
        this.name = Objects.requireNonNull(name, "name");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.pacer = new RequestPacer(capabilities.rateLimit(), policy.rateMargin());
        this.slots = new Semaphore(capabilities.maxConcurrency(), true);
        this.batches = Executors.newCachedThreadPool(threads("ownstack-send-" + name + "-"));
        this.writes = Executors.newCachedThreadPool(threads("ownstack-write-" + name + "-"));
    }

    public String name() {
        return name;
    }

    @Override
    public DeliveryReport send(RunInfo run, Operation operation, Iterator<SyncRecord> records, DeliveryListener listener) {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(listener, "listener");
        if (!capabilities.supports(operation)) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "destination " + name + " does not support " + operation
                    + "; it supports " + capabilities.operations());
        }
        Delivery delivery = new Delivery(run, operation, listener, capabilities.maxConcurrency() * 2 + 1);
        String prefix = run.sync() + "-" + run.runId() + "-" + operation.name().toLowerCase(Locale.ROOT) + "-";
        try {
            try {
                BatchCutter cutter = new BatchCutter(records, capabilities);
                while (!delivery.isStopped() && cutter.hasNext()) {
                    List<SyncRecord> batch = cutter.next();
                    delivery.openBatch(batch.size());
                    String id = prefix + sequence.incrementAndGet();
                    try {
                        batches.execute(() -> deliver(delivery, prefix, id, batch));
                    } catch (RejectedExecutionException e) {
                        delivery.closeBatch();
                        throw new OwnstackException(ErrorCode.INTERNAL, "the sender of destination " + name + " is closed", e);
                    }
                }
            } catch (RuntimeException e) {
                delivery.abandon(e);
            }
            delivery.awaitBatches();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery.abandon(new OwnstackException(ErrorCode.INTERNAL, "interrupted while sending to destination " + name, e));
        }
        Optional<RuntimeException> failure = delivery.failure();
        if (failure.isPresent()) {
            throw failure.get();
        }
        return delivery.report();
    }

    /** One batch from its first send until each of its records is reported or the delivery stops. */
    private void deliver(Delivery delivery, String prefix, String firstId, List<SyncRecord> records) {
        try {
            List<Pending> pending = new ArrayList<>(records.size());
            for (SyncRecord record : records) {
                pending.add(new Pending(record));
            }
            String id = firstId;
            int attempt = 1;
            int throttles = 0;
            while (!pending.isEmpty() && !delivery.isStopped()) {
                RecordBatch batch = new RecordBatch(id, delivery.run, delivery.operation, pending.stream().map(Pending::record).toList(), attempt);
                pending.forEach(Pending::sent);
                Outcome outcome = write(delivery, batch, throttles + 1);
                if (outcome == null) {
                    return;
                }
                List<Pending> again;
                Optional<Duration> throttle = Optional.empty();
                boolean backoff;
                if (outcome.failure != null) {
                    DestinationException failure = outcome.failure;
                    switch (failure.errorClass()) {
                        case AUTH -> {
                            delivery.stop(failure);
                            return;
                        }
                        case PERMANENT -> {
                            for (Pending record : pending) {
                                delivery.rejected(record.record, RecordResult.rejected(record.key(), ErrorClass.PERMANENT, failure.getMessage()),
                                        record.sends);
                            }
                            return;
                        }
                        case THROTTLED -> throttle = Optional.of(failure.retryAfter().orElse(Duration.ZERO));
                        case RETRYABLE -> {
                        }
                    }
                    if (throttle.isPresent() && ++throttles <= policy.maxThrottles()) {
                        again = pending;
                        backoff = false;
                    } else {
                        throttle = Optional.empty();
                        throttles = 0;
                        again = afterFailure(delivery, pending, failure.getMessage());
                        backoff = true;
                        if (again.isEmpty()) {
                            delivery.stop(failure);
                            return;
                        }
                    }
                } else {
                    Sorted sorted = sort(delivery, pending, outcome.result);
                    throttle = sorted.throttle;
                    boolean throttleSpent = throttle.isPresent() && ++throttles > policy.maxThrottles();
                    if (throttleSpent) {
                        throttle = Optional.empty();
                        throttles = 0;
                        sorted.failed.forEach(record -> record.throttled = false);
                    }
                    again = afterFailure(delivery, sorted.failed, null);
                    backoff = throttleSpent || sorted.retryable;
                }
                if (again.isEmpty()) {
                    return;
                }
                if (again.size() == pending.size()) {
                    attempt++;
                } else {
                    id = prefix + sequence.incrementAndGet();
                    attempt = 1;
                }
                pending = again;
                if (throttle.isPresent()) {
                    delivery.countThrottle(); // the hold-off itself was set before the write's slot was free
                }
                if (backoff) {
                    delivery.countRetry();
                    int failures = pending.stream().mapToInt(p -> p.failures).max().orElse(1);
                    long nanos = policy.backoff(failures, ThreadLocalRandom.current().nextDouble()).toNanos();
                    delivery.countWait(nanos);
                    delivery.sleep(nanos);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery.abandon(new OwnstackException(ErrorCode.INTERNAL, "interrupted while sending to destination " + name, e));
        } catch (RuntimeException | Error e) {
            delivery.abandon(new OwnstackException(ErrorCode.INTERNAL, "sending to destination " + name + " failed: " + e, e));
        } finally {
            delivery.closeBatch();
        }
    }

    /** Counts a transient failure for each record not merely throttled; reports those out of attempts (with the batch's message, or their own) and returns the rest. */
    private List<Pending> afterFailure(Delivery delivery, List<Pending> failed, String batchMessage) {
        List<Pending> again = new ArrayList<>(failed.size());
        for (Pending record : failed) {
            if (!record.throttled) {
                record.failures++;
            }
            if (record.failures >= policy.maxAttempts()) {
                String message = batchMessage != null ? batchMessage : record.message;
                delivery.rejected(record.record, RecordResult.rejected(record.key(), ErrorClass.RETRYABLE,
                        "still failing after " + record.sends + " sends: " + message), record.sends);
            } else {
                again.add(record);
            }
        }
        return again;
    }

    /** Reports what the destination accepted or refused for good, and collects the rest to send again. */
    private Sorted sort(Delivery delivery, List<Pending> pending, BatchResult result) {
        if (!result.reported().isEmpty()) {
            delivery.reported(result.reported());
        }
        Map<String, RecordResult> byKey = new HashMap<>(result.results().size() * 2);
        for (RecordResult record : result.results()) {
            byKey.put(record.key(), record);
        }
        List<SyncRecord> accepted = new ArrayList<>(pending.size());
        List<RecordResult> acceptedResults = new ArrayList<>(pending.size());
        Sorted sorted = new Sorted();
        for (Pending record : pending) {
            RecordResult answer = byKey.get(record.key());
            if (answer == null) {
                record.message = "destination " + name + " returned no result for the record";
                sorted.failed.add(record);
                sorted.retryable = true;
            } else if (answer.accepted()) {
                accepted.add(record.record);
                acceptedResults.add(answer);
            } else if (answer.errorClass().orElseThrow() == ErrorClass.PERMANENT) {
                delivery.rejected(record.record, answer, record.sends);
            } else if (answer.errorClass().orElseThrow() == ErrorClass.THROTTLED) {
                record.message = answer.message();
                record.throttled = true;
                sorted.failed.add(record);
                Duration wait = answer.retryAfter().orElse(Duration.ZERO);
                sorted.throttle = Optional.of(sorted.throttle.map(before -> before.compareTo(wait) >= 0 ? before : wait).orElse(wait));
            } else {
                // RETRYABLE, and AUTH for a single record: nothing the run can fix, but another run may
                record.message = answer.message();
                sorted.failed.add(record);
                sorted.retryable = true;
            }
        }
        if (!accepted.isEmpty()) {
            delivery.accepted(accepted, acceptedResults);
        }
        return sorted;
    }

    /**
     * One write within a concurrency slot, at its paced time; null when the delivery stopped
     * meanwhile. An authentication failure stops the delivery, and a throttle holds off every
     * thread, before the slot is free, so that no other write starts in between.
     */
    private Outcome write(Delivery delivery, RecordBatch batch, int throttles) throws InterruptedException {
        slots.acquire();
        try {
            // wait here for the start the pacer would give now; the write's own thread takes its start just before writing
            for (long now = System.nanoTime(), at = pacer.earliest(now); at - now > 0; now = System.nanoTime(), at = pacer.earliest(now)) {
                delivery.countWait(at - now);
                if (!delivery.sleep(at - now)) {
                    return null;
                }
            }
            if (delivery.isStopped()) {
                return null;
            }
            delivery.countRequest();
            Outcome outcome = timed(delivery, batch);
            if (outcome.failure != null && outcome.failure.errorClass() == ErrorClass.AUTH) {
                delivery.stop(outcome.failure);
            }
            outcome.throttle().ifPresent(wait -> pacer.holdOff(System.nanoTime(), wait.isZero() ? throttleEstimate(throttles) : wait));
            return outcome;
        } finally {
            slots.release();
        }
    }

    /**
     * The write on a thread of its own, so that one that hangs past the timeout cannot hold the
     * batch. That thread takes the write's start from the pacer right before writing, so the time
     * the pacer counts is the time the request leaves, however late the thread got to run; the
     * timeout counts from then.
     */
    private Outcome timed(Delivery delivery, RecordBatch batch) throws InterruptedException {
        CountDownLatch began = new CountDownLatch(1);
        Future<BatchResult> written = writes.submit(() -> {
            try {
                long now = System.nanoTime();
                long start = pacer.reserve(now);
                while (start - now > 0 || pacer.heldAt(start)) {
                    if (start - now > 0) {
                        delivery.countWait(start - now);
                        TimeUnit.NANOSECONDS.sleep(start - now);
                    }
                    now = System.nanoTime();
                    if (pacer.heldAt(start)) {
                        start = pacer.reserve(now);
                    } else {
                        break;
                    }
                }
            } finally {
                began.countDown();
            }
            return destination.write(batch);
        });
        try {
            began.await();
            return new Outcome(Objects.requireNonNull(written.get(policy.writeTimeout().toNanos(), TimeUnit.NANOSECONDS), "batch result"), null);
        } catch (InterruptedException e) {
            written.cancel(true);
            throw e;
        } catch (TimeoutException e) {
            written.cancel(true);
            return new Outcome(null, new DestinationException(ErrorClass.RETRYABLE, "destination " + name + " did not answer batch "
                    + batch.id() + " within " + policy.writeTimeout(), Optional.empty(), e));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DestinationException failure) {
                return new Outcome(null, failure);
            }
            if (cause instanceof Error error) {
                throw error;
            }
            return new Outcome(null, new DestinationException(ErrorClass.RETRYABLE, "destination " + name + " failed on batch "
                    + batch.id() + ": " + cause, Optional.empty(), cause));
        }
    }

    private Duration throttleEstimate(int throttles) {
        return pacer.window().orElseGet(() -> policy.backoffCeiling(Math.max(throttles, 1)));
    }

    /** Stops the sender's threads; a write still running is interrupted. The destination is closed by whoever opened it. */
    @Override
    public void close() {
        batches.shutdownNow();
        writes.shutdownNow();
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Outcome(BatchResult result, DestinationException failure) {
        /** How long the destination asked to wait (zero: it did not say), when it throttled the batch or any of its records. */
        Optional<Duration> throttle() {
            if (failure != null) {
                return failure.errorClass() == ErrorClass.THROTTLED ? Optional.of(failure.retryAfter().orElse(Duration.ZERO)) : Optional.empty();
            }
            return result.results().stream().filter(r -> r.errorClass().filter(c -> c == ErrorClass.THROTTLED).isPresent())
                    .map(r -> r.retryAfter().orElse(Duration.ZERO)).max(Duration::compareTo);
        }
    }

    private static final class Sorted {
        /** Records to send again (throttled or failed transiently), in the batch's order. */
        final List<Pending> failed = new ArrayList<>();
        boolean retryable;
        Optional<Duration> throttle = Optional.empty();
    }

    /** A record of a batch in flight: how often it was sent, how many of those failed transiently, and the last message. */
    private static final class Pending {
        final SyncRecord record;
        int sends;
        int failures;
        boolean throttled;
        String message = "";

        Pending(SyncRecord record) {
            this.record = record;
        }

        SyncRecord record() {
            return record;
        }

        String key() {
            return record.key();
        }

        void sent() {
            sends++;
            throttled = false;
        }
    }
}
