package dev.ownstack.core.table;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;

/** A schema-qualified table name; both parts are checked identifiers. */
public record TableName(String schema, String name) {
    public static final String RAW_SCHEMA = "raw";
    public static final String OWNSTACK_SCHEMA = "ownstack";

    public TableName {
        Identifiers.requireValid(schema, "schema name");
        Identifiers.requireValid(name, "table name");
    }

    /** Parses {@code table} (in the given default schema) or {@code schema.table}. */
    public static TableName parse(String text, String defaultSchema) {
        if (text == null || text.isBlank()) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "table name must not be empty");
        }
        String[] parts = text.trim().split("\\.", -1);
        return switch (parts.length) {
            case 1 -> new TableName(defaultSchema, parts[0]);
            case 2 -> new TableName(parts[0], parts[1]);
            default -> throw new OwnstackException(ErrorCode.ARGUMENT_INVALID,
                    "table name '" + text + "' must be 'table' or 'schema.table'");
        };
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
