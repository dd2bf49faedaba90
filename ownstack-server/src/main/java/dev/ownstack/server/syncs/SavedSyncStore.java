package dev.ownstack.server.syncs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The rows of the destinations and syncs saved through the API: {@code ownstack.destinations}
 * (the settings as JSON text without the secrets, which are sealed by {@link SecretBox} in
 * {@code secrets}) and {@code ownstack.syncs} (the definition as JSON text, in the shape of
 * {@code ownstack.yml}). JSON is kept as text so that the order of a mapping survives. Created on
 * first write; a missing table reads as empty. Works on the warehouse it is given; not thread-safe.
 */
final class SavedSyncStore {
    static final TableName DESTINATIONS = new TableName(TableName.OWNSTACK_SCHEMA, "destinations");
    static final TableName SYNCS = new TableName(TableName.OWNSTACK_SCHEMA, "syncs");
    private static final List<Column> DESTINATION_COLUMNS = List.of(new Column("name", ColumnType.STRING),
            new Column("type", ColumnType.STRING), new Column("settings", ColumnType.STRING), new Column("secrets", ColumnType.STRING),
            new Column("created_at", ColumnType.TIMESTAMPTZ), new Column("updated_at", ColumnType.TIMESTAMPTZ),
            new Column("updated_by", ColumnType.STRING));
    private static final List<Column> SYNC_COLUMNS = List.of(new Column("name", ColumnType.STRING), new Column("definition", ColumnType.STRING),
            new Column("created_at", ColumnType.TIMESTAMPTZ), new Column("updated_at", ColumnType.TIMESTAMPTZ),
            new Column("updated_by", ColumnType.STRING));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A saved destination; {@code secrets} is the sealed JSON object of its secret settings, empty when it has none. */
    record SavedDestination(String name, String type, ObjectNode settings, String secrets, Instant createdAt, Instant updatedAt,
                            String updatedBy) {
        SavedDestination {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(secrets, "secrets");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(updatedAt, "updatedAt");
            Objects.requireNonNull(updatedBy, "updatedBy");
        }
    }

    /** A saved sync: its definition in the shape of one entry of {@code syncs:} in {@code ownstack.yml}. */
    record SavedSync(String name, ObjectNode definition, Instant createdAt, Instant updatedAt, String updatedBy) {
        SavedSync {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(definition, "definition");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(updatedAt, "updatedAt");
            Objects.requireNonNull(updatedBy, "updatedBy");
        }
    }

    private final Warehouse warehouse;
    private final SqlDialect dialect;

    SavedSyncStore(Warehouse warehouse) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.dialect = warehouse.dialect();
    }

    /** Creates both tables when missing; synchronised because two connections creating the schema at once conflict. */
    static synchronized void ensureTables(Warehouse warehouse) {
        warehouse.ensureTable(DESTINATIONS, DESTINATION_COLUMNS, List.of("name"));
        warehouse.ensureTable(SYNCS, SYNC_COLUMNS, List.of("name"));
    }

    List<SavedDestination> destinations() {
        if (warehouse.describe(DESTINATIONS).isEmpty()) {
            return List.of();
        }
        List<SavedDestination> saved = new ArrayList<>();
        for (Object[] row : warehouse.queryAll(select(DESTINATION_COLUMNS, DESTINATIONS)).rows()) {
            saved.add(new SavedDestination((String) row[0], (String) row[1], object((String) row[0], (String) row[2]), (String) row[3],
                    instant(row[4]), instant(row[5]), (String) row[6]));
        }
        return saved;
    }

    List<SavedSync> syncs() {
        if (warehouse.describe(SYNCS).isEmpty()) {
            return List.of();
        }
        List<SavedSync> saved = new ArrayList<>();
        for (Object[] row : warehouse.queryAll(select(SYNC_COLUMNS, SYNCS)).rows()) {
            saved.add(new SavedSync((String) row[0], object((String) row[0], (String) row[1]), instant(row[2]), instant(row[3]), (String) row[4]));
        }
        return saved;
    }

    /** Inserts or replaces the destination (keeping its creation time when it exists). */
    void put(SavedDestination destination) {
        ensureTables(warehouse);
        warehouse.inTransaction(tx -> {
            tx.execute("DELETE FROM " + dialect.table(DESTINATIONS) + " WHERE " + dialect.quote("name") + " = ?", destination.name());
            tx.execute("INSERT INTO " + dialect.table(DESTINATIONS) + " (" + columns(DESTINATION_COLUMNS) + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                    destination.name(), destination.type(), destination.settings().toString(), destination.secrets(),
                    utc(destination.createdAt()), utc(destination.updatedAt()), destination.updatedBy());
            return null;
        });
    }

    void put(SavedSync sync) {
        ensureTables(warehouse);
        warehouse.inTransaction(tx -> {
            tx.execute("DELETE FROM " + dialect.table(SYNCS) + " WHERE " + dialect.quote("name") + " = ?", sync.name());
            tx.execute("INSERT INTO " + dialect.table(SYNCS) + " (" + columns(SYNC_COLUMNS) + ") VALUES (?, ?, ?, ?, ?)",
                    sync.name(), sync.definition().toString(), utc(sync.createdAt()), utc(sync.updatedAt()), sync.updatedBy());
            return null;
        });
    }

    /** Deletes the row of that name from {@link #DESTINATIONS} or {@link #SYNCS}; false when there was none. */
    boolean delete(TableName table, String name) {
        if (warehouse.describe(table).isEmpty()) {
            return false;
        }
        return warehouse.execute("DELETE FROM " + dialect.table(table) + " WHERE " + dialect.quote("name") + " = ?", name) > 0;
    }

    static Instant now(java.time.Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private String select(List<Column> columns, TableName table) {
        return "SELECT " + columns(columns) + " FROM " + dialect.table(table) + " ORDER BY " + dialect.quote("name");
    }

    private String columns(List<Column> columns) {
        return columns.stream().map(column -> dialect.quote(column.name())).collect(Collectors.joining(", "));
    }

    private static ObjectNode object(String name, String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "the saved definition of '" + name + "' is not a JSON object: " + e.getMessage(), e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        return ((OffsetDateTime) value).toInstant();
    }
}
