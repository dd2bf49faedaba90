package dev.ownstack.ingest.jdbc;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A table (or view) of the source as its catalog describes it. Names in SQL are the catalog's own
 * spelling, quoted with the driver's quote string, so no configured text reaches SQL unchecked.
 */
record SourceTable(String configuredName, String schema, String name, String quote, List<SourceColumn> columns) {
    SourceTable {
        Objects.requireNonNull(configuredName, "configuredName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(quote, "quote");
        columns = List.copyOf(columns);
    }

    /**
     * Finds {@code configured} ({@code table} or {@code schema.table}) in the catalog and reads its
     * columns. An unqualified name prefers the connection's current schema.
     */
    static SourceTable discover(Connection connection, String configured, String sourceName) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        int dot = configured.lastIndexOf('.');
        String wantedSchema = dot < 0 ? null : configured.substring(0, dot);
        String wantedName = configured.substring(dot + 1);
        List<String[]> candidates = new ArrayList<>();
        try (ResultSet tables = metadata.getTables(connection.getCatalog(), null, null, null)) {
            while (tables.next()) {
                String type = String.valueOf(tables.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
                if (type.contains("TABLE") || type.contains("VIEW")) {
                    candidates.add(new String[] {tables.getString("TABLE_SCHEM"), tables.getString("TABLE_NAME")});
                }
            }
        }
        String[] found = pick(candidates, wantedSchema, wantedName, connection.getSchema())
                .orElseThrow(() -> new OwnstackException(ErrorCode.NOT_FOUND, "source '" + sourceName + "': table '" + configured
                        + "' does not exist in the source database (or the user cannot see it)"));
        String quote = metadata.getIdentifierQuoteString();
        quote = quote == null || quote.isBlank() ? "\"" : quote.trim();
        SourceTable table = new SourceTable(configured, found[0], found[1], quote, List.of());
        return new SourceTable(configured, found[0], found[1], quote, table.readColumns(connection, sourceName));
    }

    private static Optional<String[]> pick(List<String[]> candidates, String schema, String name, String currentSchema) {
        for (boolean exact : new boolean[] {true, false}) {
            List<String[]> matches = candidates.stream()
                    .filter(candidate -> same(candidate[1], name, exact) && (schema == null || same(candidate[0], schema, exact)))
                    .toList();
            if (matches.size() == 1) {
                return Optional.of(matches.get(0));
            }
            Optional<String[]> inCurrent = matches.stream().filter(candidate -> Objects.equals(candidate[0], currentSchema)).findFirst();
            if (inCurrent.isPresent()) {
                return inCurrent;
            }
        }
        return Optional.empty();
    }

    private static boolean same(String catalogName, String wanted, boolean exact) {
        return catalogName != null && (exact ? catalogName.equals(wanted) : catalogName.equalsIgnoreCase(wanted));
    }

    private List<SourceColumn> readColumns(Connection connection, String sourceName) throws SQLException {
        List<SourceColumn> found = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet empty = statement.executeQuery("SELECT * FROM " + sql() + " WHERE 1 = 0")) {
            ResultSetMetaData metadata = empty.getMetaData();
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                found.add(SourceColumn.of(metadata.getColumnName(i), metadata.getColumnType(i), metadata.getColumnTypeName(i)));
            }
        }
        Map<String, String> seen = new HashMap<>();
        for (SourceColumn column : found) {
            String earlier = seen.putIfAbsent(column.targetName().toLowerCase(Locale.ROOT), column.sourceName());
            if (earlier != null) {
                throw new OwnstackException(ErrorCode.CONFIG_INVALID, "source '" + sourceName + "', table '" + configuredName
                        + "': columns '" + earlier + "' and '" + column.sourceName() + "' both become warehouse column '"
                        + column.targetName() + "'; rename one in the source or load a view");
            }
        }
        return found;
    }

    /** The column named {@code configured} (exact spelling first, then ignoring case), or a USER error listing the columns. */
    SourceColumn column(String configured, String role, String sourceName) {
        return columns.stream().filter(column -> column.sourceName().equals(configured)).findFirst()
                .or(() -> columns.stream().filter(column -> column.sourceName().equalsIgnoreCase(configured)).findFirst())
                .orElseThrow(() -> new OwnstackException(ErrorCode.CONFIG_INVALID, "source '" + sourceName + "', table '"
                        + configuredName + "': " + role + " column '" + configured + "' does not exist; the table's columns are "
                        + columns.stream().map(SourceColumn::sourceName).collect(Collectors.joining(", "))));
    }

    /** The table as SQL: {@code "schema"."name"} in the source's quoting. */
    String sql() {
        return (schema == null || schema.isEmpty() ? "" : quoted(schema) + ".") + quoted(name);
    }

    String quoted(String identifier) {
        return quote + identifier.replace(quote, quote + quote) + quote;
    }

    String selectList() {
        return columns.stream().map(column -> quoted(column.sourceName())).collect(Collectors.joining(", "));
    }
}
