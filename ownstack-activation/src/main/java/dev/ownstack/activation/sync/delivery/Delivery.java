package dev.ownstack.activation.sync.delivery;

import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.SyncRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The state of one {@link Sender#send} call, shared by the threads delivering its batches: the
 * counts of its report, whether it stopped and why, and how many batches are still open.
 */
final class Delivery {
    final RunInfo run;
    final Operation operation;
    private final DeliveryListener listener;
    private final Semaphore open;
    private final int maxOpen;
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong waitedNanos = new AtomicLong();
    private final AtomicReference<DestinationException> stoppedBy = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    Delivery(RunInfo run, Operation operation, DeliveryListener listener, int maxOpen) {
        this.run = run;
        this.operation = operation;
        this.listener = listener;
        this.maxOpen = maxOpen;
        this.open = new Semaphore(maxOpen);
    }

    /** Before a new batch is handed to a thread: waits while {@code maxOpen} batches are open, so records are read as they are sent. */
    void openBatch(int size) throws InterruptedException {
        open.acquire();
        records.addAndGet(size);
    }

    /** A batch's every record was reported, or the delivery stopped. */
    void closeBatch() {
        open.release();
    }

    /** Waits until every open batch is closed. */
    void awaitBatches() throws InterruptedException {
        open.acquire(maxOpen);
        open.release(maxOpen);
    }

    void accepted(List<SyncRecord> sent, List<RecordResult> results) {
        guard(() -> listener.accepted(operation, sent, results));
    }

    void reported(Map<String, Long> counts) {
        guard(() -> listener.reported(counts));
    }

    void rejected(SyncRecord record, RecordResult result, int attempts) {
        guard(() -> listener.rejected(operation, record, result, attempts));
    }

    /** A listener that fails (its warehouse write failed) stops the delivery; {@link Sender#send} rethrows its exception. */
    private void guard(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            stopped.countDown();
        }
    }

    void stop(DestinationException cause) {
        stoppedBy.compareAndSet(null, cause);
        stopped.countDown();
    }

    void abandon(RuntimeException cause) {
        failure.compareAndSet(null, cause);
        stopped.countDown();
    }

    boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /** Sleeps {@code nanos}, or less when the delivery stops meanwhile; returns whether it slept the whole time. */
    boolean sleep(long nanos) throws InterruptedException {
        return nanos <= 0 || !stopped.await(nanos, TimeUnit.NANOSECONDS);
    }

    void countRequest() {
        requests.incrementAndGet();
    }

    void countRetry() {
        retries.incrementAndGet();
    }

    void countThrottle() {
        throttled.incrementAndGet();
    }

    void countWait(long nanos) {
        waitedNanos.addAndGet(Math.max(nanos, 0));
    }

    Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure.get());
    }

    DeliveryReport report() {
        return new DeliveryReport(records.get(), requests.get(), retries.get(), throttled.get(), Duration.ofNanos(waitedNanos.get()),
                Optional.ofNullable(stoppedBy.get()));
    }
}
