package dev.ownstack.model.identity.graph;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A small undirected graph held in memory for tests: written into a warehouse as the edges and
 * nodes tables of the components contract, with the expected labels computed here by a plain
 * breadth-first search (independent of every implementation under test).
 */
final class TestGraph {
    static final TableName EDGES = new TableName("graph", "edges");
    static final TableName NODES = new TableName("graph", "nodes");
    static final TableName OUT = new TableName("graph", "components");

    private final int nodes;
    private final List<long[]> edges = new ArrayList<>();

    TestGraph(int nodes) {
        this.nodes = nodes;
    }

    TestGraph edge(long a, long b) {
        edges.add(new long[] {a, b});
        return this;
    }

    int nodes() {
        return nodes;
    }

    List<long[]> edges() {
        return edges;
    }

    /** A path through all nodes in a shuffled order, each edge in a random direction. */
    static TestGraph shuffledChain(int nodes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = shuffled(nodes, random);
        TestGraph graph = new TestGraph(nodes);
        for (int i = 1; i < nodes; i++) {
            graph.randomlyDirected(order[i - 1], order[i], random);
        }
        return graph;
    }

    /** Uniformly random edges between random nodes. */
    static TestGraph randomSparse(int nodes, int edgeCount, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TestGraph graph = new TestGraph(nodes);
        for (int i = 0; i < edgeCount; i++) {
            graph.edge(random.nextInt(nodes), random.nextInt(nodes));
        }
        return graph;
    }

    /** Identity-like clusters of 1 to 20 nodes with shuffled ids, as {@link IdentityGraphs} makes them. */
    static TestGraph identityClusters(int nodes, long seed) {
        TestGraph graph = new TestGraph(nodes);
        IdentityGraphs.generate(nodes, 0, 0, seed, graph::edge);
        return graph;
    }

    private void randomlyDirected(long a, long b, SplittableRandom random) {
        if (random.nextBoolean()) {
            edge(a, b);
        } else {
            edge(b, a);
        }
    }

    static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    void write(Warehouse warehouse) {
        warehouse.execute("DROP TABLE IF EXISTS graph.edges");
        warehouse.execute("DROP TABLE IF EXISTS graph.nodes");
        warehouse.ensureTable(EDGES, List.of(new Column("node_a", ColumnType.BIGINT), new Column("node_b", ColumnType.BIGINT)), List.of());
        warehouse.ensureTable(NODES, List.of(new Column("node", ColumnType.BIGINT)), List.of());
        try (RowWriter writer = warehouse.append(EDGES, List.of("node_a", "node_b"))) {
            for (long[] edge : edges) {
                writer.write(new Object[] {edge[0], edge[1]});
            }
        }
        try (RowWriter writer = warehouse.append(NODES, List.of("node"))) {
            for (long node = 0; node < nodes; node++) {
                writer.write(new Object[] {node});
            }
        }
    }

    /** Every node's smallest component member, by breadth-first search. */
    Map<Long, Long> expectedLabels() {
        Map<Long, List<Long>> adjacent = new HashMap<>();
        for (long[] edge : edges) {
            adjacent.computeIfAbsent(edge[0], k -> new ArrayList<>()).add(edge[1]);
            adjacent.computeIfAbsent(edge[1], k -> new ArrayList<>()).add(edge[0]);
        }
        Map<Long, Long> labels = new TreeMap<>();
        for (long start = 0; start < nodes; start++) {
            if (labels.containsKey(start)) {
                continue;
            }
            // ids are visited in increasing order, so the first node of a component is its smallest
            ArrayDeque<Long> queue = new ArrayDeque<>(List.of(start));
            labels.put(start, start);
            while (!queue.isEmpty()) {
                for (long next : adjacent.getOrDefault(queue.poll(), List.of())) {
                    if (labels.putIfAbsent(next, start) == null) {
                        queue.add(next);
                    }
                }
            }
        }
        return labels;
    }

    static Map<Long, Long> readLabels(Warehouse warehouse, TableName out) {
        Map<Long, Long> labels = new TreeMap<>();
        for (Object[] row : warehouse.queryAll("SELECT node, component FROM " + warehouse.dialect().table(out)).rows()) {
            Long previous = labels.put((Long) row[0], (Long) row[1]);
            if (previous != null) {
                throw new AssertionError("node " + row[0] + " appears twice in " + out);
            }
        }
        return labels;
    }

    static long components(Map<Long, Long> labels) {
        return labels.values().stream().distinct().count();
    }
}
