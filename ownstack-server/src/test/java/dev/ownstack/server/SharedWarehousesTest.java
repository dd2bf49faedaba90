package dev.ownstack.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedWarehousesTest {
    @TempDir
    Path folder;

    private SharedWarehouses shared() {
        String file = folder.resolve("warehouse.duckdb").toString();
        return new SharedWarehouses(() -> DuckDbWarehouse.open(file, DuckDbWarehouse.DEFAULT_LOCK_WAIT, message -> { }));
    }

    @Test
    void overlapping_requests_share_the_database_and_it_is_let_go_once_idle() throws InterruptedException {
        try (SharedWarehouses warehouses = shared()) {
            Warehouse first = warehouses.get();
            Warehouse second = warehouses.get();
            first.execute("CREATE TABLE t AS SELECT 1 AS x");
            assertEquals(1L, ((Number) second.queryAll("SELECT count(*) FROM t").singleValue()).longValue(), "one database");
            first.close();
            first.close();
            assertTrue(warehouses.holding());
            second.close();
            assertTrue(warehouses.holding(), "kept for a moment after the last request");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (warehouses.holding() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(warehouses.holding(), "let go once idle, so that another process can use the file");
        }
    }

    /** Resolve normalises texts through a Java function where the engine runs one: a request's warehouse passes that on. */
    @Test
    void a_requests_warehouse_defines_java_functions_on_the_database() {
        try (SharedWarehouses warehouses = shared(); Warehouse warehouse = warehouses.get()) {
            assertTrue(warehouse.defineTextFunction("test_joined", (a, b) -> a + "+" + b));
            assertEquals("a+b", warehouse.queryAll("SELECT test_joined('a', 'b')").singleValue());
        }
    }

    @Test
    void many_threads_open_query_and_close_at_once_without_a_failure() throws Exception {
        try (SharedWarehouses warehouses = shared()) {
            try (Warehouse setup = warehouses.get()) {
                setup.execute("CREATE TABLE t AS SELECT range AS x FROM range(1000)");
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Long>> counts = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int round = i;
                counts.add(pool.submit(() -> {
                    try (Warehouse warehouse = warehouses.get()) {
                        if (round % 10 == 0) {
                            warehouse.execute("CREATE TABLE IF NOT EXISTS t" + round + " AS SELECT 1 AS y");
                        }
                        return ((Number) warehouse.queryAll("SELECT count(*) FROM t").singleValue()).longValue();
                    }
                }));
            }
            for (Future<Long> count : counts) {
                assertEquals(1000L, count.get());
            }
            pool.shutdown();
        }
    }

    @Test
    void after_closing_a_request_still_running_finishes_and_lets_the_database_go() {
        SharedWarehouses warehouses = shared();
        Warehouse running = warehouses.get();
        warehouses.close();
        assertTrue(warehouses.holding());
        running.execute("CREATE TABLE t AS SELECT 1 AS x");
        running.close();
        assertFalse(warehouses.holding(), "the last request let it go");
        try (Warehouse after = warehouses.get()) {
            assertEquals(1L, ((Number) after.queryAll("SELECT count(*) FROM t").singleValue()).longValue(), "a plain warehouse after closing");
        }
    }
}
