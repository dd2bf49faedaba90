package dev.ownstack.activation.sync.delivery;

import dev.ownstack.activation.destination.RateLimit;
import java.time.Duration;
import java.util.Optional;

/**
 * Paces one destination's requests: at most {@code requests} starts in any window of
 * {@code period} (stretched by the margin), and none while the destination asked to hold off.
 * A sliding log of the last {@code requests} start times: the bucket holds the whole published
 * window, so a burst never exceeds it, and unlike a refilling bucket no window ever holds more.
 * Thread-safe: every thread of the destination's sender reserves its start time here.
 */
final class RequestPacer {
    private final long[] starts;
    private final long windowNanos;
    private int oldest;
    private long holdUntil = Long.MIN_VALUE;
    private boolean holding;

    RequestPacer(Optional<RateLimit> limit, double margin) {
        this.starts = limit.map(l -> new long[l.requests()]).orElse(new long[0]);
        this.windowNanos = limit.map(l -> (long) Math.ceil(l.period().toNanos() * (1 + margin))).orElse(0L);
        java.util.Arrays.fill(starts, Long.MIN_VALUE);
    }

    /**
     * Reserves the earliest start time (in {@link System#nanoTime()} terms) at or after {@code now}
     * that keeps every window within the limit and respects the hold-off. Reserved times never
     * decrease.
     */
    synchronized long reserve(long now) {
        long at = earliest(now);
        if (starts.length > 0) {
            long last = starts[(oldest + starts.length - 1) % starts.length];
            if (last != Long.MIN_VALUE && last - at > 0) {
                at = last; // a caller's clock reading may be older than another's reservation: keep the log in order
            }
            starts[oldest] = at;
            oldest = (oldest + 1) % starts.length;
        }
        return at;
    }

    /** The start {@link #reserve} would give now, without reserving it. */
    synchronized long earliest(long now) {
        long at = now;
        if (holding && holdUntil - at > 0) {
            at = holdUntil;
        }
        if (starts.length > 0 && starts[oldest] != Long.MIN_VALUE && starts[oldest] + windowNanos - at > 0) {
            at = starts[oldest] + windowNanos;
        }
        return at;
    }

    /** No request starts before {@code now + wait}, on any thread (a 429 with Retry-After). */
    synchronized void holdOff(long now, Duration wait) {
        long until = now + wait.toNanos();
        if (!holding || until - holdUntil > 0) {
            holdUntil = until;
            holding = true;
        }
    }

    /** Whether a hold-off reaches past {@code time}: a start reserved before the hold-off was set must be reserved again. */
    synchronized boolean heldAt(long time) {
        return holding && holdUntil - time > 0;
    }

    /** How long to wait after a throttle that gave no Retry-After: one (stretched) window, when the limit is known. */
    Optional<Duration> window() {
        return starts.length == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(windowNanos));
    }
}
