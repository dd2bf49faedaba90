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
    public String jsonNumber(String jsonExpression, List<String> path) {
        String array = "ARRAY[" + path.stream().map(this::stringLiteral).collect(Collectors.joining(", ")) + "]::TEXT[]";
        String json = "CAST(" + jsonExpression + " AS JSONB)";
        return "CASE WHEN jsonb_typeof(" + json + " #> " + array + ") = 'number' THEN CAST(" + json + " #>> " + array
                + " AS DOUBLE PRECISION) END";
    }

    /** {@code jsonb_typeof} already names the types as JSON does. */
    @Override
    public String jsonKeyTypes(TableName table, String groupColumn, String jsonColumn) {
        return "SELECT t." + quote(groupColumn) + " AS group_value, p.key AS key, jsonb_typeof(p.value) AS json_type, count(*) AS row_count"
                + " FROM " + table(table) + " AS t CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(CAST(t." + quote(jsonColumn)
                + " AS JSONB)) = 'object' THEN CAST(t." + quote(jsonColumn) + " AS JSONB) END) AS p WHERE t." + quote(groupColumn)
                + " IS NOT NULL GROUP BY 1, 2, 3";
    }

    /** A 32-bit string read as an unsigned number: {@code ('x' || hex)::bit(32)::bigint}. */
    @Override
    public String hashBucket(String textExpression, int buckets) {
        return "(CAST(CAST('x' || substr(md5(" + textExpression + "), 1, 8) AS BIT(32)) AS BIGINT) % " + buckets + ")";
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
