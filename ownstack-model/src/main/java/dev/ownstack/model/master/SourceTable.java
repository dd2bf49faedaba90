package dev.ownstack.model.master;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.Warehouse;
import java.util.List;
import java.util.Optional;

/** A table the models read, with its columns as the warehouse's catalog has them. */
record SourceTable(TableName name, List<Column> columns) {
    SourceTable {
        columns = List.copyOf(columns);
    }

    static Optional<SourceTable> describe(Warehouse warehouse, TableName name) {
        return warehouse.describe(name).map(columns -> new SourceTable(name, columns));
    }

    /** The column of that name; ignoring case when no column has exactly that name, as unquoted SQL would. */
    Optional<Column> column(String column) {
        return columns.stream().filter(candidate -> candidate.name().equals(column)).findFirst()
                .or(() -> columns.stream().filter(candidate -> candidate.name().equalsIgnoreCase(column)).findFirst());
    }

    Optional<ColumnType> type(String column) {
        return column(column).map(Column::type);
    }

    boolean has(String column) {
        return column(column).isPresent();
    }

    String missing(String column) {
        return name + " has no column '" + column + "' (it has " + String.join(", ", columns.stream().map(Column::name).toList()) + ")";
    }
}
