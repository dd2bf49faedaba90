package dev.ownstack.activation.audience.preview;

import java.util.List;
import java.util.Objects;

/**
 * An audience's members counted by one column of {@code model.customers}. Text and booleans give
 * their most common values ({@link Value}, most members first, ties by value), the rest folded
 * into one {@link Other}; numbers and times give ranges of one width ({@link Range}, in order);
 * members without a value are one {@link Missing} bucket, last. Empty buckets are left out.
 *
 * @param trait   the column
 * @param unit    the width of the ranges: a number ({@code 100}), {@code month}, {@code quarter},
 *                {@code year}, {@code 2 years}, ...; {@code value} when buckets are values
 * @param members the members counted (the sum of the buckets)
 */
public record Breakdown(String trait, String unit, long members, List<Bucket> buckets) {
    public Breakdown {
        Objects.requireNonNull(trait, "trait");
        Objects.requireNonNull(unit, "unit");
        buckets = List.copyOf(buckets);
    }

    /** A group of members. */
    public sealed interface Bucket permits Value, Range, Other, Missing {
        long count();
    }

    /** Members whose value is {@code value} (a String, Boolean or number as read from the warehouse). */
    public record Value(Object value, long count) implements Bucket {
        public Value {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Members whose value lies from {@code from} (included) to {@code to} (excluded): BigDecimals for
     * numbers, LocalDates (first days of months) for times.
     */
    public record Range(Object from, Object to, long count) implements Bucket {
        public Range {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** Members with any of {@code values} further, less common values. */
    public record Other(long values, long count) implements Bucket {
    }

    /** Members without a value (NULL). */
    public record Missing(long count) implements Bucket {
    }
}
