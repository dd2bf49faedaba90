package dev.ownstack.core.config.identity;

import java.util.List;

/**
 * Where one value comes from: one column, or several joined with a space in order (a name made of
 * {@code first_name} and {@code last_name}). A row whose columns are all null has no value.
 */
public record ValueSource(List<ColumnRef> columns) {
    public ValueSource {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a value source needs at least one column");
        }
    }

    public static ValueSource of(String column) {
        return new ValueSource(List.of(ColumnRef.column(column)));
    }

    @Override
    public String toString() {
        return columns.size() == 1 ? columns.get(0).toString() : columns.toString();
    }
}
