package dev.ownstack.model.traits;

import dev.ownstack.core.config.models.ActivityTable;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A built model table that traits read: {@code model.transactions} or {@code model.events} (or
 * the table they are being built in), with its columns.
 *
 * @param kind       which model table it is
 * @param table      where its rows are now
 * @param timeColumn the TIMESTAMP column that orders its rows and that windows apply to
 * @param idColumn   the column that breaks ties between rows at the same time
 * @param columns    its columns in order
 */
public record ActivityRows(ActivityTable kind, TableName table, String timeColumn, String idColumn, List<Column> columns) {
    public ActivityRows {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(timeColumn, "timeColumn");
        Objects.requireNonNull(idColumn, "idColumn");
        columns = List.copyOf(columns);
    }

    public Optional<ColumnType> type(String column) {
        return columns.stream().filter(candidate -> candidate.name().equals(column)).map(Column::type).findFirst();
    }

    /** The column names, for messages. */
    public String columnList() {
        return String.join(", ", columns.stream().map(Column::name).toList());
    }
}
