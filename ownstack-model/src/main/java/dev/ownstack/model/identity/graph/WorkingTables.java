package dev.ownstack.model.identity.graph;

import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.QueryResult;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The working tables of one components computation, in the schema of its output and named
 * {@code cc_work_<output>_<role>}, and the SQL the algorithms share. {@link #close()} drops every
 * working table it handed out, also after a failure; a table left over by a crashed process is
 * dropped before it is created again. Not thread-safe: it belongs to one computation.
 */
final class WorkingTables implements AutoCloseable {
    static final String PREFIX = "cc_work_";
    private static final int MAX_IDENTIFIER = 63;

    private final Warehouse warehouse;
    private final SqlDialect dialect;
    private final TableName out;
    private final String base;
    private final Set<TableName> created = new LinkedHashSet<>();

    WorkingTables(Warehouse warehouse, TableName out) {
        this.warehouse = warehouse;
        this.dialect = warehouse.dialect();
        this.out = out;
        String name = PREFIX + out.name();
        // room for "_" and the longest role; a long output name is replaced by its hash
        this.base = name.length() <= MAX_IDENTIFIER - 12 ? name : PREFIX + Integer.toHexString(out.name().hashCode());
        warehouse.execute(dialect.createSchemaIfNotExists(out.schema()));
    }

    /** The working table for a role (letters and underscores, at most 11 characters). */
    TableName table(String role) {
        return new TableName(out.schema(), base + "_" + role);
    }

    /** (Re)creates a working table from a query; returns its name quoted for SQL. */
    String create(TableName table, String query) {
        drop(table);
        created.add(table);
        warehouse.execute(dialect.createWorkingTableAs(table, query));
        dialect.analyze(table).ifPresent(warehouse::execute);
        return dialect.table(table);
    }

    /** (Re)creates an empty working table with these columns (name and engine type each); returns its name quoted for SQL. */
    String createEmpty(TableName table, String columns) {
        drop(table);
        created.add(table);
        warehouse.execute("CREATE TABLE " + dialect.table(table) + " (" + columns + ")");
        return dialect.table(table);
    }

    void drop(TableName table) {
        warehouse.execute("DROP TABLE IF EXISTS " + dialect.table(table));
        created.remove(table);
    }

    /** {@code SELECT DISTINCT node FROM nodes}, without NULLs. */
    String distinctNodes(TableName nodes) {
        String node = dialect.quote("node");
        return "SELECT DISTINCT " + node + " AS node FROM " + dialect.table(nodes) + " WHERE " + node + " IS NOT NULL";
    }

    /** The edges once each, as (smaller end, larger end), without self-loops and NULL ends. */
    String orientedEdges(TableName edges) {
        String a = dialect.quote("node_a");
        String b = dialect.quote("node_b");
        return "SELECT DISTINCT least(" + a + ", " + b + ") AS src, greatest(" + a + ", " + b + ") AS dst FROM "
                + dialect.table(edges) + " WHERE " + a + " <> " + b;
    }

    /** Replaces the output with the rows of a query of (node, component), in one transaction. */
    void replaceOutput(String query) {
        warehouse.inTransaction(w -> {
            w.execute("DROP TABLE IF EXISTS " + dialect.table(out));
            w.execute("CREATE TABLE " + dialect.table(out) + " AS " + query);
            return null;
        });
    }

    /** The number of rows and of components (nodes labelled with themselves) in the output. */
    long[] countOutput() {
        QueryResult result = warehouse.queryAll("SELECT count(*), coalesce(sum(CASE WHEN node = component THEN 1 ELSE 0 END), 0) FROM "
                + dialect.table(out));
        Object[] row = result.rows().get(0);
        return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
    }

    long count(TableName table) {
        return ((Number) warehouse.queryAll("SELECT count(*) FROM " + dialect.table(table)).singleValue()).longValue();
    }

    /** Drops every working table still there; a failure to drop one is added to the others' failures. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (TableName table : Set.copyOf(created)) {
            try {
                drop(table);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
