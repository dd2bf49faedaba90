package dev.ownstack.model.identity.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StarComponentsTest {
    private final Warehouse warehouse = DuckDbWarehouse.inMemory();

    @AfterEach
    void close() {
        warehouse.close();
    }

    @Test
    void a_shuffled_chain_of_20000_nodes_converges_in_a_logarithmic_number_of_rounds() {
        TestGraph chain = TestGraph.shuffledChain(20_000, 5);
        chain.write(warehouse);

        ComponentsResult result = new StarComponents().compute(warehouse, TestGraph.EDGES, TestGraph.NODES, TestGraph.OUT);

        // min-label propagation needs thousands of rounds here; log2(20,000) is about 14
        assertTrue(result.rounds() <= 30, "rounds: " + result.rounds());
        assertEquals(1, result.components());
        assertEquals(chain.expectedLabels(), TestGraph.readLabels(warehouse, TestGraph.OUT));
    }

    @Test
    void many_small_clusters_and_a_few_chains_need_few_rounds_and_move_finished_stars_out_early() {
        TestGraph graph = new TestGraph(30_000);
        IdentityGraphs.generate(30_000, 2, 2_000, 3, graph::edge);
        graph.write(warehouse);

        ComponentsResult result = new StarComponents().compute(warehouse, TestGraph.EDGES, TestGraph.NODES, TestGraph.OUT);

        assertEquals(graph.expectedLabels(), TestGraph.readLabels(warehouse, TestGraph.OUT));
        assertTrue(result.rounds() <= 20, "rounds: " + result.rounds());
        // after a few rounds only the two chains (3,998 edges) are still being rewired
        assertTrue(result.workingRows().get(4) <= 4_000, "working set per round: " + result.workingRows());
    }

    @Test
    void drops_its_working_tables_when_done() {
        TestGraph.identityClusters(2_000, 1).write(warehouse);

        new StarComponents().compute(warehouse, TestGraph.EDGES, TestGraph.NODES, TestGraph.OUT);

        assertEquals(List.of("components", "edges", "nodes"), tablesOfSchema(warehouse, "graph"));
    }

    @Test
    void drops_its_working_tables_and_keeps_the_previous_output_when_it_fails() {
        TestGraph.shuffledChain(100, 1).write(warehouse);
        new UnionFindComponents().compute(warehouse, TestGraph.EDGES, TestGraph.NODES, TestGraph.OUT);
        Map<Long, Long> before = TestGraph.readLabels(warehouse, TestGraph.OUT);
        TestGraph.shuffledChain(1_000, 2).write(warehouse);

        OwnstackException failure = assertThrows(OwnstackException.class,
                () -> new StarComponents(2).compute(warehouse, TestGraph.EDGES, TestGraph.NODES, TestGraph.OUT));

        assertEquals(ErrorCode.INTERNAL, failure.code());
        assertTrue(failure.getMessage().startsWith("star connected components of graph.edges did not converge within 2 rounds"),
                failure.getMessage());
        assertEquals(List.of("components", "edges", "nodes"), tablesOfSchema(warehouse, "graph"));
        assertEquals(before, TestGraph.readLabels(warehouse, TestGraph.OUT));
    }

    @Test
    void creates_the_schema_of_the_output_and_keeps_working_tables_there() {
        TestGraph.shuffledChain(10, 1).write(warehouse);
        TableName out = new TableName("identity", "components");

        new StarComponents().compute(warehouse, TestGraph.EDGES, TestGraph.NODES, out);

        assertEquals(List.of("components"), tablesOfSchema(warehouse, "identity"));
        assertEquals(10L, TestGraph.readLabels(warehouse, out).size());
    }

    @Test
    void a_long_output_name_still_gives_valid_working_table_names() {
        TestGraph.shuffledChain(10, 1).write(warehouse);
        TableName out = new TableName("graph", "c".repeat(63));

        ComponentsResult result = new StarComponents().compute(warehouse, TestGraph.EDGES, TestGraph.NODES, out);

        assertEquals(1, result.components());
    }

    static List<String> tablesOfSchema(Warehouse warehouse, String schema) {
        return warehouse.queryAll("SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name", schema)
                .rows().stream().map(row -> (String) row[0]).toList();
    }
}
