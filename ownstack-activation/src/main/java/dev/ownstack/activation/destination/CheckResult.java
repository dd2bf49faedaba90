package dev.ownstack.activation.destination;

import java.util.Objects;

/**
 * The answer of {@link Destination#check()}: whether the destination is reachable with these
 * settings and credentials, and what was checked or what failed, in words a user can act on.
 */
public record CheckResult(boolean ok, String message) {
    public CheckResult {
        Objects.requireNonNull(message, "message");
    }

    public static CheckResult ok(String message) {
        return new CheckResult(true, message);
    }

    public static CheckResult failed(String message) {
        return new CheckResult(false, message);
    }
}
