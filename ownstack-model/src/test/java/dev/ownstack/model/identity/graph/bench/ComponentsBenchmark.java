package dev.ownstack.model.identity.graph.bench;


import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.model.identity.graph.ComponentsResult;
import dev.ownstack.model.identity.graph.ConnectedComponents;
import dev.ownstack.model.identity.graph.IdentityGraphs;
import dev.ownstack.model.identity.graph.MinLabelComponents;
import dev.ownstack.model.identity.graph.StarComponents;
import dev.ownstack.model.identity.graph.UnionFindComponents;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.bench.MemoryPeaks;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Times the three connected-components algorithms on one identity-like graph in a DuckDB file:
 * union-find in the JVM (the limit), alternating large/small-star in SQL, and min-label
 * propagation in SQL (the baseline, stopped after a number of rounds). Checks that the SQL
 * results equal union-find's, and prints rounds, seconds, peak heap, peak RSS and ratios.
 *
 * <pre>java ... ComponentsBenchmark [NODES] [MIN_LABEL_MAX_ROUNDS] [DUCKDB_FILE]</pre>
 */
public final class ComponentsBenchmark {
    private static final TableName EDGES = new TableName("graph", "edges");
    private static final TableName NODES = new TableName("graph", "nodes");
    private static final int CHAIN_LENGTH = 10_000;
    private static final long SEED = 42;

    private ComponentsBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int nodes = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int minLabelRounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path file = Path.of(args.length > 2 ? args[2] : "ownstack-model/target/components-bench.duckdb");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + ".wal"));
        int chains = Math.max(1, nodes / 500_000);
        int chainLength = Math.min(CHAIN_LENGTH, nodes / chains / 10);
        try (Warehouse warehouse = DuckDbWarehouse.open(file.toString(), Duration.ofSeconds(60), System.out::println)) {
            long start = System.nanoTime();
            long edges = generate(warehouse, nodes, chains, chainLength);
            warehouse.execute("CHECKPOINT");
            System.out.printf(Locale.ROOT, "graph: %,d nodes, %,d edges (clusters of 1-20 nodes, %d chains of %,d nodes), generated in %.1f s%n",
                    nodes, edges, chains, chainLength, seconds(start));
            System.out.println("DuckDB file " + file + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, max heap "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
            System.out.println();
            System.out.println("| algorithm | rounds | seconds | peak heap | peak RSS | working set per round | speed vs union-find |");
            System.out.println("|---|---:|---:|---:|---:|---|---:|");
            TableName reference = new TableName("graph", "cc_union_find");
            double limit = run(warehouse, "union-find (JVM)", new UnionFindComponents(), reference, null, 0);
            run(warehouse, "large/small-star (SQL)", new StarComponents(), new TableName("graph", "cc_star"), reference, limit);
            run(warehouse, "min-label (SQL), at most " + minLabelRounds + " rounds", new MinLabelComponents(minLabelRounds),
                    new TableName("graph", "cc_min_label"), reference, limit);
        }
    }

    private static long generate(Warehouse warehouse, int nodes, int chains, int chainLength) {
        warehouse.ensureTable(EDGES, List.of(new Column("node_a", ColumnType.BIGINT), new Column("node_b", ColumnType.BIGINT)), List.of());
        warehouse.ensureTable(NODES, List.of(new Column("node", ColumnType.BIGINT)), List.of());
        long edges;
        try (RowWriter writer = warehouse.append(EDGES, List.of("node_a", "node_b"))) {
            IdentityGraphs.generate(nodes, chains, chainLength, SEED, (a, b) -> writer.write(new Object[] {a, b}));
            edges = writer.rowCount();
        }
        try (RowWriter writer = warehouse.append(NODES, List.of("node"))) {
            for (long node = 0; node < nodes; node++) {
                writer.write(new Object[] {node});
            }
        }
        return edges;
    }

    /** Runs one algorithm; returns its seconds, or the seconds until it gave up. */
    private static double run(Warehouse warehouse, String name, ConnectedComponents algorithm, TableName out, TableName reference, double limit) {
        System.gc();
        MemoryPeaks.reset();
        long start = System.nanoTime();
        String rounds;
        String workingSet;
        boolean complete = true;
        try {
            ComponentsResult result = algorithm.compute(warehouse, EDGES, NODES, out);
            rounds = String.valueOf(result.rounds());
            workingSet = result.workingRows().stream().map(ComponentsBenchmark::compact).reduce((a, b) -> a + ", " + b).orElse("");
            workingSet += " → " + String.format(Locale.ROOT, "%,d", result.components()) + " components";
        } catch (OwnstackException e) {
            if (e.code() != ErrorCode.INPUT_INVALID) {
                throw e;
            }
            rounds = "gave up";
            workingSet = e.getMessage();
            complete = false;
        }
        double seconds = seconds(start);
        String ratio = reference == null ? "" : String.format(Locale.ROOT, "%s%.2f×", complete ? "" : "< ", limit / seconds);
        System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %s | %s | %s | %s |%n", name, rounds, seconds, mib(MemoryPeaks.heap()), MemoryPeaks.residentSet() < 0 ? "n/a" : mib(MemoryPeaks.residentSet()), workingSet, ratio);
        if (complete && reference != null) {
            check(warehouse, out, reference);
        }
        return seconds;
    }

    private static void check(Warehouse warehouse, TableName out, TableName reference) {
        String sql = "SELECT count(*), count(*) FILTER (WHERE r.component IS DISTINCT FROM o.component) FROM "
                + warehouse.dialect().table(reference) + " r FULL JOIN " + warehouse.dialect().table(out) + " o ON o.node = r.node";
        Object[] row = warehouse.queryAll(sql).rows().get(0);
        if (((Number) row[1]).longValue() != 0) {
            throw new IllegalStateException(out + " differs from " + reference + " on " + row[1] + " of " + row[0] + " nodes");
        }
    }

    private static String compact(long value) {
        return value >= 10_000_000 ? String.format(Locale.ROOT, "%.0fM", value / 1e6)
                : value >= 1_000_000 ? String.format(Locale.ROOT, "%.1fM", value / 1e6)
                : value >= 1_000 ? String.format(Locale.ROOT, "%.0fk", value / 1e3) : String.valueOf(value);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
