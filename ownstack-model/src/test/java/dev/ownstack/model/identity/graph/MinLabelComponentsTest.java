package dev.ownstack.model.identity.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MinLabelComponentsTest {
    private final Warehouse warehouse = DuckDbWarehouse.inMemory();

    @AfterEach
    void close() {
        warehouse.close();
    }

    @Test
    void needs_about_as_many_rounds_as_the_longest_path_from_the_smallest_node() {
        // 0 - 1 - 2 - ... - 9 in order: node 9 learns label 0 in round 9, round 10 changes nothing
        TestGraph path = new TestGraph(10);
        for (int i = 1; i < 10; i++) {
            path.edge(i - 1, i);
        }
        path.write(warehouse);

        ComponentsResult result = new MinLabelComponents().compute(warehouse, TestGraph.EDGES, TestGraph.NODES, TestGraph.OUT);

        assertEquals(10, result.rounds());
        assertEquals(path.expectedLabels(), TestGraph.readLabels(warehouse, TestGraph.OUT));
    }

    @Test
    void fails_clearly_when_the_rounds_run_out_and_drops_its_working_tables() {
        TestGraph.shuffledChain(200, 4).write(warehouse);

        OwnstackException failure = assertThrows(OwnstackException.class,
                () -> new MinLabelComponents(5).compute(warehouse, TestGraph.EDGES, TestGraph.NODES, TestGraph.OUT));

        assertEquals(ErrorCode.INPUT_INVALID, failure.code());
        assertTrue(failure.getMessage().startsWith("min-label propagation over graph.edges did not converge within 5 rounds: labels of its 200 linked"
                + " nodes still change"), failure.getMessage());
        assertEquals(List.of("edges", "nodes"), StarComponentsTest.tablesOfSchema(warehouse, "graph"));
    }
}
