package dev.ownstack.activation.audience.preview;

import dev.ownstack.core.table.Column;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Some members of an audience, with the chosen columns of {@code model.customers}: the first
 * {@code limit} by customer id, so the same audience on the same data gives the same sample.
 * Values are as {@code RowHandler} documents them (JSON columns as their text); a row may hold nulls.
 */
public record Sample(List<Column> columns, List<List<Object>> rows) {
    public Sample {
        columns = List.copyOf(columns);
        List<List<Object>> copies = new ArrayList<>();
        for (List<Object> row : rows) {
            Objects.requireNonNull(row, "row");
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a sample row has " + row.size() + " values for " + columns.size() + " columns");
            }
            copies.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copies);
    }
}
