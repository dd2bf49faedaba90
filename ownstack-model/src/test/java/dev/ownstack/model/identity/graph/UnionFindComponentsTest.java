package dev.ownstack.model.identity.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UnionFindComponentsTest {
    private final Warehouse warehouse = DuckDbWarehouse.inMemory();

    @AfterEach
    void close() {
        warehouse.close();
    }

    @Test
    void rejects_an_edge_that_names_a_node_outside_the_dense_ids() {
        new TestGraph(10).edge(3, 4).edge(5, 12).write(warehouse);

        OwnstackException failure = assertThrows(OwnstackException.class,
                () -> new UnionFindComponents().compute(warehouse, TestGraph.EDGES, TestGraph.NODES, TestGraph.OUT));

        assertEquals(ErrorCode.INPUT_INVALID, failure.code());
        assertEquals("edge (5, 12) of graph.edges names node 12, which is not among the dense node ids 0..9 of graph.nodes", failure.getMessage());
        assertEquals(List.of("edges", "nodes"), StarComponentsTest.tablesOfSchema(warehouse, "graph"));
    }

    @Test
    void rejects_a_negative_node_id_in_an_edge() {
        new TestGraph(3).edge(-1, 2).write(warehouse);

        OwnstackException failure = assertThrows(OwnstackException.class,
                () -> new UnionFindComponents().compute(warehouse, TestGraph.EDGES, TestGraph.NODES, TestGraph.OUT));

        assertEquals("edge (-1, 2) of graph.edges names node -1, which is not among the dense node ids 0..2 of graph.nodes", failure.getMessage());
    }

    @Test
    void rejects_nodes_that_are_not_dense() {
        new TestGraph(3).write(warehouse);
        warehouse.execute("INSERT INTO graph.nodes VALUES (7)");

        OwnstackException failure = assertThrows(OwnstackException.class,
                () -> new UnionFindComponents().compute(warehouse, TestGraph.EDGES, TestGraph.NODES, TestGraph.OUT));

        assertEquals(ErrorCode.INPUT_INVALID, failure.code());
        assertEquals("union-find needs the dense node ids 0..3 but graph.nodes has 4 distinct ids from 0 to 7", failure.getMessage());
    }

    @Test
    void ignores_duplicate_nodes_and_edges_with_a_null_end() {
        new TestGraph(3).edge(0, 2).write(warehouse);
        warehouse.execute("INSERT INTO graph.nodes VALUES (1), (NULL)");
        warehouse.execute("INSERT INTO graph.edges VALUES (1, NULL), (NULL, 2)");

        for (ConnectedComponents algorithm : ConnectedComponentsTest.algorithms()) {
            ComponentsResult result = algorithm.compute(warehouse, TestGraph.EDGES, TestGraph.NODES, TestGraph.OUT);

            assertEquals(java.util.Map.of(0L, 0L, 1L, 1L, 2L, 0L), TestGraph.readLabels(warehouse, TestGraph.OUT));
            assertEquals(3, result.nodes());
            assertEquals(2, result.components());
        }
    }
}
