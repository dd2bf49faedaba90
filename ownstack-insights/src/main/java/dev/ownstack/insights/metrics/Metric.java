package dev.ownstack.insights.metrics;

import dev.ownstack.core.table.TableName;
import java.util.List;
import java.util.Objects;

/**
 * One dashboard metric: its name in the catalog and the API, what it shows, the parameters it takes, the columns of
 * its result and the tables its query reads (when one is missing the result is empty). Its SQL is the resource
 * {@code <name>.sql} next to this class.
 */
public record Metric(String name, String description, List<MetricParam> params, List<MetricColumn> columns, List<TableName> tables) {
    public Metric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        params = List.copyOf(params);
        columns = List.copyOf(columns);
        tables = List.copyOf(tables);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("metric " + name + " has no columns");
        }
    }

    /** The names of its result columns, in order. */
    public List<String> columnNames() {
        return columns.stream().map(MetricColumn::name).toList();
    }

    String resource() {
        return name + ".sql";
    }
}
