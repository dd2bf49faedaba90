package dev.ownstack.ingest.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.OnError;
import dev.ownstack.ingest.LoadResult;
import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnlineRetailIT {
    @TempDir
    Path folder;

    @Test
    void loads_every_row_of_the_305_daily_files_into_postgres_once() {
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
             Warehouse warehouse = PostgresWarehouse.connect(database.config())) {
            FileSource source = new FileSource(OnlineRetailTest.config(OnError.FAIL), folder);

            LoadResult first = source.load(warehouse, (name, step, rows) -> { });
            System.out.printf("Online Retail on PostgreSQL: %d rows in %d ms (%.0f rows/s)%n", first.rowsLoaded(), first.elapsed().toMillis(),
                    first.rowsLoaded() * 1000.0 / Math.max(1, first.elapsed().toMillis()));
            LoadResult second = source.load(warehouse, (name, step, rows) -> { });

            assertEquals(SharedData.ONLINE_RETAIL_ROWS, first.rowsLoaded());
            assertEquals(0, first.rowsRejected());
            assertEquals(0, second.rowsLoaded());
            assertTrue(second.notes().contains(SharedData.ONLINE_RETAIL_FILES + " files already loaded"), second.notes().toString());
            assertEquals(SharedData.ONLINE_RETAIL_ROWS, count(warehouse, "SELECT count(*) FROM raw.online_retail"));
            assertEquals(0, count(warehouse, "SELECT count(*) FROM (SELECT _ownstack_file, _ownstack_line FROM raw.online_retail"
                    + " GROUP BY _ownstack_file, _ownstack_line HAVING count(*) > 1) duplicates"));
            assertEquals(-80995, count(warehouse, "SELECT min(quantity) FROM raw.online_retail"));
            assertEquals(9288, count(warehouse, "SELECT count(*) FROM raw.online_retail WHERE invoiceno LIKE 'C%'"));
        }
    }

    private static long count(Warehouse warehouse, String sql) {
        return ((Number) warehouse.queryAll(sql).singleValue()).longValue();
    }
}
