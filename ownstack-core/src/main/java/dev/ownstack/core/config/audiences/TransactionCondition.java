package dev.ownstack.core.config.audiences;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A measure of the customer's rows of {@code model.transactions} compared to a value:
 * {@code {"transactions": "sum", "of": "amount", "operator": "greater", "value": 500, "within-days": 365}}.
 * A customer without transactions in the window has a count and a sum of 0 and no average (so no
 * comparison of an average holds for them).
 *
 * @param measure    count, sum or average
 * @param of         the column summed or averaged ({@code amount} unless given); unused by count
 * @param comparison how the measure compares; a number comparison
 * @param window     which transactions count, by {@code occurred_at}
 * @param types      only transactions whose {@code type} is one of these; empty for all
 */
public record TransactionCondition(Measure measure, String of, Comparison comparison, TimeWindow window, List<String> types)
        implements AudienceRule {
    public static final String DEFAULT_COLUMN = "amount";

    public TransactionCondition {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(of, "of");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(window, "window");
        types = List.copyOf(types);
        if (of.isEmpty()) {
            throw new IllegalArgumentException("of must not be empty");
        }
    }

    public static TransactionCondition of(Measure measure, Operator operator, RuleValue... values) {
        return new TransactionCondition(measure, DEFAULT_COLUMN, Comparison.of(operator, values), TimeWindow.ALL_TIME, List.of());
    }

    public TransactionCondition withWindow(TimeWindow newWindow) {
        return new TransactionCondition(measure, of, comparison, newWindow, types);
    }

    public TransactionCondition withTypes(List<String> newTypes) {
        return new TransactionCondition(measure, of, comparison, window, newTypes);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.transactions(this);
    }

    /** What is computed over the transactions. */
    public enum Measure {
        COUNT, SUM, AVERAGE;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
