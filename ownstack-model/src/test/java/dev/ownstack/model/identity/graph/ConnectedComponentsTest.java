package dev.ownstack.model.identity.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The three algorithms give every node the same label, its component's smallest node, on DuckDB. */
class ConnectedComponentsTest {
    private final Warehouse warehouse = DuckDbWarehouse.inMemory();

    @AfterEach
    void close() {
        warehouse.close();
    }

    static List<ConnectedComponents> algorithms() {
        return List.of(new StarComponents(), new UnionFindComponents(), new MinLabelComponents(1_000));
    }

    @Test
    void all_three_label_a_shuffled_long_chain_with_its_smallest_node() {
        assertAllAgree(TestGraph.shuffledChain(300, 7));
    }

    @Test
    void all_three_agree_on_random_sparse_graphs() {
        for (long seed = 1; seed <= 3; seed++) {
            assertAllAgree(TestGraph.randomSparse(2_000, 1_300, seed));
        }
    }

    @Test
    void all_three_agree_on_identity_like_clusters_of_one_to_twenty_nodes() {
        assertAllAgree(TestGraph.identityClusters(5_000, 11));
    }

    @Test
    void isolated_nodes_are_their_own_components() {
        TestGraph graph = new TestGraph(10).edge(3, 2).edge(4, 3).edge(8, 9);

        Map<Long, Long> labels = assertAllAgree(graph);

        assertEquals(Map.of(0L, 0L, 1L, 1L, 2L, 2L, 3L, 2L, 4L, 2L, 5L, 5L, 6L, 6L, 7L, 7L, 8L, 8L, 9L, 8L), labels);
    }

    @Test
    void duplicate_edges_both_directions_and_self_loops_change_nothing() {
        TestGraph graph = new TestGraph(6).edge(5, 1).edge(1, 5).edge(5, 1).edge(2, 2).edge(3, 3).edge(3, 4).edge(4, 3).edge(0, 0);

        Map<Long, Long> labels = assertAllAgree(graph);

        assertEquals(Map.of(0L, 0L, 1L, 1L, 2L, 2L, 3L, 3L, 4L, 3L, 5L, 1L), labels);
    }

    @Test
    void an_empty_edge_table_leaves_every_node_alone() {
        Map<Long, Long> labels = assertAllAgree(new TestGraph(4));

        assertEquals(Map.of(0L, 0L, 1L, 1L, 2L, 2L, 3L, 3L), labels);
    }

    @Test
    void no_nodes_at_all_give_an_empty_output() {
        assertEquals(Map.of(), assertAllAgree(new TestGraph(0)));
    }

    @Test
    void a_second_run_replaces_the_previous_output() {
        TestGraph.shuffledChain(50, 3).write(warehouse);
        for (ConnectedComponents algorithm : algorithms()) {
            algorithm.compute(warehouse, TestGraph.EDGES, TestGraph.NODES, TestGraph.OUT);
        }
        TestGraph other = new TestGraph(5).edge(0, 4);
        other.write(warehouse);

        for (ConnectedComponents algorithm : algorithms()) {
            algorithm.compute(warehouse, TestGraph.EDGES, TestGraph.NODES, TestGraph.OUT);
            assertEquals(other.expectedLabels(), TestGraph.readLabels(warehouse, TestGraph.OUT), algorithm.getClass().getSimpleName());
        }
    }

    @Test
    void all_three_give_the_same_labels_inside_a_callers_transaction() {
        TestGraph graph = new TestGraph(20_000);
        IdentityGraphs.generate(20_000, 1, 1_000, 17, graph::edge);
        graph.write(warehouse);
        Map<Long, Long> expected = graph.expectedLabels();

        for (ConnectedComponents algorithm : List.of(new StarComponents(), new UnionFindComponents())) {
            warehouse.inTransaction(w -> algorithm.compute(w, TestGraph.EDGES, TestGraph.NODES, TestGraph.OUT));

            assertEquals(expected, TestGraph.readLabels(warehouse, TestGraph.OUT), algorithm.getClass().getSimpleName());
        }
    }

    private Map<Long, Long> assertAllAgree(TestGraph graph) {
        graph.write(warehouse);
        Map<Long, Long> expected = graph.expectedLabels();
        for (ConnectedComponents algorithm : algorithms()) {
            String name = algorithm.getClass().getSimpleName();
            ComponentsResult result = algorithm.compute(warehouse, TestGraph.EDGES, TestGraph.NODES, TestGraph.OUT);

            assertEquals(expected, TestGraph.readLabels(warehouse, TestGraph.OUT), name);
            assertEquals(graph.nodes(), result.nodes(), name);
            assertEquals(TestGraph.components(expected), result.components(), name);
        }
        return expected;
    }
}
