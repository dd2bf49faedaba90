package dev.ownstack.warehouse.redshift;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.Identifiers;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.SqlDialect;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Amazon Redshift, for generating SQL only (no connection here). Names are lower-cased inside
 * their quotes, as Redshift folds them; backslashes escape inside string literals; JSON columns are
 * {@code SUPER}.
 */
public final class RedshiftDialect implements SqlDialect {
    public static final RedshiftDialect INSTANCE = new RedshiftDialect();

    /** https://docs.aws.amazon.com/redshift/latest/dg/JSON_EXTRACT_PATH_TEXT.html */
    private static final int MAX_JSON_PATH = 5;

    private RedshiftDialect() {
    }

    @Override
    public String name() {
        return "redshift";
    }

    /**
     * TEXT would become VARCHAR(256), so text is VARCHAR(MAX), 65535 bytes
     * (https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html); JSON is SUPER.
     */
    @Override
    public String typeName(ColumnType type) {
        return switch (type) {
            case STRING -> "VARCHAR(MAX)";
            case BIGINT -> "BIGINT";
            case DOUBLE -> "DOUBLE PRECISION";
            case DECIMAL -> "DECIMAL(38, 9)";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMPTZ -> "TIMESTAMPTZ";
            case JSON -> "SUPER";
        };
    }

    /** The catalog's names (information_schema) and the short ones (pg_type). */
    @Override
    public ColumnType logicalType(String engineTypeName) {
        String type = engineTypeName.trim().toLowerCase(Locale.ROOT);
        if (type.startsWith("numeric") || type.startsWith("decimal")) {
            return ColumnType.DECIMAL;
        }
        return switch (type) {
            case "bigint", "integer", "smallint", "int8", "int4", "int2" -> ColumnType.BIGINT;
            case "double precision", "real", "float8", "float4", "float" -> ColumnType.DOUBLE;
            case "boolean", "bool" -> ColumnType.BOOLEAN;
            case "date" -> ColumnType.DATE;
            case "timestamp without time zone", "timestamp" -> ColumnType.TIMESTAMP;
            case "timestamp with time zone", "timestamptz" -> ColumnType.TIMESTAMPTZ;
            case "super" -> ColumnType.JSON;
            default -> ColumnType.STRING;
        };
    }

    /**
     * Letters in standard and delimited identifiers alike are folded to lower case unless
     * enable_case_sensitive_identifier is on (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html);
     * quoting the lower-cased name gives the same object under either setting.
     */
    @Override
    public String quote(String identifier) {
        Identifiers.requireValid(identifier, "identifier");
        return '"' + identifier.toLowerCase(Locale.ROOT) + '"';
    }

    /**
     * Redshift reads a backslash in a string literal as an escape (its LIKE documentation writes
     * the default escape character as '\\\\', and QUOTE_LITERAL doubles backslashes:
     * https://docs.aws.amazon.com/redshift/latest/dg/r_QUOTE_LITERAL.html), so it is doubled
     * along with the quote.
     */
    @Override
    public String stringLiteral(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /**
     * The text at {@code path} inside a SUPER value (ownstack's JSON columns are SUPER). The SUPER is
     * serialised and read with JSON_EXTRACT_PATH_TEXT, whose path elements are case-sensitive string
     * literals and which returns NULL for a missing element; attribute navigation ({@code s.a.b})
     * would fold the keys' case. At most five levels, JSON text up to 64 KB.
     */
    @Override
    public String jsonText(String jsonExpression, List<String> path) {
        return extractPathText("JSON_SERIALIZE(" + jsonExpression + ")", path);
    }

    private String extractPathText(String jsonText, List<String> path) {
        if (path.isEmpty() || path.size() > MAX_JSON_PATH) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "redshift: a JSON path has 1 to " + MAX_JSON_PATH
                    + " keys, got " + path.size() + " (" + String.join(".", path) + ")");
        }
        return "JSON_EXTRACT_PATH_TEXT(" + jsonText + ", " + path.stream().map(this::stringLiteral).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * The number at {@code path} as DOUBLE PRECISION; NULL when absent, JSON null or anything but a
     * number (a string holding digits included). JSON_EXTRACT_PATH_TEXT gives a string without its
     * quotes, so before extracting, every string that is the value of an object member gets a
     * {@code #} in front, which no number has: in the compact text JSON_SERIALIZE writes
     * (https://docs.aws.amazon.com/redshift/latest/dg/JSON_SERIALIZE.html), {@code ":"} occurs
     * only between a member's name and a string value, since quotes inside strings are escaped.
     * Attribute navigation with JSON_TYPEOF would tell the type directly but folds the key's case
     * (see {@link #jsonText}). TRY_CAST gives NULL for what is not a number, but may not be given
     * an empty string (https://docs.aws.amazon.com/redshift/latest/dg/r_TRY_CAST.html).
     */
    @Override
    public String jsonNumber(String jsonExpression, List<String> path) {
        String marked = "REPLACE(JSON_SERIALIZE(" + jsonExpression + "), '\":\"', '\":\"#')";
        return "TRY_CAST(NULLIF(" + extractPathText(marked, path) + ", '') AS DOUBLE PRECISION)";
    }

    /**
     * Object unpivoting gives each key of a SUPER object with its value, keys as stored; JSON_TYPEOF
     * names the value's type as JSON does (https://docs.aws.amazon.com/redshift/latest/dg/query-super.html#unpivoting,
     * https://docs.aws.amazon.com/redshift/latest/dg/r_json_typeof.html).
     */
    @Override
    public String jsonKeyTypes(TableName table, String groupColumn, String jsonColumn) {
        String json = "t." + quote(jsonColumn);
        return "SELECT t." + quote(groupColumn) + " AS group_value, k AS key, JSON_TYPEOF(v) AS json_type, count(*) AS row_count FROM "
                + table(table) + " AS t, UNPIVOT " + json + " AS v AT k WHERE t." + quote(groupColumn) + " IS NOT NULL AND IS_OBJECT("
                + json + ") GROUP BY 1, 2, 3";
    }

    /**
     * A bucket 0..buckets-1 of a text: its MD5's first 8 hex digits read as a number, modulo buckets
     * (the same number on every engine). STRTOL reads base 16 into a BIGINT
     * (https://docs.aws.amazon.com/redshift/latest/dg/r_STRTOL.html); SUBSTRING, not SUBSTR, which
     * is leader-node only.
     */
    @Override
    public String hashBucket(String textExpression, int buckets) {
        if (buckets < 1) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "redshift: buckets must be at least 1, got " + buckets);
        }
        return "MOD(STRTOL(SUBSTRING(MD5(" + textExpression + "), 1, 8), 16), " + buckets + ")";
    }

    /**
     * The backslash is LIKE's default escape character, but a literal needs it doubled; naming it
     * keeps the pattern independent of that default (https://docs.aws.amazon.com/redshift/latest/dg/r_patternmatching_condition_like.html).
     */
    @Override
    public String like(String expression, String pattern) {
        return expression + " LIKE " + pattern + " ESCAPE " + stringLiteral("\\");
    }

    /** BACKUP NO leaves the working table out of snapshots (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_AS.html). */
    @Override
    public String createWorkingTableAs(TableName table, String query) {
        return "CREATE TABLE " + table(table) + " BACKUP NO AS " + query;
    }

    /**
     * None: Redshift analyzes tables made by CREATE TABLE AS and COPY into an empty table itself,
     * and the rest in the background (https://docs.aws.amazon.com/redshift/latest/dg/t_Analyzing_tables.html).
     */
    @Override
    public Optional<String> analyze(TableName table) {
        return Optional.empty();
    }

    /**
     * Redshift's MERGE takes no alias for the target and needs both a WHEN MATCHED and a WHEN NOT
     * MATCHED clause (https://docs.aws.amazon.com/redshift/latest/dg/r_MERGE.html): the target is
     * named in full, and a key-only table updates its keys to themselves.
     */
    @Override
    public String mergeFrom(TableName target, TableName source, List<String> columns, List<String> keyColumns) {
        String targetName = table(target);
        String on = keyColumns.stream().map(key -> targetName + "." + quote(key) + " = s." + quote(key)).collect(Collectors.joining(" AND "));
        List<String> updatable = columns.stream().filter(column -> !keyColumns.contains(column)).toList();
        String update = (updatable.isEmpty() ? keyColumns : updatable).stream().map(column -> quote(column) + " = s." + quote(column))
                .collect(Collectors.joining(", "));
        String insertColumns = columns.stream().map(this::quote).collect(Collectors.joining(", "));
        String insertValues = columns.stream().map(column -> "s." + quote(column)).collect(Collectors.joining(", "));
        return "MERGE INTO " + targetName + " USING " + table(source) + " AS s ON " + on + " WHEN MATCHED THEN UPDATE SET " + update
                + " WHEN NOT MATCHED THEN INSERT (" + insertColumns + ") VALUES (" + insertValues + ")";
    }

    /** Names are stored lower-cased (see {@link #quote}), so the parameters are lower-cased too. */
    @Override
    public String describeTable() {
        return "SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = current_database()"
                + " AND table_schema = LOWER(?) AND table_name = LOWER(?) ORDER BY ordinal_position";
    }
}
