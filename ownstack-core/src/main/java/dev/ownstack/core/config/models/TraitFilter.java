package dev.ownstack.core.config.models;

import dev.ownstack.core.config.identity.ColumnRef;
import java.util.List;
import java.util.Objects;

/**
 * One condition under a trait's {@code where}: the column's value, as text, is one of the values.
 * Conditions of one trait must all hold.
 */
public record TraitFilter(ColumnRef column, List<String> values) {
    public TraitFilter {
        Objects.requireNonNull(column, "column");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("filter on " + column + " needs at least one value");
        }
    }
}
