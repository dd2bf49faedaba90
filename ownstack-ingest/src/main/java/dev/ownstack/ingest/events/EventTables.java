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
import java.util.Map;
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

    /** The columns of an event in {@code raw.events}, before the load time. */
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
    /**
     * A staged event as {@link EventRows#stage} fills it: its place in the batch (the first of
     * duplicates within a batch is kept), what Java checked and parsed, and the whole record as
     * JSON ({@code document}), from which {@link #insertNewEvents} takes the other columns. Few
     * columns, because the bulk path costs per value.
     */
    static final List<Column> STAGE_COLUMNS = List.of(
            new Column("batch_row", ColumnType.BIGINT),
            new Column("source", ColumnType.STRING),
            new Column("message_id", ColumnType.STRING),
            new Column("timestamp", ColumnType.TIMESTAMPTZ),
            new Column("original_timestamp", ColumnType.TIMESTAMPTZ),
            new Column("sent_at", ColumnType.TIMESTAMPTZ),
            new Column("received_at", ColumnType.TIMESTAMPTZ),
            new Column("document", ColumnType.JSON),
            new Column("extra", ColumnType.JSON));

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
        warehouse.ensureTable(STAGE, DocumentFields.of(warehouse.dialect()).stageColumns(), List.of());
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
     * Moves the staged events that are new into {@code raw.events}. Two parameters: the load
     * time, and the start of the dedup window. Within the batch the first of each
     * {@code (source, message_id)} is kept; across batches a row is a duplicate when
     * {@code raw.events} has its {@code (source, message_id)} received since the window's start.
     * The columns not staged come out of the staged document as {@link DocumentFields} says.
     */
    static String insertNewEvents(SqlDialect dialect) {
        DocumentFields fields = DocumentFields.of(dialect);
        List<String> extracted = new ArrayList<>();
        for (Column column : EVENT_COLUMNS) {
            String path = SOURCE_PATHS.get(column.name());
            if (path != null) {
                String expression = column.type() == ColumnType.JSON ? fields.json(dialect, path) : fields.text(dialect, path);
                extracted.add(expression + " AS " + dialect.quote(column.name()));
            }
        }
        String timestampType = dialect.typeName(ColumnType.TIMESTAMPTZ);
        String source = dialect.quote("source");
        String messageId = dialect.quote("message_id");
        String copy = dialect.quote("copy_number");
        String staged = STAGE_COLUMNS.stream().map(column -> "t." + dialect.quote(column.name())).collect(Collectors.joining(", "));
        String prepared = fields.prepare(dialect, "staged." + dialect.quote("document"));
        String innermost = prepared.isEmpty() ? dialect.table(STAGE)
                : "(SELECT staged.*, " + prepared + " FROM " + dialect.table(STAGE) + " AS staged)";
        return "INSERT INTO " + dialect.table(EVENTS) + " (" + RAW_COLUMNS.stream().map(column -> dialect.quote(column.name()))
                .collect(Collectors.joining(", ")) + ")"
                + " SELECT " + EVENT_COLUMNS.stream().map(column -> "s." + dialect.quote(column.name())).collect(Collectors.joining(", "))
                + ", CAST(? AS " + timestampType + ")"
                + " FROM (SELECT " + staged + ", " + String.join(", ", extracted) + ", ROW_NUMBER() OVER (PARTITION BY t." + source
                + ", t." + messageId + " ORDER BY t." + dialect.quote("batch_row") + ") AS " + copy + " FROM " + innermost + " AS t) AS s"
                + " WHERE s." + copy + " = 1 AND NOT EXISTS (SELECT 1 FROM " + dialect.table(EVENTS) + " AS e"
                + " WHERE e." + source + " = s." + source + " AND e." + messageId + " = s." + messageId
                + " AND e." + dialect.quote("received_at") + " >= CAST(? AS " + timestampType + "))";
    }

    /** Where in the log record each column that is not staged comes from (docs/EVENTS.md). */
    private static final Map<String, String> SOURCE_PATHS = Map.ofEntries(
            Map.entry("type", "type"),
            Map.entry("event", "event"),
            Map.entry("name", "name"),
            Map.entry("user_id", "userId"),
            Map.entry("anonymous_id", "anonymousId"),
            Map.entry("group_id", "groupId"),
            Map.entry("previous_id", "previousId"),
            Map.entry("ip", "context.ip"),
            Map.entry("user_agent", "context.userAgent"),
            Map.entry("properties", "properties"),
            Map.entry("traits", "traits"),
            Map.entry("context", "context"),
            Map.entry("integrations", "integrations"));

    /**
     * How an engine takes fields out of the staged JSON document ({@code t.document}); paths are
     * dotted field names. PostgreSQL's {@code ->} and {@code ->>} read JSONB, parsed once when
     * staged. DuckDB's parse the text again on every call, so there the fields are taken out in
     * two calls that each parse once and return a list (ten times faster on a batch).
     */
    private interface DocumentFields {
        /** The staging table's columns: the document's type is the engine's choice. */
        default List<Column> stageColumns() {
            return STAGE_COLUMNS;
        }

        /** Extra columns the innermost select computes from the document column, or empty. */
        String prepare(SqlDialect dialect, String document);

        String text(SqlDialect dialect, String path);

        String json(SqlDialect dialect, String path);

        static DocumentFields of(SqlDialect dialect) {
            return dialect instanceof DuckDbDialect ? new ListedFields() : new OperatorFields();
        }
    }

    /** {@code t.document -> 'context' ->> 'ip'}: standard on PostgreSQL, and the fallback for other engines. */
    private static final class OperatorFields implements DocumentFields {
        @Override
        public String prepare(SqlDialect dialect, String document) {
            return "";
        }

        @Override
        public String text(SqlDialect dialect, String path) {
            return walk(dialect, path, " ->> ");
        }

        @Override
        public String json(SqlDialect dialect, String path) {
            return walk(dialect, path, " -> ");
        }

        private static String walk(SqlDialect dialect, String path, String last) {
            String[] keys = path.split("\\.");
            StringBuilder expression = new StringBuilder("t." + dialect.quote("document"));
            for (int i = 0; i < keys.length; i++) {
                expression.insert(0, '(').append(i == keys.length - 1 ? last : " -> ").append(dialect.stringLiteral(keys[i])).append(')');
            }
            return expression.toString();
        }
    }

    /** DuckDB: {@code json_extract_string(document, ['$.type', ...])} once per row, then list elements. */
    private static final class ListedFields implements DocumentFields {
        private final List<String> textPaths = paths(ColumnType.STRING);
        private final List<String> jsonPaths = paths(ColumnType.JSON);

        /** The document as text: DuckDB's JSON functions read text, and a JSON column would parse it once more on append. */
        @Override
        public List<Column> stageColumns() {
            return STAGE_COLUMNS.stream().map(column -> column.name().equals("document") ? new Column("document", ColumnType.STRING) : column)
                    .toList();
        }

        private static List<String> paths(ColumnType type) {
            return EVENT_COLUMNS.stream().filter(column -> column.type() == type && SOURCE_PATHS.containsKey(column.name()))
                    .map(column -> SOURCE_PATHS.get(column.name())).toList();
        }

        @Override
        public String prepare(SqlDialect dialect, String document) {
            return "json_extract_string(" + document + ", " + list(dialect, textPaths) + ") AS " + dialect.quote("text_fields")
                    + ", json_extract(" + document + ", " + list(dialect, jsonPaths) + ") AS " + dialect.quote("json_fields");
        }

        private static String list(SqlDialect dialect, List<String> paths) {
            return paths.stream().map(path -> dialect.stringLiteral("$." + path)).collect(Collectors.joining(", ", "[", "]"));
        }

        @Override
        public String text(SqlDialect dialect, String path) {
            return "t." + dialect.quote("text_fields") + "[" + (textPaths.indexOf(path) + 1) + "]";
        }

        @Override
        public String json(SqlDialect dialect, String path) {
            return "t." + dialect.quote("json_fields") + "[" + (jsonPaths.indexOf(path) + 1) + "]";
        }
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
