package dev.ownstack.destinations.pii;

import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One prepared value: either what to send, nothing (the input was blank), or why it cannot be sent.
 *
 * @param value   exactly what to send: normalised, then SHA-256 lower-case hex where the profile hashes the field
 * @param problem why the input cannot be sent, naming the field and the value's shape (masked, never the whole value)
 */
public record PiiResult(Optional<String> value, Optional<String> problem) {
    private static final PiiResult BLANK = new PiiResult(Optional.empty(), Optional.empty());

    public PiiResult {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(problem, "problem");
        if (value.isPresent() && problem.isPresent()) {
            throw new IllegalArgumentException("a prepared value has either a value or a problem, not both");
        }
        if (value.isPresent() && value.get().isEmpty()) {
            throw new IllegalArgumentException("a prepared value is never empty: use PiiResult.blank()");
        }
    }

    public static PiiResult ok(String value) {
        return new PiiResult(Optional.of(value), Optional.empty());
    }

    public static PiiResult blank() {
        return BLANK;
    }

    public static PiiResult invalid(String problem) {
        return new PiiResult(Optional.empty(), Optional.of(problem));
    }

    public boolean isOk() {
        return value.isPresent();
    }

    public boolean isBlank() {
        return value.isEmpty() && problem.isEmpty();
    }

    public boolean isInvalid() {
        return problem.isPresent();
    }

    /** The same result with its value passed through {@code step} when there is one. */
    PiiResult map(UnaryOperator<String> step) {
        return value.map(v -> ok(step.apply(v))).orElse(this);
    }
}
