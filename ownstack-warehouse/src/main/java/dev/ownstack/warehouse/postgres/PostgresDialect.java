package dev.ownstack.warehouse.postgres;

import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.SqlDialect;
import java.util.Locale;

/** PostgreSQL (15 and later, for MERGE): types as in the PostgreSQL manual, chapter 8. */
public final class PostgresDialect implements SqlDialect {
    public static final PostgresDialect INSTANCE = new PostgresDialect();

    private PostgresDialect() {
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String typeName(ColumnType type) {
        return switch (type) {
            case STRING -> "TEXT";
            case BIGINT -> "BIGINT";
            case DOUBLE -> "DOUBLE PRECISION";
            case DECIMAL -> "NUMERIC";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMPTZ -> "TIMESTAMPTZ";
            case JSON -> "JSONB";
        };
    }

    @Override
    public ColumnType logicalType(String engineTypeName) {
        return switch (engineTypeName.toLowerCase(Locale.ROOT)) {
            case "bigint", "integer", "smallint" -> ColumnType.BIGINT;
            case "double precision", "real" -> ColumnType.DOUBLE;
            case "numeric" -> ColumnType.DECIMAL;
            case "boolean" -> ColumnType.BOOLEAN;
            case "date" -> ColumnType.DATE;
            case "timestamp without time zone" -> ColumnType.TIMESTAMP;
            case "timestamp with time zone" -> ColumnType.TIMESTAMPTZ;
            case "json", "jsonb" -> ColumnType.JSON;
            default -> ColumnType.STRING;
        };
    }
}
