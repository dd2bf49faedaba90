package dev.ownstack.core.config.models;

import java.util.Locale;

/** What a computed trait does with the rows of a customer; written in {@code ownstack.yml} with dashes. */
public enum TraitFunction {
    /** Rows, or non-null values when a column is given; 0 for a customer without any. */
    COUNT,
    /** Distinct non-null values of a column; 0 without any. */
    DISTINCT_COUNT,
    /** Sum of a numeric column; 0 without any. */
    SUM,
    /** Mean of a numeric column. */
    AVERAGE,
    MIN,
    MAX,
    /** The column's value on the customer's earliest row that has one. */
    FIRST,
    /** The column's value on the customer's latest row that has one. */
    LAST,
    /** Whole days from the latest value of a timestamp column to the as-of time. */
    DAYS_SINCE;

    /** The name used in {@code ownstack.yml}: {@code distinct-count}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the function needs a column ({@code of: transactions.amount}); only COUNT works on rows. */
    public boolean needsColumn() {
        return this != COUNT;
    }
}
