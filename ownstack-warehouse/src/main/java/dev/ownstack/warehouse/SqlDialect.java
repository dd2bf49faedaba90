package dev.ownstack.warehouse;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.Identifiers;
import dev.ownstack.core.table.TableName;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How one engine spells SQL: quoting, types, literals, DDL and upsert. Implementations are
 * stateless and thread-safe. Identifiers passed in are checked; values never reach SQL text except
 * through {@link #stringLiteral(String)}.
 */
public interface SqlDialect {

    /** The engine's name as used in configuration and golden-SQL files: {@code duckdb}, {@code postgres}. */
    String name();

    /** The engine's type for a logical column type. */
    String typeName(ColumnType type);

    /** The logical type for an engine type name as reported by the catalog (for schema evolution). */
    ColumnType logicalType(String engineTypeName);

    default String quote(String identifier) {
        Identifiers.requireValid(identifier, "identifier");
        return '"' + identifier + '"';
    }

    default String table(TableName table) {
        return quote(table.schema()) + "." + quote(table.name());
    }

    /**
     * The text at {@code path} inside a JSON value (a JSON column, or text holding JSON), NULL
     * when absent: {@code traits.email} is {@code jsonText(quote("traits"), List.of("email"))}.
     */
    String jsonText(String jsonExpression, List<String> path);

    /**
     * The number at {@code path} inside a JSON value as a double, NULL when absent or when the JSON
     * value there is not a number (a string holding digits included), so every engine gives the
     * same answer.
     */
    String jsonNumber(String jsonExpression, List<String> path);

    /**
     * A query over {@code table} giving, for each value of {@code groupColumn} (NULL groups left
     * out), each top-level key of the JSON object in {@code jsonColumn} with the JSON type of its
     * values and the number of rows having it: four columns {@code group_value}, {@code key},
     * {@code json_type} ({@code string}, {@code number}, {@code boolean}, {@code object},
     * {@code array} or {@code null}, as JSON names them) and {@code row_count}. Rows whose value is
     * not a JSON object add nothing.
     */
    String jsonKeyTypes(TableName table, String groupColumn, String jsonColumn);

    /**
     * A whole number from 0 to {@code buckets - 1} computed from the text: the same text gives the
     * same bucket on every engine (the first 32 bits of its MD5, modulo the buckets), so sampling
     * and holdouts by customer id agree across engines and runs.
     */
    String hashBucket(String textExpression, int buckets);

    /**
     * {@code expression LIKE pattern} where the pattern (a bound parameter or literal) escapes
     * {@code %}, {@code _} and the backslash with a backslash, as {@link #escapeLike(String)} does.
     */
    default String like(String expression, String pattern) {
        return expression + " LIKE " + pattern + " ESCAPE '\\'";
    }

    /** The text with {@code %}, {@code _} and the backslash escaped for {@link #like(String, String)}. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A string literal with quotes escaped the standard way. */
    default String stringLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * ASCII text with A-Z lower-cased and every other character kept: what Java's
     * {@code toLowerCase(Locale.ROOT)} does to ASCII text, whatever the engine's locale. Text with
     * other characters may come out differently on each engine.
     */
    default String lowerAscii(String expression) {
        return "translate(" + expression + ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')";
    }

    /** ASCII text with a-z upper-cased and every other character kept (see {@link #lowerAscii}). */
    default String upperAscii(String expression) {
        return "translate(" + expression + ", 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')";
    }

    /** True when the regular expression (a string literal) matches somewhere in the text; NULL for NULL text. */
    default String regexpFinds(String expression, String patternLiteral) {
        return "(" + expression + " ~ " + patternLiteral + ")";
    }

    /**
     * A suffix for a subquery whose columns the outer query uses several times, so that the planner
     * computes them once instead of pulling the subquery up and repeating its expressions
     * (PostgreSQL does that; {@code OFFSET 0} stops it). Empty where the engine never repeats them.
     */
    default String subqueryFence() {
        return " OFFSET 0";
    }

    /**
     * An aggregate: the value of the group's row with the least {@code order} among the rows whose
     * value is not NULL; NULL when there is none. The orders must differ within a group (a row
     * number, say), so that the pick is the same on every engine.
     */
    default String valueAtLeast(String value, String order) {
        return "(array_agg(" + value + " ORDER BY " + order + ") FILTER (WHERE " + value + " IS NOT NULL))[1]";
    }

    default String createSchemaIfNotExists(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + quote(schema);
    }

    default String createTableIfNotExists(TableName table, List<Column> columns, List<String> primaryKey) {
        String body = columns.stream().map(column -> quote(column.name()) + " " + typeName(column.type()))
                .collect(Collectors.joining(", "));
        String key = primaryKey.isEmpty() ? ""
                : ", PRIMARY KEY (" + primaryKey.stream().map(this::quote).collect(Collectors.joining(", ")) + ")";
        return "CREATE TABLE IF NOT EXISTS " + table(table) + " (" + body + key + ")";
    }

    default String addColumn(TableName table, Column column) {
        return "ALTER TABLE " + table(table) + " ADD COLUMN " + quote(column.name()) + " " + typeName(column.type());
    }

    /**
     * Creates a working table from a query: intermediate results that are dropped when the work is
     * done and need no crash safety (PostgreSQL makes it UNLOGGED, skipping the write-ahead log).
     */
    default String createWorkingTableAs(TableName table, String query) {
        return "CREATE TABLE " + table(table) + " AS " + query;
    }

    /**
     * The values as the text of one JSON array ({@code ["a",1,null]}): strings quoted and escaped,
     * so different lists of values never give the same text on one engine. Cheaper than building
     * such a text by concatenation; the exact spelling (spaces, number forms) is the engine's own.
     */
    default String jsonArrayText(List<String> expressions) {
        return "CAST(json_build_array(" + String.join(", ", expressions) + ") AS VARCHAR)";
    }

    /**
     * A suffix for the query of a {@code CREATE TABLE ... AS} that stores the rows clustered by the
     * given (quoted) columns, where the engine skips blocks of rows by their minimum and maximum
     * (DuckDB's zone maps on row groups): a filter on the leading columns then reads only the
     * blocks that can match. Empty where a physical order buys nothing without an index
     * (PostgreSQL).
     */
    default String clusterBy(List<String> quotedColumns) {
        return "";
    }

    /**
     * Whether to declare the primary key of a large table that takes many small deletes and
     * inserts (a sync's state). PostgreSQL keeps a B-tree whose upkeep grows with the logarithm of
     * the table; DuckDB's ART index makes each such write cost in proportion to the whole table,
     * so there the writer alone keeps the key unique (it deletes a key's row before inserting it,
     * in one transaction).
     */
    default boolean indexesFrequentlyWrittenKeys() {
        return true;
    }

    /**
     * Statements that let the engine write the tables of a bulk rebuild in any row order (an
     * {@code ORDER BY} still orders), where keeping the order of the input costs time; none where it
     * does not. {@link #orderedWrites()} undoes them.
     */
    default List<String> unorderedWrites() {
        return List.of();
    }

    /** Statements that undo {@link #unorderedWrites()}. */
    default List<String> orderedWrites() {
        return List.of();
    }

    /** The statement that refreshes the planner's statistics of a table, where the engine needs one after a bulk write. */
    default Optional<String> analyze(TableName table) {
        return Optional.empty();
    }

    /**
     * Merges every row of {@code source} into {@code target} by {@code keyColumns}: matching rows
     * are updated, the others inserted. Both engines run standard {@code MERGE}.
     */
    default String mergeFrom(TableName target, TableName source, List<String> columns, List<String> keyColumns) {
        String on = keyColumns.stream().map(key -> "t." + quote(key) + " = s." + quote(key)).collect(Collectors.joining(" AND "));
        List<String> updatable = columns.stream().filter(column -> !keyColumns.contains(column)).toList();
        String insertColumns = columns.stream().map(this::quote).collect(Collectors.joining(", "));
        String insertValues = columns.stream().map(column -> "s." + quote(column)).collect(Collectors.joining(", "));
        String update = updatable.isEmpty() ? ""
                : " WHEN MATCHED THEN UPDATE SET " + updatable.stream().map(column -> quote(column) + " = s." + quote(column))
                        .collect(Collectors.joining(", "));
        return "MERGE INTO " + table(target) + " AS t USING " + table(source) + " AS s ON " + on + update
                + " WHEN NOT MATCHED THEN INSERT (" + insertColumns + ") VALUES (" + insertValues + ")";
    }

    /**
     * Lists columns of a table of the current database in ordinal order: two parameters, schema and
     * table; columns name and type. (DuckDB lists the tables of every attached database.)
     */
    default String describeTable() {
        return "SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_catalog = current_database() AND table_schema = ? AND table_name = ? ORDER BY ordinal_position";
    }
}
