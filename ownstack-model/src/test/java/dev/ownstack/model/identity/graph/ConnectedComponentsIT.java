package dev.ownstack.model.identity.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The same contract on PostgreSQL, and the star algorithm giving the same labels there as on DuckDB. */
class ConnectedComponentsIT {
    private final PostgresTestDatabase database = PostgresTestDatabase.create();
    private final Warehouse postgres = PostgresWarehouse.connect(database.config());

    @AfterEach
    void close() {
        postgres.close();
        database.close();
    }

    @Test
    void all_three_agree_on_postgres_on_chains_sparse_graphs_and_identity_clusters() {
        assertAllAgree(TestGraph.shuffledChain(150, 7));
        assertAllAgree(TestGraph.randomSparse(2_000, 1_300, 2));
        assertAllAgree(TestGraph.identityClusters(5_000, 11));
    }

    @Test
    void all_three_agree_on_postgres_on_isolated_nodes_duplicates_self_loops_and_no_edges() {
        assertAllAgree(new TestGraph(8).edge(6, 2).edge(2, 6).edge(2, 6).edge(3, 3).edge(7, 6));
        assertAllAgree(new TestGraph(4));
        assertAllAgree(new TestGraph(0));
    }

    @Test
    void the_star_algorithm_gives_the_same_labels_and_rounds_on_postgres_as_on_duckdb() {
        TestGraph graph = new TestGraph(20_000);
        IdentityGraphs.generate(20_000, 2, 2_000, 9, graph::edge);
        graph.write(postgres);
        ComponentsResult onPostgres = new StarComponents().compute(postgres, TestGraph.EDGES, TestGraph.NODES, TestGraph.OUT);
        Map<Long, Long> postgresLabels = TestGraph.readLabels(postgres, TestGraph.OUT);

        try (Warehouse duckdb = DuckDbWarehouse.inMemory()) {
            graph.write(duckdb);
            ComponentsResult onDuckDb = new StarComponents().compute(duckdb, TestGraph.EDGES, TestGraph.NODES, TestGraph.OUT);

            assertEquals(TestGraph.readLabels(duckdb, TestGraph.OUT), postgresLabels);
            assertEquals(onDuckDb, onPostgres);
        }
        assertEquals(graph.expectedLabels(), postgresLabels);
        assertEquals(List.of("components", "edges", "nodes"), StarComponentsTest.tablesOfSchema(postgres, "graph"));
    }

    @Test
    void a_shuffled_chain_of_20000_nodes_needs_few_rounds_on_postgres_too() {
        TestGraph chain = TestGraph.shuffledChain(20_000, 5);
        chain.write(postgres);

        ComponentsResult result = new StarComponents().compute(postgres, TestGraph.EDGES, TestGraph.NODES, TestGraph.OUT);

        assertTrue(result.rounds() <= 30, "rounds: " + result.rounds());
        assertEquals(chain.expectedLabels(), TestGraph.readLabels(postgres, TestGraph.OUT));
    }

    private void assertAllAgree(TestGraph graph) {
        graph.write(postgres);
        Map<Long, Long> expected = graph.expectedLabels();
        for (ConnectedComponents algorithm : ConnectedComponentsTest.algorithms()) {
            String name = algorithm.getClass().getSimpleName();
            ComponentsResult result = algorithm.compute(postgres, TestGraph.EDGES, TestGraph.NODES, TestGraph.OUT);

            assertEquals(expected, TestGraph.readLabels(postgres, TestGraph.OUT), name);
            assertEquals(TestGraph.components(expected), result.components(), name);
        }
    }
}
