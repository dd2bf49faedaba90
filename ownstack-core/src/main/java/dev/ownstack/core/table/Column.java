package dev.ownstack.core.table;

import java.util.Objects;

/** A column of a warehouse table: a checked identifier and a logical type. */
public record Column(String name, ColumnType type) {
    public Column {
        Identifiers.requireValid(name, "column name");
        Objects.requireNonNull(type, "type");
    }
}
