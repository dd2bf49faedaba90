package dev.ownstack.ingest.events;

import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The event loader's guarantees on PostgreSQL, with a new connection for every batch. */
class EventLoaderIT extends EventLoaderSuite {
    private final PostgresTestDatabase database = PostgresTestDatabase.create();

    @Override
    Warehouse connect() {
        return PostgresWarehouse.connect(database.config());
    }

    @Override
    void dropWarehouse() {
        database.close();
    }

    @Test
    void raw_events_has_an_index_for_the_duplicate_check() {
        append(track("m-1"));
        loader().loadAvailable();

        assertEquals(1, count("SELECT count(*) FROM pg_indexes WHERE schemaname = 'raw' AND tablename = 'events'"
                + " AND indexdef LIKE '%(source, message_id)%'"));
    }
}
