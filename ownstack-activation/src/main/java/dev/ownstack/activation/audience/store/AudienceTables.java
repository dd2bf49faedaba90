package dev.ownstack.activation.audience.store;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.Warehouse;
import java.util.List;

/**
 * The tables in schema {@code ownstack} that hold audiences created through the API and the
 * history of their computations (docs/AUDIENCES.md has them column by column). Created on first
 * write; readers treat a missing table as empty.
 */
public final class AudienceTables {
    /** One row per audience created through the API: its definition as JSON. */
    public static final TableName AUDIENCES = new TableName(TableName.OWNSTACK_SCHEMA, "audiences");
    /** One row per computation of an audience: when, its size and how many joined and left. */
    public static final TableName RUNS = new TableName(TableName.OWNSTACK_SCHEMA, "audience_runs");
    /** Membership as intervals: a customer joined in one run and left in another (NULL while a member). */
    public static final TableName MEMBERS = new TableName(TableName.OWNSTACK_SCHEMA, "audience_members");

    static final List<Column> AUDIENCE_COLUMNS = List.of(new Column("name", ColumnType.STRING), new Column("definition", ColumnType.JSON),
            new Column("origin", ColumnType.STRING), new Column("created_at", ColumnType.TIMESTAMPTZ),
            new Column("updated_at", ColumnType.TIMESTAMPTZ));
    static final List<Column> RUN_COLUMNS = List.of(new Column("audience", ColumnType.STRING), new Column("run_id", ColumnType.BIGINT),
            new Column("computed_at", ColumnType.TIMESTAMPTZ), new Column("as_of", ColumnType.TIMESTAMPTZ),
            new Column("size", ColumnType.BIGINT), new Column("holdout_size", ColumnType.BIGINT),
            new Column("joined_count", ColumnType.BIGINT), new Column("left_count", ColumnType.BIGINT));
    static final List<Column> MEMBER_COLUMNS = List.of(new Column("audience", ColumnType.STRING), new Column("customer_id", ColumnType.STRING),
            new Column("joined_run", ColumnType.BIGINT), new Column("left_run", ColumnType.BIGINT));

    private AudienceTables() {
    }

    /**
     * Creates the definitions table when missing. Synchronised, like {@link #ensureHistory}: two
     * connections creating the schema at once conflict on both engines.
     */
    public static synchronized void ensureAudiences(Warehouse warehouse) {
        warehouse.ensureTable(AUDIENCES, AUDIENCE_COLUMNS, List.of("name"));
    }

    /** Creates the run and membership tables when missing. */
    public static synchronized void ensureHistory(Warehouse warehouse) {
        warehouse.ensureTable(RUNS, RUN_COLUMNS, List.of("audience", "run_id"));
        warehouse.ensureTable(MEMBERS, MEMBER_COLUMNS, List.of());
    }

    public static boolean exists(Warehouse warehouse, TableName table) {
        return warehouse.describe(table).isPresent();
    }
}
