package dev.ownstack.warehouse.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.WarehouseBehaviourSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The behaviour suite on an in-memory DuckDB. */
class DuckDbWarehouseTest extends WarehouseBehaviourSuite {
    @Override
    protected Warehouse openWarehouse() {
        return DuckDbWarehouse.inMemory();
    }

    /** DuckDB refuses one of two connections creating the same schema at once; ensureTable tries again and finds it. */
    @Test
    void two_connections_ensuring_the_same_new_table_at_once_both_get_it() throws Exception {
        List<Column> columns = List.of(new Column("id", ColumnType.BIGINT));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Warehouse sibling = warehouse.openSibling()) {
            for (int round = 0; round < 30; round++) {
                TableName table = new TableName("race_" + round, "things");
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<List<Column>>> both = new ArrayList<>();
                for (Warehouse connection : List.of(warehouse, sibling)) {
                    both.add(pool.submit(() -> {
                        start.await();
                        return connection.ensureTable(table, columns, List.of());
                    }));
                }
                for (Future<List<Column>> ensured : both) {
                    assertEquals(columns, ensured.get());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void writes_in_any_row_order_only_inside_the_body_and_keeps_the_input_order_where_asked() {
        List<Object> seen = new ArrayList<>();
        String result = warehouse.inAnyRowOrder(() -> {
            seen.add(preservesInsertionOrder());
            warehouse.inInputRowOrder(() -> seen.add(preservesInsertionOrder()));
            seen.add(preservesInsertionOrder());
            return "done";
        });
        assertEquals("done", result);
        assertEquals(List.of(false, true, false), seen);
        assertEquals(true, preservesInsertionOrder());
    }

    @Test
    void restores_the_row_order_when_the_body_fails_and_passes_the_failure_on() {
        IllegalStateException failure = new IllegalStateException("the body failed");
        assertSame(failure, assertThrows(IllegalStateException.class, () -> warehouse.inAnyRowOrder(() -> {
            throw failure;
        })));
        assertEquals(true, preservesInsertionOrder());
    }

    private Object preservesInsertionOrder() {
        return warehouse.queryAll("SELECT current_setting('preserve_insertion_order')").singleValue();
    }

    @Test
    void runs_a_java_text_function_in_sql_on_the_engine_threads_with_null_in_null_out() {
        assertTrue(warehouse.defineTextFunction("test_joined", (a, b) -> a + "|" + b));
        assertEquals("x|y", warehouse.queryAll("SELECT test_joined('x', 'y')").singleValue());
        assertNull(warehouse.queryAll("SELECT test_joined('x', CAST(NULL AS VARCHAR))").singleValue());
        warehouse.execute("CREATE TABLE texts AS SELECT CAST(i AS VARCHAR) AS t FROM range(100000) r(i)");
        assertEquals(100000L, ((Number) warehouse.queryAll("SELECT count(*) FROM texts WHERE test_joined(t, 'a') = t || '|a'")
                .singleValue()).longValue());
        // a sibling connection sees it, and defining it again replaces it
        try (Warehouse sibling = warehouse.openSibling()) {
            assertTrue(sibling.defineTextFunction("test_joined", (a, b) -> b + a));
            assertEquals("yx", warehouse.queryAll("SELECT test_joined('x', 'y')").singleValue());
        }
    }

    @Test
    void a_java_text_function_that_throws_fails_the_statement_with_its_message() {
        warehouse.defineTextFunction("test_failing", (a, b) -> {
            throw new IllegalArgumentException("no key in " + a);
        });
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> warehouse.execute("CREATE TABLE failed AS SELECT test_failing('abc', 'd') AS value"));
        assertTrue(error.getMessage().contains("no key in abc"), error.getMessage());
        assertEquals(1L, ((Number) warehouse.queryAll("SELECT 1").singleValue()).longValue());
    }
}
