package dev.ownstack.warehouse.snowflake;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.Identifiers;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.SqlDialect;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Snowflake, for generating SQL only (no connection here). Names are upper-cased inside their
 * quotes, so {@code "CUSTOMERS"} is the table unquoted SQL calls {@code customers}; JSON columns are
 * {@code VARIANT}; backslashes escape inside string literals.
 */
public final class SnowflakeDialect implements SqlDialect {
    public static final SnowflakeDialect INSTANCE = new SnowflakeDialect();

    private static final Pattern PARAMETERS = Pattern.compile("^([A-Z][A-Z0-9_ ]*?)\\s*(?:\\((\\d+)\\s*(?:,\\s*(\\d+))?\\))?$");

    private SnowflakeDialect() {
    }

    @Override
    public String name() {
        return "snowflake";
    }

    /** BIGINT is NUMBER(38, 0) and DOUBLE is FLOAT (https://docs.snowflake.com/en/sql-reference/data-types-numeric). */
    @Override
    public String typeName(ColumnType type) {
        return switch (type) {
            case STRING -> "VARCHAR";
            case BIGINT -> "BIGINT";
            case DOUBLE -> "DOUBLE";
            case DECIMAL -> "NUMBER(38, 9)";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP_NTZ";
            case TIMESTAMPTZ -> "TIMESTAMP_TZ";
            case JSON -> "VARIANT";
        };
    }

    /**
     * Reads Snowflake's names with or without parameters ({@code NUMBER(38,0)}, {@code VARCHAR(16777216)},
     * {@code TIMESTAMP_NTZ(9)}). Every integer type is NUMBER(38, 0) in Snowflake, so a NUMBER of
     * scale 0 is a BIGINT.
     */
    @Override
    public ColumnType logicalType(String engineTypeName) {
        Matcher parts = PARAMETERS.matcher(engineTypeName.trim().toUpperCase(Locale.ROOT));
        if (!parts.matches()) {
            return ColumnType.STRING;
        }
        String base = parts.group(1).trim();
        return switch (base) {
            case "NUMBER", "DECIMAL", "NUMERIC" -> parts.group(3) == null || Integer.parseInt(parts.group(3)) == 0
                    ? ColumnType.BIGINT : ColumnType.DECIMAL;
            case "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT" -> ColumnType.BIGINT;
            case "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "DOUBLE PRECISION", "REAL" -> ColumnType.DOUBLE;
            case "BOOLEAN" -> ColumnType.BOOLEAN;
            case "DATE" -> ColumnType.DATE;
            case "TIMESTAMP_NTZ", "DATETIME", "TIMESTAMP" -> ColumnType.TIMESTAMP;
            case "TIMESTAMP_TZ", "TIMESTAMP_LTZ" -> ColumnType.TIMESTAMPTZ;
            case "VARIANT", "OBJECT", "ARRAY" -> ColumnType.JSON;
            default -> ColumnType.STRING;
        };
    }

    /**
     * Unquoted names are stored and resolved in upper case, quoted ones exactly as written
     * (https://docs.snowflake.com/en/sql-reference/identifiers-syntax). Quoting the upper-cased name
     * keeps keywords such as {@code ORDER} safe and still names the object unquoted SQL means, also
     * when QUOTED_IDENTIFIERS_IGNORE_CASE is on.
     */
    @Override
    public String quote(String identifier) {
        Identifiers.requireValid(identifier, "identifier");
        return '"' + identifier.toUpperCase(Locale.ROOT) + '"';
    }

    /**
     * Backslash starts an escape sequence in a single-quoted string constant, so it is doubled along
     * with the quote (https://docs.snowflake.com/en/sql-reference/data-types-text#escape-sequences-in-single-quoted-string-constants).
     */
    @Override
    public String stringLiteral(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /**
     * The text at {@code path} inside a VARIANT or OBJECT (ownstack's JSON columns are VARIANT; text
     * holding JSON needs PARSE_JSON first). Each key goes to GET as a string literal, so any key is
     * safe and matched case-sensitively; STRIP_NULL_VALUE turns a JSON null into SQL NULL.
     */
    @Override
    public String jsonText(String jsonExpression, List<String> path) {
        return "CAST(STRIP_NULL_VALUE(" + jsonPath(jsonExpression, path) + ") AS VARCHAR)";
    }

    /**
     * The number at {@code path} as DOUBLE; NULL when absent, JSON null or anything but a number (a
     * string holding digits included). IS_DOUBLE is true for a VARIANT holding an integer, a
     * fixed-point or a floating-point number, and false for a string
     * (https://docs.snowflake.com/en/sql-reference/functions/is_double).
     */
    @Override
    public String jsonNumber(String jsonExpression, List<String> path) {
        String value = jsonPath(jsonExpression, path);
        return "CASE WHEN IS_DOUBLE(" + value + ") THEN TO_DOUBLE(" + value + ") END";
    }

    /**
     * FLATTEN gives each key of an object with its value; TYPEOF names a JSON null NULL_VALUE and
     * numbers INTEGER, DECIMAL or DOUBLE (https://docs.snowflake.com/en/sql-reference/functions/flatten,
     * https://docs.snowflake.com/en/sql-reference/functions/typeof).
     */
    @Override
    public String jsonKeyTypes(TableName table, String groupColumn, String jsonColumn) {
        String json = "t." + quote(jsonColumn);
        return "SELECT t." + quote(groupColumn) + " AS group_value, f.key AS key, CASE TYPEOF(f.value) WHEN 'VARCHAR' THEN 'string'"
                + " WHEN 'BOOLEAN' THEN 'boolean' WHEN 'OBJECT' THEN 'object' WHEN 'ARRAY' THEN 'array' WHEN 'NULL_VALUE' THEN 'null'"
                + " WHEN 'INTEGER' THEN 'number' WHEN 'DECIMAL' THEN 'number' WHEN 'DOUBLE' THEN 'number' ELSE 'string' END AS json_type,"
                + " count(*) AS row_count FROM " + table(table) + " AS t, LATERAL FLATTEN(INPUT => " + json + ") AS f WHERE t."
                + quote(groupColumn) + " IS NOT NULL AND IS_OBJECT(" + json + ") GROUP BY 1, 2, 3";
    }

    /**
     * A bucket 0..buckets-1 of a text: its MD5's first 8 hex digits read as a number, modulo buckets
     * (the same number on every engine). TO_NUMBER reads hex with the X format element
     * (https://docs.snowflake.com/en/sql-reference/sql-format-models); MD5's lower-case digits are
     * upper-cased since format elements are only "mostly case-insensitive".
     */
    @Override
    public String hashBucket(String textExpression, int buckets) {
        return "MOD(TO_NUMBER(UPPER(SUBSTR(MD5(" + textExpression + "), 1, 8)), 'XXXXXXXX'), " + requirePositive(buckets) + ")";
    }

    /**
     * Snowflake's LIKE has no default escape character, and a backslash inside a literal starts an
     * escape sequence, so the escape is written {@code '\\'}, the literal of one backslash
     * (https://docs.snowflake.com/en/sql-reference/functions/like).
     */
    @Override
    public String like(String expression, String pattern) {
        return expression + " LIKE " + pattern + " ESCAPE " + stringLiteral("\\");
    }

    private String jsonPath(String jsonExpression, List<String> path) {
        String expression = jsonExpression;
        for (String key : path) {
            expression = "GET(" + expression + ", " + stringLiteral(key) + ")";
        }
        return expression;
    }

    /** No Fail-safe for tables that are dropped when the work is done (https://docs.snowflake.com/en/user-guide/tables-temp-transient). */
    @Override
    public String createWorkingTableAs(TableName table, String query) {
        return "CREATE TRANSIENT TABLE " + table(table) + " AS " + query;
    }

    /**
     * The current database's information schema. Names are stored upper-cased (see {@link #quote}),
     * so the parameters are upper-cased and the column names come back lower-cased, as ownstack
     * writes them; NUMBER carries its precision and scale so that integers read back as BIGINT.
     */
    @Override
    public String describeTable() {
        return "SELECT LOWER(column_name), CASE WHEN data_type = 'NUMBER' THEN 'NUMBER(' || numeric_precision || ',' || numeric_scale || ')'"
                + " ELSE data_type END FROM information_schema.columns"
                + " WHERE table_schema = UPPER(?) AND table_name = UPPER(?) ORDER BY ordinal_position";
    }

    private static int requirePositive(int buckets) {
        if (buckets < 1) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "snowflake: buckets must be at least 1, got " + buckets);
        }
        return buckets;
    }
}
