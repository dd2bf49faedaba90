package dev.ownstack.model.identity.bench;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import dev.ownstack.model.identity.graph.ComponentsResult;
import dev.ownstack.model.identity.graph.ConnectedComponents;
import dev.ownstack.model.identity.graph.MinLabelComponents;
import dev.ownstack.model.identity.graph.StarComponents;
import dev.ownstack.model.identity.graph.UnionFindComponents;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.bench.MemoryPeaks;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The comparisons of bench/identity.sh, run on a warehouse that {@code ownstack resolve} has just
 * resolved and built. First it times copying each large table resolve and build wrote (the floor of
 * writing them on this engine). Then it rebuilds the edges the resolution linked (records sharing
 * a key value that linked before the per-customer limits, as stars around each value's smallest
 * node) from {@code identity.record_keys} and {@code identity.records}, and times union-find in
 * the JVM over them (the limit), large-star/small-star in SQL (what resolve runs on engines other
 * than DuckDB) and min-label propagation in SQL (the baseline, stopped after a number of rounds),
 * each with its peak heap and peak RSS. Rebuilding the edges is not timed. Prints one line per
 * copy and per algorithm, tab-separated: name, outcome (rounds, "gave up after N rounds" or
 * "copy"), seconds, peak heap MiB, peak RSS MiB, edges (rows for a copy), components ("-" where
 * a column does not apply).
 *
 * <pre>java ... ResolvedGraphBenchmark DUCKDB_FILE [MIN_LABEL_MAX_ROUNDS]</pre>
 */
public final class ResolvedGraphBenchmark {
    private static final TableName LINKED = new TableName("bench", "linked_keys");
    private static final TableName EDGES = new TableName("bench", "edges");
    private static final TableName NODES = new TableName("bench", "nodes");
    /** The tables resolve and build write that grow with the records (the small ones left out). */
    private static final List<TableName> OUTPUTS = List.of(new TableName("identity", "records"), new TableName("identity", "record_keys"),
            new TableName("model", "customer_identities"), new TableName("model", "transactions"), new TableName("model", "customers"));

    private ResolvedGraphBenchmark() {
    }

    public static void main(String[] args) {
        String file = args[0];
        int minLabelRounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        try (Warehouse warehouse = DuckDbWarehouse.open(file, Duration.ofSeconds(60), System.err::println)) {
            copyOutputs(warehouse);
            long edges = edges(warehouse);
            run(warehouse, "union-find", new UnionFindComponents(), edges);
            run(warehouse, "large-star/small-star", new StarComponents(), edges);
            run(warehouse, "min-label", new MinLabelComponents(minLabelRounds), edges);
            warehouse.execute("DROP SCHEMA bench CASCADE");
        }
    }

    /**
     * The floor of any resolve + build that writes these tables on this engine: copying each
     * published table as it is (CREATE TABLE AS SELECT *, in any row order, as resolve and build
     * write), one line per table and a total, in the same tab-separated form (outcome "copy", the
     * rows in place of the edges).
     */
    private static void copyOutputs(Warehouse warehouse) {
        warehouse.execute("CREATE SCHEMA IF NOT EXISTS bench");
        double total = 0;
        long totalRows = 0;
        for (TableName table : OUTPUTS) {
            warehouse.execute("DROP TABLE IF EXISTS bench.copy");
            long start = System.nanoTime();
            warehouse.inAnyRowOrder(() -> warehouse.execute("CREATE TABLE bench.copy AS SELECT * FROM " + warehouse.dialect().table(table)));
            double seconds = (System.nanoTime() - start) / 1e9;
            long rows = ((Number) warehouse.queryAll("SELECT count(*) FROM bench.copy").singleValue()).longValue();
            System.out.printf(Locale.ROOT, "copy %s\tcopy\t%.2f\t-\t-\t%d\t-%n", table, seconds, rows);
            total += seconds;
            totalRows += rows;
        }
        warehouse.execute("DROP TABLE bench.copy");
        warehouse.execute("CHECKPOINT");
        System.out.printf(Locale.ROOT, "copy all\tcopy\t%.2f\t-\t-\t%d\t-%n", total, totalRows);
    }

    /** The star edges of the values that linked records before the limits, as resolve built them. */
    private static long edges(Warehouse warehouse) {
        warehouse.execute("CREATE SCHEMA IF NOT EXISTS bench");
        warehouse.execute("DROP TABLE IF EXISTS bench.linked_keys");
        warehouse.execute("DROP TABLE IF EXISTS bench.edges");
        warehouse.execute("DROP TABLE IF EXISTS bench.nodes");
        // 'dropped' keys linked until a per-customer limit cut them; 'blocked' ones never linked
        warehouse.execute("CREATE TABLE bench.linked_keys AS SELECT r.node, k.key_name, k.key_value FROM identity.record_keys k"
                + " JOIN identity.records r ON r.source = k.source AND r.record_id = k.record_id WHERE k.status IN ('linked', 'dropped')");
        warehouse.execute("CREATE TABLE bench.edges AS SELECT a.anchor AS node_a, l.node AS node_b FROM bench.linked_keys l JOIN"
                + " (SELECT key_name, key_value, min(node) AS anchor FROM bench.linked_keys GROUP BY key_name, key_value HAVING count(*) > 1) a"
                + " ON a.key_name = l.key_name AND a.key_value = l.key_value WHERE l.node <> a.anchor");
        warehouse.execute("CREATE TABLE bench.nodes AS SELECT node FROM identity.records");
        warehouse.execute("DROP TABLE bench.linked_keys");
        warehouse.execute("CHECKPOINT");
        return ((Number) warehouse.queryAll("SELECT count(*) FROM bench.edges").singleValue()).longValue();
    }

    private static void run(Warehouse warehouse, String name, ConnectedComponents algorithm, long edges) {
        System.gc();
        MemoryPeaks.reset();
        long start = System.nanoTime();
        String outcome;
        long components = -1;
        try {
            ComponentsResult result = algorithm.compute(warehouse, EDGES, NODES, new TableName("bench", "cc_" + name.replaceAll("[^a-z]", "_")));
            outcome = result.rounds() + (result.rounds() == 1 ? " pass" : " rounds");
            components = result.components();
        } catch (OwnstackException e) {
            if (e.code() != ErrorCode.INPUT_INVALID) {
                throw e;
            }
            outcome = "gave up";
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s\t%s\t%.2f\t%d\t%d\t%d\t%d%n", name, outcome, seconds, MemoryPeaks.heap() >> 20, MemoryPeaks.residentSet() >> 20, edges,
                components);
    }
}
