package dev.ownstack.activation.audience;

/**
 * A condition on one row of {@code model.customers} (alias {@code c}). {@code nullable} tells
 * whether it can be NULL (a comparison with a missing value); NOT turns such a condition into
 * {@code NOT COALESCE(..., FALSE)} so that it is the exact complement, and leaves the others as
 * plain {@code NOT (...)}, which the engines plan as anti-joins.
 */
record Predicate(Sql sql, boolean nullable) {
    static final Predicate TRUE = new Predicate(Sql.of("TRUE"), false);

    static Predicate of(Sql sql, boolean nullable) {
        return new Predicate(sql, nullable);
    }

    Predicate negate() {
        return new Predicate(nullable ? sql.wrap("NOT COALESCE(", ", FALSE)") : sql.wrap("NOT (", ")"), false);
    }

    Predicate and(Predicate other) {
        return new Predicate(sql.append(" AND ").append(other.sql), nullable || other.nullable);
    }
}
