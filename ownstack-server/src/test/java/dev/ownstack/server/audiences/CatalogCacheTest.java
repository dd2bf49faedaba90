package dev.ownstack.server.audiences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.activation.audience.ScoreTrait;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CatalogCacheTest {
    private final ShopWarehouse shop = new ShopWarehouse();
    private final MovableClock clock = new MovableClock();
    private final List<Runnable> refreshes = new ArrayList<>();
    private final CatalogCache cache = new CatalogCache(shop::open, clock, Duration.ofMinutes(1), refreshes::add);

    @AfterEach
    void close() {
        shop.close();
    }

    @Test
    void keeps_the_catalog_while_the_model_tables_keep_their_columns() {
        try (Warehouse warehouse = shop.open()) {
            ModelCatalog first = cache.get(warehouse);
            shop.held.execute("INSERT INTO model.events VALUES ('m9', 'c5', 'Signed Up', TIMESTAMP '2024-12-30 10:00:00', '{}')");
            clock.advance(Duration.ofSeconds(59));
            assertSame(first, cache.get(warehouse));
            assertTrue(cache.get(warehouse).event("Signed Up").isEmpty());
            assertEquals(List.of(), refreshes);
        }
    }

    @Test
    void reads_it_again_at_once_when_a_model_table_gains_a_column() {
        try (Warehouse warehouse = shop.open()) {
            ModelCatalog first = cache.get(warehouse);
            shop.held.execute("ALTER TABLE model.customers ADD COLUMN orders BIGINT");
            ModelCatalog second = cache.get(warehouse);
            assertNotSame(first, second);
            assertTrue(second.customerColumn("orders").isPresent());
        }
    }

    @Test
    void reads_it_again_at_once_when_scores_are_written_as_traits() {
        try (Warehouse warehouse = shop.open()) {
            ModelCatalog first = cache.get(warehouse);
            assertEquals(List.of(), first.scoreTraits());
            shop.held.execute("CREATE TABLE model.customer_scores (customer_id VARCHAR, churn_decile BIGINT)");
            ModelCatalog second = cache.get(warehouse);
            assertEquals(List.of("churn_decile"), second.scoreTraits().stream().map(ScoreTrait::name).toList());
        }
    }

    @Test
    void refreshes_an_old_catalog_in_the_background_and_keeps_serving_the_old_one_meanwhile() {
        try (Warehouse warehouse = shop.open()) {
            ModelCatalog first = cache.get(warehouse);
            shop.held.execute("INSERT INTO model.events VALUES ('m9', 'c5', 'Signed Up', TIMESTAMP '2024-12-30 10:00:00', '{}')");
            clock.advance(Duration.ofMinutes(2));
            assertSame(first, cache.get(warehouse));
            assertSame(first, cache.get(warehouse));
            assertEquals(1, refreshes.size(), "one refresh at a time");
            refreshes.remove(0).run();
            assertTrue(cache.get(warehouse).event("Signed Up").isPresent());
            assertEquals(List.of(), refreshes);
        }
    }

    /** A clock that stands still until a test moves it. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2025-03-01T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
