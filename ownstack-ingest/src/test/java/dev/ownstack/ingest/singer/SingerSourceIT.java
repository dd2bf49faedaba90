package dev.ownstack.ingest.singer;

import static dev.ownstack.ingest.singer.Taps.count;
import static dev.ownstack.ingest.singer.Taps.rows;
import static dev.ownstack.ingest.singer.Taps.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ownstack.core.config.OnError;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.ingest.LoadProgress;
import dev.ownstack.ingest.LoadResult;
import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Singer source against a PostgreSQL warehouse: COPY into staging tables, MERGE, transactional DDL. */
class SingerSourceIT {
    private PostgresTestDatabase database;
    private Warehouse warehouse;

    @BeforeEach
    void connect() {
        database = PostgresTestDatabase.create();
        warehouse = PostgresWarehouse.connect(database.config());
    }

    @AfterEach
    void close() {
        warehouse.close();
        database.close();
    }

    @Test
    void a_failed_tap_then_a_rerun_ends_with_the_rows_of_one_complete_load() {
        assertThrows(OwnstackException.class, () -> new SingerSource(source("shop.jsonl", OnError.FAIL, "--fail-after", "21"))
                .load(warehouse, LoadProgress.NONE));
        assertEquals(5L, count(warehouse, "raw.shop_users"));

        new SingerSource(source("shop.jsonl", OnError.FAIL)).load(warehouse, LoadProgress.NONE);
        LoadResult again = new SingerSource(source("shop.jsonl", OnError.FAIL)).load(warehouse, LoadProgress.NONE);

        assertEquals(0L, again.rowsLoaded());
        try (Warehouse complete = DuckDbWarehouse.inMemory()) {
            new SingerSource(source("shop.jsonl", OnError.FAIL, "--ignore-state")).load(complete, LoadProgress.NONE);
            // timestamps compared as epoch seconds: the engines return timestamptz as different Java types
            String orders = "(SELECT order_id, user_id, amount, status, extract(epoch FROM created_at) AS created FROM raw.shop_orders) AS o";
            assertEquals(rows(complete, orders, "order_id"), rows(warehouse, orders, "order_id"));
            assertEquals(count(complete, "raw.shop_users"), count(warehouse, "raw.shop_users"));
            assertEquals(count(complete, "raw.shop_page_views"), count(warehouse, "raw.shop_page_views"));
        }
        assertEquals("User Two Renamed", warehouse.queryAll("SELECT name FROM raw.shop_users WHERE id = 2").singleValue());
        assertEquals("Berlin", warehouse.queryAll("SELECT address->>'city' FROM raw.shop_users WHERE id = 1").singleValue());
    }

    @Test
    void schema_evolution_and_rejects_work_on_postgres() {
        new SingerSource(source("evolving.jsonl", OnError.FAIL)).load(warehouse, LoadProgress.NONE);
        LoadResult rejected = new SingerSource(source("mismatch.jsonl", OnError.SKIP)).load(warehouse, LoadProgress.NONE);

        assertEquals(12L, ((Number) warehouse.queryAll("SELECT seats FROM raw.shop_users WHERE id = 1").singleValue()).longValue());
        assertEquals(2L, rejected.rowsRejected());
        assertEquals(2L, count(warehouse, "ownstack.load_rejects"));
    }
}
