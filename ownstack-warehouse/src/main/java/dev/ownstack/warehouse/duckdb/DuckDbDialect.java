package dev.ownstack.warehouse.duckdb;

import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.SqlDialect;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** DuckDB: standard quoting and MERGE; types as in the DuckDB documentation's type list. */
public final class DuckDbDialect implements SqlDialect {
    public static final DuckDbDialect INSTANCE = new DuckDbDialect();

    private DuckDbDialect() {
    }

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public String typeName(ColumnType type) {
        return switch (type) {
            case STRING -> "VARCHAR";
            case BIGINT -> "BIGINT";
            case DOUBLE -> "DOUBLE";
            case DECIMAL -> "DECIMAL(38, 9)";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMPTZ -> "TIMESTAMPTZ";
            case JSON -> "JSON";
        };
    }

    @Override
    public ColumnType logicalType(String engineTypeName) {
        String type = engineTypeName.toUpperCase(Locale.ROOT);
        if (type.startsWith("DECIMAL") || type.startsWith("NUMERIC") || type.equals("HUGEINT") || type.equals("UBIGINT")) {
            return ColumnType.DECIMAL;
        }
        return switch (type) {
            case "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UINTEGER", "USMALLINT", "UTINYINT" -> ColumnType.BIGINT;
            case "DOUBLE", "FLOAT", "REAL" -> ColumnType.DOUBLE;
            case "BOOLEAN" -> ColumnType.BOOLEAN;
            case "DATE" -> ColumnType.DATE;
            case "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S" -> ColumnType.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> ColumnType.TIMESTAMPTZ;
            case "JSON" -> ColumnType.JSON;
            default -> ColumnType.STRING;
        };
    }

    /** {@code json_extract_string} with each key quoted in the path, so any key name is safe. */
    @Override
    public String jsonText(String jsonExpression, List<String> path) {
        String jsonPath = "$" + path.stream().map(key -> ".\"" + key.replace("\"", "\\\"") + "\"").collect(Collectors.joining());
        return "json_extract_string(" + jsonExpression + ", " + stringLiteral(jsonPath) + ")";
    }

    /** DuckDB's {@code lower} maps ASCII A-Z and nothing else of ASCII, and is far faster than {@code translate}. */
    @Override
    public String lowerAscii(String expression) {
        return "lower(" + expression + ")";
    }

    @Override
    public String upperAscii(String expression) {
        return "upper(" + expression + ")";
    }

    /** DuckDB's {@code ~} matches the whole text; {@code regexp_matches} finds. */
    @Override
    public String regexpFinds(String expression, String patternLiteral) {
        return "regexp_matches(" + expression + ", " + patternLiteral + ")";
    }

    /** DuckDB computes a subquery's columns once; an {@code OFFSET} would only cost it parallelism. */
    @Override
    public String subqueryFence() {
        return "";
    }
}
