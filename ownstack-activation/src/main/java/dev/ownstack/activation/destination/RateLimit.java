package dev.ownstack.activation.destination;

import java.time.Duration;
import java.util.Objects;

/** A published request limit: at most {@code requests} requests per {@code period}. */
public record RateLimit(int requests, Duration period) {
    public RateLimit {
        Objects.requireNonNull(period, "period");
        if (requests < 1) {
            throw new IllegalArgumentException("a rate limit allows at least 1 request, got " + requests);
        }
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rate limit's period must be positive, got " + period);
        }
    }

    /** Requests per second. */
    public double perSecond() {
        return requests / (period.toNanos() / 1e9);
    }
}
