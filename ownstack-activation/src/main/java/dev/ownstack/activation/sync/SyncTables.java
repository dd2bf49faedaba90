package dev.ownstack.activation.sync;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.Warehouse;
import java.util.List;

/**
 * The tables in schema {@code ownstack} that hold what every sync sent and how its runs went
 * (docs/SYNCS.md has them column by column). Created on first use; readers treat a missing table
 * as empty.
 */
public final class SyncTables {
    /** Per sync and record: the mapped fields the destination last accepted, and their hash. */
    public static final TableName STATE = new TableName(TableName.OWNSTACK_SCHEMA, "sync_state");
    /** One row per run of any sync; run ids are global. */
    public static final TableName RUNS = new TableName(TableName.OWNSTACK_SCHEMA, "sync_runs");
    /** Per sync and record: the destination's last rejection, until the record is accepted. */
    public static final TableName ERRORS = new TableName(TableName.OWNSTACK_SCHEMA, "sync_errors");

    static final List<Column> STATE_COLUMNS = List.of(new Column("sync", ColumnType.STRING), new Column("record_key", ColumnType.STRING),
            new Column("fields_hash", ColumnType.STRING), new Column("fields", ColumnType.STRING),
            new Column("destination_id", ColumnType.STRING), new Column("synced_at", ColumnType.TIMESTAMPTZ),
            new Column("run_id", ColumnType.BIGINT));
    static final List<Column> RUN_COLUMNS = List.of(new Column("run_id", ColumnType.BIGINT), new Column("sync", ColumnType.STRING),
            new Column("status", ColumnType.STRING), new Column("started_at", ColumnType.TIMESTAMPTZ),
            new Column("finished_at", ColumnType.TIMESTAMPTZ), new Column("heartbeat_at", ColumnType.TIMESTAMPTZ),
            new Column("runner", ColumnType.STRING), new Column("dry_run", ColumnType.BOOLEAN),
            new Column("planned_adds", ColumnType.BIGINT), new Column("planned_changes", ColumnType.BIGINT),
            new Column("planned_removes", ColumnType.BIGINT), new Column("destination_records", ColumnType.BIGINT),
            new Column("added", ColumnType.BIGINT), new Column("changed", ColumnType.BIGINT), new Column("removed", ColumnType.BIGINT),
            new Column("failed", ColumnType.BIGINT), new Column("message", ColumnType.STRING), new Column("error_samples", ColumnType.STRING),
            new Column("approves", ColumnType.BIGINT), new Column("vendor_counts", ColumnType.STRING));
    static final List<Column> ERROR_COLUMNS = List.of(new Column("sync", ColumnType.STRING), new Column("record_key", ColumnType.STRING),
            new Column("operation", ColumnType.STRING), new Column("error_class", ColumnType.STRING), new Column("message", ColumnType.STRING),
            new Column("first_failed_at", ColumnType.TIMESTAMPTZ), new Column("last_failed_at", ColumnType.TIMESTAMPTZ),
            new Column("attempts", ColumnType.BIGINT), new Column("run_id", ColumnType.BIGINT), new Column("fields_hash", ColumnType.STRING));

    private SyncTables() {
    }

    /** Creates the three tables when missing. Synchronised: two connections creating the schema at once conflict on both engines. */
    public static synchronized void ensure(Warehouse warehouse) {
        // unique by (sync, record_key): declared where the engine keeps such a key cheaply, else kept by the state writer
        warehouse.ensureTable(STATE, STATE_COLUMNS, warehouse.dialect().indexesFrequentlyWrittenKeys() ? List.of("sync", "record_key") : List.of());
        warehouse.ensureTable(RUNS, RUN_COLUMNS, List.of("run_id"));
        warehouse.ensureTable(ERRORS, ERROR_COLUMNS, List.of("sync", "record_key"));
    }

    static boolean exists(Warehouse warehouse, TableName table) {
        return warehouse.describe(table).isPresent();
    }
}
