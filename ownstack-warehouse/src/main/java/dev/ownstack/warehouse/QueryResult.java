package dev.ownstack.warehouse;

import java.util.ArrayList;
import java.util.List;

/** A fully read query result, for small results (catalog queries, samples, the CLI). */
public record QueryResult(List<ResultColumn> columns, List<Object[]> rows) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The first column of the first row, for single-value queries such as {@code count(*)}. */
    public Object singleValue() {
        if (rows.isEmpty() || columns.isEmpty()) {
            throw new IllegalStateException("query returned no rows");
        }
        return rows.get(0)[0];
    }

    /** Collects a streamed result. */
    static final class Collector implements RowHandler {
        private List<ResultColumn> columns = List.of();
        private final List<Object[]> rows = new ArrayList<>();

        @Override
        public void columns(List<ResultColumn> columns) {
            this.columns = columns;
        }

        @Override
        public void row(Object[] values) {
            rows.add(values);
        }

        QueryResult result() {
            return new QueryResult(columns, rows);
        }
    }
}
