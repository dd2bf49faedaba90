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
        if (path.isEmpty() || path.size() > MAX_JSON_PATH) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "redshift: a JSON path has 1 to " + MAX_JSON_PATH
                    + " keys, got " + path.size() + " (" + String.join(".", path) + ")");
        }
        return "JSON_EXTRACT_PATH_TEXT(JSON_SERIALIZE(" + jsonExpression + "), "
                + path.stream().map(this::stringLiteral).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * The number at {@code path} as DOUBLE PRECISION; NULL when absent or not a number. TRY_CAST
     * may not be given an empty or blank string (https://docs.aws.amazon.com/redshift/latest/dg/r_TRY_CAST.html).
     */
    public String jsonNumber(String jsonExpression, List<String> path) {
        return "TRY_CAST(NULLIF(TRIM(" + jsonText(jsonExpression, path) + "), '') AS DOUBLE PRECISION)";
    }

    /**
     * The current time minus whole days, as TIMESTAMP at UTC. SYSDATE is the start of the
     * transaction, like now() elsewhere; CURRENT_TIMESTAMP and NOW are leader-node only and
     * deprecated (https://docs.aws.amazon.com/redshift/latest/dg/c_SQL_functions_leader_node_only.html).
     */
    public String daysAgo(int days) {
        if (days < 0) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "redshift: days must not be negative, got " + days);
        }
        return "DATEADD(day, " + -days + ", SYSDATE)";
    }

    /**
     * A bucket 0..buckets-1 of a text: its MD5's first 8 hex digits read as a number, modulo buckets
     * (the same number on every engine). SUBSTRING, not SUBSTR, which is leader-node only.
     */
    public String hashBucket(String textExpression, int buckets) {
        if (buckets < 1) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "redshift: buckets must be at least 1, got " + buckets);
        }
        return "MOD(STRTOL(SUBSTRING(MD5(" + textExpression + "), 1, 8), 16), " + buckets + ")";
    }

    /** The text with the LIKE wildcards and the escape character, a backslash, escaped. */
    public String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Whether the text expression contains {@code text}, case-sensitively. */
    public String contains(String textExpression, String text) {
        return like(textExpression, "%" + likeEscape(text) + "%");
    }

    /** Whether the text expression starts with {@code text}, case-sensitively. */
    public String startsWith(String textExpression, String text) {
        return like(textExpression, likeEscape(text) + "%");
    }

    /** The backslash is LIKE's default escape character; naming it keeps the pattern independent of that default. */
    private String like(String textExpression, String pattern) {
        return textExpression + " LIKE " + stringLiteral(pattern) + " ESCAPE " + stringLiteral("\\");
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
