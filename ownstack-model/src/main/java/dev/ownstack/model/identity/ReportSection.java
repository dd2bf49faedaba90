package dev.ownstack.model.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A titled table of a report, ready for a terminal table, CSV or JSON. */
public record ReportSection(String title, List<String> columns, List<List<Object>> rows) {
    public ReportSection {
        Objects.requireNonNull(title, "title");
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException(title + ": a row has " + row.size() + " values for " + columns.size() + " columns");
            }
            copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = List.copyOf(copy);
    }

    static ReportSection of(String title, List<String> columns, List<Object[]> rows) {
        return new ReportSection(title, columns, rows.stream().map(row -> java.util.Arrays.asList(row)).toList());
    }
}
