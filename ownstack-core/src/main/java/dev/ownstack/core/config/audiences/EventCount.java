package dev.ownstack.core.config.audiences;

import java.util.Locale;
import java.util.Objects;

/** How many matching events: {@code {"operator": "at-least", "value": 2}}. */
public record EventCount(Operator operator, long value) {
    public static final EventCount AT_LEAST_ONCE = new EventCount(Operator.AT_LEAST, 1);

    public EventCount {
        Objects.requireNonNull(operator, "operator");
        if (value < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + value);
        }
    }

    /** Whether a customer without any matching event meets the count (at most N, exactly 0, at least 0). */
    public boolean includesZero() {
        return switch (operator) {
            case AT_LEAST -> value == 0;
            case AT_MOST -> true;
            case EXACTLY -> value == 0;
        };
    }

    /** The comparisons of a count, written with dashes in JSON. */
    public enum Operator {
        AT_LEAST, AT_MOST, EXACTLY;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
