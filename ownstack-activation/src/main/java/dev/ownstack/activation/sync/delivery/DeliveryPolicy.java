package dev.ownstack.activation.sync.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link DestinationSender} retries and how long it waits for a destination.
 *
 * @param backoffBase  the first retry waits up to this long (full jitter: a random time between 0
 *                     and {@code min(cap, base * 2^(failures - 1))})
 * @param backoffCap   no retry waits longer than this
 * @param maxAttempts  a record is sent at most this many times with transient failures (5xx,
 *                     timeouts) before it is reported rejected; throttling does not count
 * @param maxThrottles a batch throttled this many times in a row counts the next throttle as a
 *                     transient failure, so that a destination that never lets up cannot hold a
 *                     run forever
 * @param writeTimeout a write that has not returned after this long counts as a transient failure
 * @param rateMargin   the share by which the sender stretches a destination's rate-limit window,
 *                     so that requests still fall within the limit when they reach the vendor a
 *                     little later than they left
 */
public record DeliveryPolicy(Duration backoffBase, Duration backoffCap, int maxAttempts, int maxThrottles, Duration writeTimeout,
                             double rateMargin) {
    public static final DeliveryPolicy DEFAULT =
            new DeliveryPolicy(Duration.ofMillis(500), Duration.ofSeconds(60), 6, 100, Duration.ofMinutes(2), 0.03);

    public DeliveryPolicy {
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffCap, "backoffCap");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        if (backoffBase.isNegative() || backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoff base must be at least 0 and at most the cap, got " + backoffBase + " and " + backoffCap);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (maxThrottles < 1) {
            throw new IllegalArgumentException("maxThrottles must be at least 1, got " + maxThrottles);
        }
        if (writeTimeout.isZero() || writeTimeout.isNegative()) {
            throw new IllegalArgumentException("writeTimeout must be positive, got " + writeTimeout);
        }
        if (!(rateMargin >= 0 && rateMargin < 1)) {
            throw new IllegalArgumentException("rateMargin must be in [0, 1), got " + rateMargin);
        }
    }

    public DeliveryPolicy withBackoff(Duration base, Duration cap, int attempts) {
        return new DeliveryPolicy(base, cap, attempts, maxThrottles, writeTimeout, rateMargin);
    }

    public DeliveryPolicy withWriteTimeout(Duration timeout) {
        return new DeliveryPolicy(backoffBase, backoffCap, maxAttempts, maxThrottles, timeout, rateMargin);
    }

    public DeliveryPolicy withRateMargin(double margin) {
        return new DeliveryPolicy(backoffBase, backoffCap, maxAttempts, maxThrottles, writeTimeout, margin);
    }

    /** The longest wait before the retry that follows the given number of transient failures (at least 1). */
    public Duration backoffCeiling(int failures) {
        int shift = Math.min(Math.max(failures - 1, 0), 40);
        long nanos = backoffBase.toNanos();
        long ceiling = nanos > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : nanos << shift;
        return Duration.ofNanos(Math.min(ceiling, backoffCap.toNanos()));
    }

    /** Full jitter: a uniformly random wait below {@link #backoffCeiling}, given a uniform random number in [0, 1). */
    public Duration backoff(int failures, double random) {
        return Duration.ofNanos((long) (backoffCeiling(failures).toNanos() * random));
    }
}
