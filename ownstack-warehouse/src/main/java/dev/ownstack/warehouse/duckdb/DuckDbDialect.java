package dev.ownstack.warehouse.duckdb;

import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
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

    /**
     * {@code json_extract_string} with the path as a JSON Pointer (RFC 6901: {@code ~} and {@code /}
     * escaped as {@code ~0} and {@code ~1}), which needs no other escaping, so any key name is safe.
     */
    @Override
    public String jsonText(String jsonExpression, List<String> path) {
        return "json_extract_string(" + jsonExpression + ", " + stringLiteral(jsonPointer(path)) + ")";
    }

    /** DuckDB's {@code json_type} names integers BIGINT or UBIGINT (HUGEINT when larger) and other numbers DOUBLE. */
    @Override
    public String jsonNumber(String jsonExpression, List<String> path) {
        String pointer = stringLiteral(jsonPointer(path));
        return "CASE WHEN json_type(" + jsonExpression + ", " + pointer + ") IN ('BIGINT', 'UBIGINT', 'HUGEINT', 'DOUBLE')"
                + " THEN CAST(json_extract_string(" + jsonExpression + ", " + pointer + ") AS DOUBLE) END";
    }

    /** {@code json_each} parses each value once (several times faster than {@code json_type} per key). */
    @Override
    public String jsonKeyTypes(TableName table, String groupColumn, String jsonColumn) {
        String json = "t." + quote(jsonColumn);
        return "SELECT t." + quote(groupColumn) + " AS group_value, p.key AS key, CASE p.type WHEN 'VARCHAR' THEN 'string'"
                + " WHEN 'BOOLEAN' THEN 'boolean' WHEN 'OBJECT' THEN 'object' WHEN 'ARRAY' THEN 'array' WHEN 'NULL' THEN 'null'"
                + " ELSE 'number' END AS json_type, count(*) AS row_count FROM " + table(table) + " AS t, json_each(" + json + ") AS p"
                + " WHERE t." + quote(groupColumn) + " IS NOT NULL AND json_type(" + json + ") = 'OBJECT' GROUP BY 1, 2, 3";
    }

    /** A hexadecimal text prefixed with 0x casts to an integer in DuckDB. */
    @Override
    public String hashBucket(String textExpression, int buckets) {
        return "(CAST('0x' || substr(md5(" + textExpression + "), 1, 8) AS BIGINT) % " + buckets + ")";
    }

    private static String jsonPointer(List<String> path) {
        return path.stream().map(key -> "/" + key.replace("~", "~0").replace("/", "~1")).collect(Collectors.joining());
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

    @Override
    public String jsonArrayText(List<String> expressions) {
        return "CAST(json_array(" + String.join(", ", expressions) + ") AS VARCHAR)";
    }

    /** Row groups keep each column's minimum and maximum, so sorted rows let a filter skip most groups. */
    @Override
    public String clusterBy(List<String> quotedColumns) {
        return quotedColumns.isEmpty() ? "" : " ORDER BY " + String.join(", ", quotedColumns);
    }

    /** {@code arg_min} keeps one value per group where {@code array_agg} would collect them all. */
    @Override
    public String valueAtLeast(String value, String order) {
        return "arg_min(" + value + ", " + order + ") FILTER (WHERE " + value + " IS NOT NULL)";
    }

    /**
     * DuckDB keeps the order of a query's input in what it writes unless told otherwise, which
     * costs a quarter of a build's time (docs/BENCHMARKS.md). The setting is the database's, so
     * while it is off, other readers' queries without {@code ORDER BY} may see rows in another order.
     */
    @Override
    public List<String> unorderedWrites() {
        return List.of("SET preserve_insertion_order = false");
    }

    @Override
    public List<String> orderedWrites() {
        return List.of("RESET preserve_insertion_order");
    }

    /** A delete and insert of 10,000 keys in a table of 10M rows costs about 2.5 s with the ART index, a fraction without. */
    @Override
    public boolean indexesFrequentlyWrittenKeys() {
        return false;
    }

    /** DuckDB computes a subquery's columns once; an {@code OFFSET} would only cost it parallelism. */
    @Override
    public String subqueryFence() {
        return "";
    }
}
