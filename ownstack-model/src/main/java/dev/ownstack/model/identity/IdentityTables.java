package dev.ownstack.model.identity;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.Warehouse;
import java.util.List;

/**
 * The tables of schema {@code identity} (documented column by column in docs/IDENTITY.md). The
 * published ones are replaced as a whole at the end of a successful run; the {@code work_} ones
 * hold one run's intermediate state and are rebuilt by every run, so a run that crashed leaves
 * nothing the next run reads.
 */
public final class IdentityTables {
    public static final String SCHEMA = "identity";

    public static final TableName RECORDS = table("records");
    public static final TableName RECORD_KEYS = table("record_keys");
    public static final TableName DROPPED_LINKS = table("dropped_links");
    public static final TableName BLOCKED_VALUES = table("blocked_values");
    public static final TableName ID_HISTORY = table("id_history");
    public static final TableName RUNS = table("runs");
    public static final TableName MATCH_PAIRS = table("match_pairs");

    static final TableName WORK_RECORDS = table("work_records");
    static final TableName WORK_KEYS = table("work_keys");
    static final TableName WORK_FIELDS = table("work_fields");
    static final TableName WORK_ROWS = table("work_rows");
    static final TableName WORK_NORMALISED = table("work_normalised");
    static final TableName WORK_MATCHES = table("work_matches");
    static final TableName WORK_GROUPS = table("work_groups");
    static final TableName WORK_KEY_VALUES = table("work_key_values");
    static final TableName WORK_EDGES = table("work_edges");
    static final TableName WORK_COMPONENTS = table("work_components");
    static final TableName WORK_VIOLATIONS = table("work_violations");
    static final TableName WORK_RELINKED = table("work_relinked");
    static final TableName WORK_LIMITED = table("work_limited");
    static final TableName WORK_DROPPED = table("work_dropped");
    static final TableName WORK_ANCHORS = table("work_anchors");
    static final TableName WORK_OVERLAP = table("work_overlap");
    static final TableName WORK_HEIRS = table("work_heirs");
    static final TableName WORK_IDS = table("work_ids");
    static final TableName WORK_HISTORY = table("work_history");

    static final List<Column> RECORDS_COLUMNS = List.of(
            new Column("source", ColumnType.STRING), new Column("record_id", ColumnType.STRING),
            new Column("customer_id", ColumnType.STRING), new Column("precedence", ColumnType.BIGINT),
            new Column("updated_at", ColumnType.TIMESTAMP), new Column("node", ColumnType.BIGINT));
    static final List<Column> RECORD_KEYS_COLUMNS = List.of(
            new Column("source", ColumnType.STRING), new Column("record_id", ColumnType.STRING),
            new Column("key_name", ColumnType.STRING), new Column("key_value", ColumnType.STRING),
            new Column("status", ColumnType.STRING), new Column("customer_id", ColumnType.STRING));
    static final List<Column> DROPPED_LINKS_COLUMNS = List.of(
            new Column("run_id", ColumnType.BIGINT), new Column("source", ColumnType.STRING),
            new Column("record_id", ColumnType.STRING), new Column("key_name", ColumnType.STRING),
            new Column("key_value", ColumnType.STRING), new Column("other_source", ColumnType.STRING),
            new Column("other_record_id", ColumnType.STRING), new Column("reason", ColumnType.STRING));
    static final List<Column> BLOCKED_VALUES_COLUMNS = List.of(
            new Column("key_name", ColumnType.STRING), new Column("key_value", ColumnType.STRING),
            new Column("records", ColumnType.BIGINT), new Column("reason", ColumnType.STRING));
    static final List<Column> ID_HISTORY_COLUMNS = List.of(
            new Column("run_id", ColumnType.BIGINT), new Column("old_customer_id", ColumnType.STRING),
            new Column("new_customer_id", ColumnType.STRING), new Column("change", ColumnType.STRING),
            new Column("records", ColumnType.BIGINT), new Column("changed_at", ColumnType.TIMESTAMP));
    static final List<Column> MATCH_PAIRS_COLUMNS = List.of(
            new Column("source_a", ColumnType.STRING), new Column("record_id_a", ColumnType.STRING),
            new Column("source_b", ColumnType.STRING), new Column("record_id_b", ColumnType.STRING),
            new Column("match_weight", ColumnType.DOUBLE), new Column("probability", ColumnType.DOUBLE));
    static final List<Column> RUNS_COLUMNS = List.of(
            new Column("run_id", ColumnType.BIGINT), new Column("started_at", ColumnType.TIMESTAMP),
            new Column("finished_at", ColumnType.TIMESTAMP), new Column("records", ColumnType.BIGINT),
            new Column("customers", ColumnType.BIGINT), new Column("new_customers", ColumnType.BIGINT),
            new Column("merges", ColumnType.BIGINT), new Column("splits", ColumnType.BIGINT),
            new Column("dropped_links", ColumnType.BIGINT), new Column("blocked_values", ColumnType.BIGINT),
            new Column("components", ColumnType.STRING));

    private IdentityTables() {
    }

    static TableName table(String name) {
        return new TableName(SCHEMA, name);
    }

    /** The published tables' next version, built beside them and renamed over them at the end of a run. */
    static TableName next(TableName published) {
        return table(published.name() + "_next");
    }

    /** Creates the published tables when missing, empty, so a first run and readers find them. */
    static void ensurePublished(Warehouse warehouse) {
        warehouse.ensureTable(RECORDS, RECORDS_COLUMNS, List.of());
        warehouse.ensureTable(RECORD_KEYS, RECORD_KEYS_COLUMNS, List.of());
        warehouse.ensureTable(DROPPED_LINKS, DROPPED_LINKS_COLUMNS, List.of());
        warehouse.ensureTable(BLOCKED_VALUES, BLOCKED_VALUES_COLUMNS, List.of());
        warehouse.ensureTable(ID_HISTORY, ID_HISTORY_COLUMNS, List.of());
        warehouse.ensureTable(RUNS, RUNS_COLUMNS, List.of());
        warehouse.ensureTable(MATCH_PAIRS, MATCH_PAIRS_COLUMNS, List.of());
    }

    static void dropIfExists(Warehouse warehouse, TableName table) {
        warehouse.execute("DROP TABLE IF EXISTS " + warehouse.dialect().table(table));
    }

    /**
     * Drops every work table, every unpublished next version and the working tables of the
     * components and matching steps: whatever a crashed or killed run may have left.
     */
    static void dropWork(Warehouse warehouse) {
        List<String> leftovers = warehouse.queryAll("SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database()"
                + " AND table_schema = ? AND (table_name LIKE 'work%' OR table_name LIKE 'cc_work%' OR table_name LIKE '%_next')", SCHEMA)
                .rows().stream().map(row -> (String) row[0]).toList();
        for (String name : leftovers) {
            dropIfExists(warehouse, table(name));
        }
    }
}
