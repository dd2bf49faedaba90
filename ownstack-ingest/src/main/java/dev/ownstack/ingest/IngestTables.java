package dev.ownstack.ingest;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The bookkeeping tables of ingestion, in the {@code ownstack} schema: rejected rows and each
 * source's saved state (JDBC cursors, Singer state). Writes join the caller's transaction, so data
 * and state commit together.
 */
public final class IngestTables {
    public static final TableName REJECTS = new TableName(TableName.OWNSTACK_SCHEMA, "load_rejects");
    public static final TableName SOURCE_STATE = new TableName(TableName.OWNSTACK_SCHEMA, "source_state");

    private static final List<Column> REJECT_COLUMNS = List.of(
            new Column("source", ColumnType.STRING),
            new Column("target_table", ColumnType.STRING),
            new Column("location", ColumnType.STRING),
            new Column("column_name", ColumnType.STRING),
            new Column("reason", ColumnType.STRING),
            new Column("raw_row", ColumnType.STRING),
            new Column("rejected_at", ColumnType.TIMESTAMPTZ));

    private static final List<Column> STATE_COLUMNS = List.of(
            new Column("source", ColumnType.STRING),
            new Column("stream", ColumnType.STRING),
            new Column("state", ColumnType.STRING),
            new Column("updated_at", ColumnType.TIMESTAMPTZ));

    private IngestTables() {
    }

    /**
     * The staging table a source merges from: {@code <schema>._stage_<name>}, shortened with a
     * hash when too long. Sources create and drop it inside their transaction.
     */
    public static TableName stagingTable(TableName target) {
        String name = "_stage_" + target.name();
        if (name.length() > 63) {
            name = name.substring(0, 54) + "_" + String.format("%08x", target.name().hashCode());
        }
        return new TableName(target.schema(), name);
    }

    /** Opens a writer for rejects of one source into one table; close it inside the load's transaction. */
    public static RejectWriter rejects(Warehouse warehouse, String source, TableName target) {
        warehouse.ensureTable(REJECTS, REJECT_COLUMNS, List.of());
        return new RejectWriter(warehouse, source, target);
    }

    /** The saved state of a source's stream, if any. */
    public static Optional<String> state(Warehouse warehouse, String source, String stream) {
        warehouse.ensureTable(SOURCE_STATE, STATE_COLUMNS, List.of("source", "stream"));
        var rows = warehouse.queryAll("SELECT state FROM " + warehouse.dialect().table(SOURCE_STATE)
                + " WHERE source = ? AND stream = ?", source, stream).rows();
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable((String) rows.get(0)[0]);
    }

    /** Saves a source's stream state; call inside the transaction that wrote the data it describes. */
    public static void saveState(Warehouse warehouse, String source, String stream, String state) {
        warehouse.ensureTable(SOURCE_STATE, STATE_COLUMNS, List.of("source", "stream"));
        String table = warehouse.dialect().table(SOURCE_STATE);
        warehouse.execute("DELETE FROM " + table + " WHERE source = ? AND stream = ?", source, stream);
        warehouse.execute("INSERT INTO " + table + " (source, stream, state, updated_at) VALUES (?, ?, ?, ?)",
                source, stream, state, OffsetDateTime.now(ZoneOffset.UTC));
    }

    /**
     * Collects rejects and writes them on {@link #close()}, after the data's bulk writer is closed:
     * PostgreSQL runs one COPY at a time per connection.
     */
    public static final class RejectWriter implements AutoCloseable {
        private final Warehouse warehouse;
        private final String source;
        private final TableName target;
        private final List<Object[]> pending = new java.util.ArrayList<>();
        private long count;

        private RejectWriter(Warehouse warehouse, String source, TableName target) {
            this.warehouse = warehouse;
            this.source = source;
            this.target = target;
        }

        public void write(Reject reject) {
            pending.add(new Object[] {source, target.toString(), reject.location(), reject.column(), reject.reason(),
                    reject.rawRow(), OffsetDateTime.now(ZoneOffset.UTC)});
            count++;
        }

        public long count() {
            return count;
        }

        @Override
        public void close() {
            if (pending.isEmpty()) {
                return;
            }
            try (RowWriter writer = warehouse.append(REJECTS, REJECT_COLUMNS.stream().map(Column::name).toList())) {
                pending.forEach(writer::write);
            }
            pending.clear();
        }
    }
}
