package dev.ownstack.warehouse.postgres;

import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.SqlDialect;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

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
            case DECIMAL -> "NUMERIC(38, 9)";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMPTZ -> "TIMESTAMPTZ";
            case JSON -> "JSONB";
        };
    }

    @Override
    public ColumnType logicalType(String engineTypeName) {
        String type = engineTypeName.toLowerCase(Locale.ROOT);
        if (type.startsWith("numeric") || type.startsWith("decimal")) {
            return ColumnType.DECIMAL;
        }
        // the catalog's names (information_schema) and the driver's (pg_type) for the same types
        return switch (type) {
            case "bigint", "integer", "smallint", "int8", "int4", "int2" -> ColumnType.BIGINT;
            case "double precision", "real", "float8", "float4" -> ColumnType.DOUBLE;
            case "boolean", "bool" -> ColumnType.BOOLEAN;
            case "date" -> ColumnType.DATE;
            case "timestamp without time zone", "timestamp" -> ColumnType.TIMESTAMP;
            case "timestamp with time zone", "timestamptz" -> ColumnType.TIMESTAMPTZ;
            case "json", "jsonb" -> ColumnType.JSON;
            default -> ColumnType.STRING;
        };
    }

    /** {@code #>>} on the value as JSONB (a no-op cast for a JSONB column, a parse for text). */
    @Override
    public String jsonText(String jsonExpression, List<String> path) {
        return "(CAST(" + jsonExpression + " AS JSONB) #>> ARRAY[" + path.stream().map(this::stringLiteral).collect(Collectors.joining(", "))
                + "]::TEXT[])";
    }

    @Override
    public String createWorkingTableAs(TableName table, String query) {
        return "CREATE UNLOGGED TABLE " + table(table) + " AS " + query;
    }

    /** A table filled by CREATE TABLE AS has no statistics until autovacuum gets to it; the next join needs them now. */
    @Override
    public Optional<String> analyze(TableName table) {
        return Optional.of("ANALYZE " + table(table));
    }
}
