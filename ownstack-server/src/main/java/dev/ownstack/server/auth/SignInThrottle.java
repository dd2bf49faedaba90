package dev.ownstack.server.auth;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed sign-ins per user name and client address: after {@code maxFailures} failures
 * within {@code window}, further attempts from that address for that name are refused without
 * checking the password until the oldest failure leaves the window. Each check costs an Argon2id
 * hash besides, so guessing is slow from the first attempt. Thread-safe.
 */
public final class SignInThrottle {
    public static final int MAX_FAILURES = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;

    public SignInThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** How long the name must wait at this address before trying again; empty when it may try now. */
    public Optional<Duration> wait(String name, String address) {
        Deque<Instant> times = failures.get(key(name, address));
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            Instant now = clock.instant();
            times.removeIf(time -> !time.plus(window).isAfter(now));
            if (times.size() < maxFailures) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, times.peekFirst().plus(window)));
        }
    }

    /** Throws OVERLOADED saying how long to wait when the name may not try now. */
    public void check(String name, String address) {
        Optional<Duration> wait = wait(name, address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds());
            throw new OwnstackException(ErrorCode.OVERLOADED, "too many failed sign-ins for '" + name + "' from " + address + "; try again in "
                    + seconds + " seconds");
        }
    }

    public void failed(String name, String address) {
        if (failures.size() >= MAX_TRACKED) {
            Instant now = clock.instant();
            failures.values().removeIf(times -> {
                synchronized (times) {
                    return times.isEmpty() || !times.peekLast().plus(window).isAfter(now);
                }
            });
        }
        Deque<Instant> times = failures.computeIfAbsent(key(name, address), k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.instant());
        }
    }

    public void succeeded(String name, String address) {
        failures.remove(key(name, address));
    }

    private static String key(String name, String address) {
        return name + "\n" + address;
    }
}
