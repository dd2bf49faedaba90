package dev.ownstack.warehouse.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
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
}
