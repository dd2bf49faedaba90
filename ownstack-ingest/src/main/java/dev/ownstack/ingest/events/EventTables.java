package dev.ownstack.ingest.events;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbDialect;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The warehouse tables of event loading and the SQL the loader runs on them, written once for
 * every engine through the dialect:
 *
 * <ul>
 *   <li>{@code raw.events}: one row per event (docs/EVENTS.md), no primary key;</li>
 *   <li>{@code ownstack.event_rejects}: events the collector or the loader refused, with why;</li>
 *   <li>{@code ownstack.event_log_positions}: per log and partition, the offset after the last
 *       loaded record, committed with the rows;</li>
 *   <li>{@code ownstack.event_stage}: a batch on its way in, empty outside a load transaction.</li>
 * </ul>
 */
final class EventTables {
    static final TableName EVENTS = new TableName(TableName.RAW_SCHEMA, "events");
    static final TableName REJECTS = new TableName(TableName.OWNSTACK_SCHEMA, "event_rejects");
    static final TableName POSITIONS = new TableName(TableName.OWNSTACK_SCHEMA, "event_log_positions");
    static final TableName STAGE = new TableName(TableName.OWNSTACK_SCHEMA, "event_stage");
    static final String LOADED_AT = "_ownstack_loaded_at";

    /** The columns of an event as {@link EventRows#event} fills them. */
    static final List<Column> EVENT_COLUMNS = List.of(
            new Column("message_id", ColumnType.STRING),
            new Column("source", ColumnType.STRING),
            new Column("type", ColumnType.STRING),
            new Column("event", ColumnType.STRING),
            new Column("name", ColumnType.STRING),
            new Column("user_id", ColumnType.STRING),
            new Column("anonymous_id", ColumnType.STRING),
            new Column("group_id", ColumnType.STRING),
            new Column("previous_id", ColumnType.STRING),
            new Column("timestamp", ColumnType.TIMESTAMPTZ),
            new Column("original_timestamp", ColumnType.TIMESTAMPTZ),
            new Column("sent_at", ColumnType.TIMESTAMPTZ),
            new Column("received_at", ColumnType.TIMESTAMPTZ),
            new Column("ip", ColumnType.STRING),
            new Column("user_agent", ColumnType.STRING),
            new Column("properties", ColumnType.JSON),
            new Column("traits", ColumnType.JSON),
            new Column("context", ColumnType.JSON),
            new Column("integrations", ColumnType.JSON),
            new Column("extra", ColumnType.JSON));

    static final List<Column> RAW_COLUMNS = append(EVENT_COLUMNS, new Column(LOADED_AT, ColumnType.TIMESTAMPTZ));
    /** An event and its place in the batch, for keeping the first of duplicates within a batch. */
    static final List<Column> STAGE_COLUMNS = append(EVENT_COLUMNS, new Column("batch_row", ColumnType.BIGINT));

    /** The columns of a reject as {@link EventRows#reject} fills them, then the load time. */
    static final List<Column> REJECT_COLUMNS = List.of(
            new Column("source", ColumnType.STRING),
            new Column("message_id", ColumnType.STRING),
            new Column("reason", ColumnType.STRING),
            new Column("ip", ColumnType.STRING),
            new Column("payload", ColumnType.STRING),
            new Column("received_at", ColumnType.TIMESTAMPTZ),
            new Column(LOADED_AT, ColumnType.TIMESTAMPTZ));

    static final List<Column> POSITION_COLUMNS = List.of(
            new Column("log_id", ColumnType.STRING),
            new Column("partition", ColumnType.BIGINT),
            new Column("next_offset", ColumnType.BIGINT),
            new Column("updated_at", ColumnType.TIMESTAMPTZ));

    private EventTables() {
    }

    /**
     * Creates the tables when missing (and adds columns a table lacks). On engines with B-tree
     * indexes {@code raw.events} gets one on {@code (source, message_id)} for the duplicate check;
     * DuckDB gets none: its scans are fast, and an index slows down every append.
     */
    static void ensure(Warehouse warehouse) {
        warehouse.ensureTable(EVENTS, RAW_COLUMNS, List.of());
        warehouse.ensureTable(STAGE, STAGE_COLUMNS, List.of());
        warehouse.ensureTable(REJECTS, REJECT_COLUMNS, List.of());
        warehouse.ensureTable(POSITIONS, POSITION_COLUMNS, List.of("log_id", "partition"));
        SqlDialect dialect = warehouse.dialect();
        if (!(dialect instanceof DuckDbDialect)) {
            warehouse.execute("CREATE INDEX IF NOT EXISTS " + dialect.quote("events_source_message_id") + " ON "
                    + dialect.table(EVENTS) + " (" + dialect.quote("source") + ", " + dialect.quote("message_id") + ")");
        }
    }

    static List<String> names(List<Column> columns) {
        return columns.stream().map(Column::name).toList();
    }

    static String clearStage(SqlDialect dialect) {
        return "DELETE FROM " + dialect.table(STAGE);
    }

    /**
     * Moves the staged events that are new into {@code raw.events}, in batch order. Two
     * parameters: the load time, and the start of the dedup window. Within the batch the first
     * of each {@code (source, message_id)} is kept; across batches a row is a duplicate when
     * {@code raw.events} has its {@code (source, message_id)} received since the window's start.
     */
    static String insertNewEvents(SqlDialect dialect) {
        String eventColumns = EVENT_COLUMNS.stream().map(column -> dialect.quote(column.name())).collect(Collectors.joining(", "));
        String staged = EVENT_COLUMNS.stream().map(column -> "s." + dialect.quote(column.name())).collect(Collectors.joining(", "));
        String source = dialect.quote("source");
        String messageId = dialect.quote("message_id");
        String batchRow = dialect.quote("batch_row");
        String copy = dialect.quote("copy_number");
        return "INSERT INTO " + dialect.table(EVENTS) + " (" + eventColumns + ", " + dialect.quote(LOADED_AT) + ")"
                + " SELECT " + staged + ", CAST(? AS " + dialect.typeName(ColumnType.TIMESTAMPTZ) + ")"
                + " FROM (SELECT " + eventColumns + ", " + batchRow + ", ROW_NUMBER() OVER (PARTITION BY " + source + ", " + messageId
                + " ORDER BY " + batchRow + ") AS " + copy + " FROM " + dialect.table(STAGE) + ") AS s"
                + " WHERE s." + copy + " = 1 AND NOT EXISTS (SELECT 1 FROM " + dialect.table(EVENTS) + " AS e"
                + " WHERE e." + source + " = s." + source + " AND e." + messageId + " = s." + messageId
                + " AND e." + dialect.quote("received_at") + " >= CAST(? AS " + dialect.typeName(ColumnType.TIMESTAMPTZ) + "))"
                + " ORDER BY s." + batchRow;
    }

    /** The committed position of a log: rows of partition and next offset. One parameter, the log id. */
    static String selectPosition(SqlDialect dialect) {
        return "SELECT " + dialect.quote("partition") + ", " + dialect.quote("next_offset") + " FROM " + dialect.table(POSITIONS)
                + " WHERE " + dialect.quote("log_id") + " = ?";
    }

    /** Saves one partition's offset; call inside the load's transaction. */
    static void savePosition(Warehouse warehouse, String logId, int partition, long nextOffset, OffsetDateTime now) {
        SqlDialect dialect = warehouse.dialect();
        String table = dialect.table(POSITIONS);
        long updated = warehouse.execute("UPDATE " + table + " SET " + dialect.quote("next_offset") + " = ?, "
                + dialect.quote("updated_at") + " = ? WHERE " + dialect.quote("log_id") + " = ? AND " + dialect.quote("partition")
                + " = ?", nextOffset, now, logId, (long) partition);
        if (updated == 0) {
            warehouse.execute("INSERT INTO " + table + " (" + names(POSITION_COLUMNS).stream().map(dialect::quote)
                    .collect(Collectors.joining(", ")) + ") VALUES (?, ?, ?, ?)", logId, (long) partition, nextOffset, now);
        }
    }

    private static List<Column> append(List<Column> columns, Column last) {
        List<Column> all = new ArrayList<>(columns);
        all.add(last);
        return List.copyOf(all);
    }
}
