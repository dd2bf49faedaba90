package dev.ownstack.core.config.audiences;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * An operator with its values; how many values it takes is the operator's {@link Operator.Arity}.
 * Whether the values suit the compared column is checked when the rule is compiled.
 */
public record Comparison(Operator operator, List<RuleValue> values) {
    /** The most days a day-count operator accepts (about 1,000 years). */
    public static final int MAX_DAYS = 366_000;

    public Comparison {
        Objects.requireNonNull(operator, "operator");
        values = List.copyOf(values);
        int size = values.size();
        boolean ok = switch (operator.arity()) {
            case NONE -> size == 0;
            case ONE, DAYS -> size == 1;
            case TWO -> size == 2;
            case LIST -> size >= 1;
        };
        if (!ok) {
            throw new IllegalArgumentException(operator.jsonName() + " takes " + operator.arity() + " values, got " + size);
        }
        if (operator.arity() == Operator.Arity.DAYS && !isWholeDays(values.get(0))) {
            throw new IllegalArgumentException(operator.jsonName() + " takes a whole number of days from 1 to " + MAX_DAYS
                    + ", got " + values.get(0).describe());
        }
    }

    public static Comparison of(Operator operator, RuleValue... values) {
        return new Comparison(operator, List.of(values));
    }

    /** The value of a single-value operator. */
    public RuleValue value() {
        return values.get(0);
    }

    /** The day count of {@code within-last-days} and {@code more-than-days-ago}. */
    public int days() {
        if (operator.arity() != Operator.Arity.DAYS) {
            throw new IllegalStateException(operator.jsonName() + " has no day count");
        }
        return ((RuleValue.Number) values.get(0)).value().intValueExact();
    }

    static boolean isWholeDays(RuleValue value) {
        if (!(value instanceof RuleValue.Number number)) {
            return false;
        }
        BigDecimal days = number.value();
        return days.signum() > 0 && days.stripTrailingZeros().scale() <= 0 && days.compareTo(BigDecimal.valueOf(MAX_DAYS)) <= 0;
    }
}
