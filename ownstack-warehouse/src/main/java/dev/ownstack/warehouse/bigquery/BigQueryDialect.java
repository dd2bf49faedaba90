package dev.ownstack.warehouse.bigquery;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.Identifiers;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.SqlDialect;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * BigQuery (GoogleSQL), for generating SQL only (no connection here). A schema is a dataset:
 * {@code `raw`.`orders`}. Names keep their case (dataset and table names are case-sensitive,
 * column names are not); string literals use backslash escapes; JSON columns are {@code JSON}.
 */
public final class BigQueryDialect implements SqlDialect {
    /** Reads the catalog of the US multi-region; {@link #inRegion} for datasets elsewhere. */
    public static final BigQueryDialect INSTANCE = new BigQueryDialect("us");

    private static final Pattern REGION = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    /** https://cloud.google.com/bigquery/docs/schemas#column_names, compared ignoring case. */
    private static final List<String> RESERVED_COLUMN_PREFIXES = List.of("_TABLE_", "_FILE_", "_PARTITION", "_ROW_TIMESTAMP",
            "__ROOT__", "_COLIDENTIFIER", "_CHANGE_SEQUENCE_NUMBER", "_CHANGE_TYPE", "_CHANGE_TIMESTAMP");

    private final String region;

    private BigQueryDialect(String region) {
        this.region = region;
    }

    /**
     * The dialect for datasets in a region such as {@code eu} or {@code europe-west3}: only the
     * catalog query depends on it, since INFORMATION_SCHEMA needs a region or dataset qualifier
     * (https://cloud.google.com/bigquery/docs/information-schema-columns).
     */
    public static BigQueryDialect inRegion(String region) {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID,
                    "bigquery: region '" + region + "' is not a region name such as us, eu or europe-west3");
        }
        return new BigQueryDialect(region);
    }

    @Override
    public String name() {
        return "bigquery";
    }

    /**
     * NUMERIC is exactly DECIMAL(38, 9); DATETIME is a civil time and TIMESTAMP an instant
     * (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types).
     */
    @Override
    public String typeName(ColumnType type) {
        return switch (type) {
            case STRING -> "STRING";
            case BIGINT -> "INT64";
            case DOUBLE -> "FLOAT64";
            case DECIMAL -> "NUMERIC";
            case BOOLEAN -> "BOOL";
            case DATE -> "DATE";
            case TIMESTAMP -> "DATETIME";
            case TIMESTAMPTZ -> "TIMESTAMP";
            case JSON -> "JSON";
        };
    }

    /** The catalog's names, with parameters ({@code NUMERIC(10, 2)}, {@code STRING(40)}) and the aliases. */
    @Override
    public ColumnType logicalType(String engineTypeName) {
        String type = engineTypeName.trim().toUpperCase(Locale.ROOT);
        int parameters = type.indexOf('(');
        String base = parameters < 0 ? type : type.substring(0, parameters).trim();
        return switch (base) {
            case "INT64", "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT" -> ColumnType.BIGINT;
            case "FLOAT64" -> ColumnType.DOUBLE;
            case "NUMERIC", "DECIMAL", "BIGNUMERIC", "BIGDECIMAL" -> ColumnType.DECIMAL;
            case "BOOL", "BOOLEAN" -> ColumnType.BOOLEAN;
            case "DATE" -> ColumnType.DATE;
            case "DATETIME" -> ColumnType.TIMESTAMP;
            case "TIMESTAMP" -> ColumnType.TIMESTAMPTZ;
            case "JSON" -> ColumnType.JSON;
            default -> ColumnType.STRING;
        };
    }

    /** Quoted identifiers are enclosed by backticks (https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical). */
    @Override
    public String quote(String identifier) {
        Identifiers.requireValid(identifier, "identifier");
        return '`' + identifier + '`';
    }

    /**
     * Backslashes introduce escape sequences and a quoted string cannot hold a raw line break, so
     * the backslash and control characters are escaped
     * (https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#string_and_bytes_literals).
     * The quote is written as the hex escape {@code \x27} rather than {@code \'}, so that a literal
     * never holds a quote character: code that scans SQL for placeholders (the audience compiler
     * counts its {@code ?}) sees where every literal ends without knowing BigQuery's escapes.
     */
    @Override
    public String stringLiteral(String value) {
        StringBuilder literal = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> literal.append("\\\\");
                case '\'' -> literal.append("\\x27");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        literal.append(String.format("\\x%02x", (int) c));
                    } else {
                        literal.append(c);
                    }
                }
            }
        }
        return literal.append('\'').toString();
    }

    /**
     * The text at {@code path} inside a JSON value (ownstack's JSON columns are JSON; text holding
     * JSON needs PARSE_JSON first). The JSON subscript operator takes each key as a string literal,
     * so no JSONPath escaping is involved (https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#json_subscript_operator).
     * JSON_VALUE gives a scalar as text and NULL for JSON null, but also NULL for an object or an
     * array, which the other engines give as JSON text: those go through TO_JSON_STRING.
     */
    @Override
    public String jsonText(String jsonExpression, List<String> path) {
        String value = subscripts(jsonExpression, path);
        return "CASE WHEN JSON_TYPE(" + value + ") IN ('object', 'array') THEN TO_JSON_STRING(" + value + ") ELSE JSON_VALUE(" + value
                + ") END";
    }

    private String subscripts(String jsonExpression, List<String> path) {
        StringBuilder expression = new StringBuilder(jsonExpression);
        for (String key : path) {
            expression.append('[').append(stringLiteral(key)).append(']');
        }
        return expression.toString();
    }

    /**
     * The number at {@code path} as FLOAT64; NULL when absent, JSON null or anything but a number (a
     * string holding digits included): JSON_TYPE names the JSON type, and LAX_FLOAT64 converts the
     * number without failing (https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#json_type,
     * #lax_float64).
     */
    @Override
    public String jsonNumber(String jsonExpression, List<String> path) {
        String value = subscripts(jsonExpression, path);
        return "CASE WHEN JSON_TYPE(" + value + ") = 'number' THEN LAX_FLOAT64(" + value + ") END";
    }

    /**
     * JSON_KEYS with depth 1 lists an object's top-level keys (NULL for anything else); the subscript
     * operator takes each key as the string it is, and JSON_TYPE names the value's type as JSON does
     * (https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#json_keys).
     */
    @Override
    public String jsonKeyTypes(TableName table, String groupColumn, String jsonColumn) {
        String json = "t." + quote(jsonColumn);
        return "SELECT t." + quote(groupColumn) + " AS group_value, k AS key, JSON_TYPE(" + json + "[k]) AS json_type, count(*) AS row_count"
                + " FROM " + table(table) + " AS t CROSS JOIN UNNEST(JSON_KEYS(" + json + ", 1)) AS k WHERE t." + quote(groupColumn)
                + " IS NOT NULL AND JSON_TYPE(" + json + ") = 'object' GROUP BY 1, 2, 3";
    }

    /**
     * A bucket 0..buckets-1 of a text: its MD5's first 8 hex digits read as a number, modulo buckets
     * (the same number on every engine). MD5 returns BYTES; a string of hex digits prefixed with 0x
     * casts to INT64 (https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast_as_int64).
     */
    @Override
    public String hashBucket(String textExpression, int buckets) {
        if (buckets < 1) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "bigquery: buckets must be at least 1, got " + buckets);
        }
        return "MOD(CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(" + textExpression + ")), 1, 8)) AS INT64), " + buckets + ")";
    }

    /**
     * GoogleSQL's LIKE takes no ESCAPE clause: the backslash is its escape character, so the pattern
     * escaped by {@link SqlDialect#escapeLike} (a bound value, not a literal) is used as it is
     * (https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#like_operator).
     */
    @Override
    public String like(String expression, String pattern) {
        return expression + " LIKE " + pattern;
    }

    /** BigQuery accepts primary keys only as NOT ENFORCED (https://cloud.google.com/bigquery/docs/primary-foreign-keys). */
    @Override
    public String createTableIfNotExists(TableName table, List<Column> columns, List<String> primaryKey) {
        String body = columns.stream().map(this::columnDefinition).collect(Collectors.joining(", "));
        String key = primaryKey.isEmpty() ? ""
                : ", PRIMARY KEY (" + primaryKey.stream().map(this::quote).collect(Collectors.joining(", ")) + ") NOT ENFORCED";
        return "CREATE TABLE IF NOT EXISTS " + table(table) + " (" + body + key + ")";
    }

    @Override
    public String addColumn(TableName table, Column column) {
        return "ALTER TABLE " + table(table) + " ADD COLUMN " + columnDefinition(column);
    }

    /** Column names of the dataset's tables, in order: INFORMATION_SCHEMA needs the region in the FROM clause. */
    @Override
    public String describeTable() {
        return "SELECT column_name, data_type FROM `region-" + region + "`.INFORMATION_SCHEMA.COLUMNS"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position";
    }

    private String columnDefinition(Column column) {
        String upper = column.name().toUpperCase(Locale.ROOT);
        for (String prefix : RESERVED_COLUMN_PREFIXES) {
            if (upper.startsWith(prefix)) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "bigquery: column name '" + column.name()
                        + "' starts with " + prefix + ", a prefix BigQuery reserves");
            }
        }
        return quote(column.name()) + " " + typeName(column.type());
    }
}
