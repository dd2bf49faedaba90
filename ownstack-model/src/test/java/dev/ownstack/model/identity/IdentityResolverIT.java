package dev.ownstack.model.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ownstack.model.identity.graph.StarComponents;
import dev.ownstack.model.identity.graph.UnionFindComponents;
import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same data gives the same customers, ids included, on PostgreSQL as on DuckDB. */
class IdentityResolverIT {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    /** Resolves the fixture, then adds a record that merges two customers and resolves again. */
    private static List<Object> twoRuns(Warehouse warehouse, boolean sqlComponents) {
        IdentityResolver resolver = new IdentityResolver(ShopFixture.config(1, 50),
                sqlComponents ? new StarComponents() : new UnionFindComponents(), CLOCK);
        ShopFixture.population(warehouse);
        ShopFixture.shop(warehouse, 1003, "ann.lee@gmail.com", null);
        resolver.resolve(warehouse, ResolveProgress.NONE);
        Map<String, String> first = ShopFixture.customers(warehouse);
        ShopFixture.crm(warehouse, "C7", "cat@example.org", "07911 123456", "Cat", "Ng", null);
        resolver.resolve(warehouse, ResolveProgress.NONE);
        Map<String, String> second = ShopFixture.customers(warehouse);
        List<Object> history = warehouse.queryAll("SELECT run_id, old_customer_id, new_customer_id, change, records FROM identity.id_history"
                + " ORDER BY run_id, old_customer_id, new_customer_id").rows().stream().map(List::of).map(Object.class::cast).toList();
        List<Object> dropped = warehouse.queryAll("SELECT source, record_id, key_name, key_value, other_source, other_record_id, reason"
                + " FROM identity.dropped_links ORDER BY source, record_id").rows().stream().map(List::of).map(Object.class::cast).toList();
        return List.of(first, second, history, dropped);
    }

    @Test
    void postgres_gives_the_same_customers_ids_history_and_dropped_links_as_duckdb() {
        List<Object> duckdb;
        try (Warehouse warehouse = DuckDbWarehouse.inMemory()) {
            duckdb = twoRuns(warehouse, false);
        }
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
             Warehouse warehouse = PostgresWarehouse.connect(database.config())) {
            assertEquals(duckdb, twoRuns(warehouse, true));
        }
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
             Warehouse warehouse = PostgresWarehouse.connect(database.config())) {
            assertEquals(duckdb, twoRuns(warehouse, false));
        }
    }
}
