package dev.ownstack.model.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.model.identity.graph.ConnectedComponents;
import dev.ownstack.model.identity.graph.StarComponents;
import dev.ownstack.model.identity.graph.UnionFindComponents;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdentityResolverTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final Warehouse warehouse = DuckDbWarehouse.inMemory();

    @AfterEach
    void close() {
        warehouse.close();
    }

    private ResolveSummary resolve(IdentityConfig config) {
        return resolve(config, new UnionFindComponents());
    }

    private ResolveSummary resolve(IdentityConfig config, ConnectedComponents components) {
        return new IdentityResolver(config, components, CLOCK).resolve(warehouse, ResolveProgress.NONE);
    }

    /** The partition as sets of "source/record_id", independent of ids. */
    private static Set<Set<String>> partition(Map<String, String> customers) {
        Map<String, Set<String>> byCustomer = new HashMap<>();
        customers.forEach((record, customer) -> byCustomer.computeIfAbsent(customer, c -> new HashSet<>()).add(record));
        return new HashSet<>(byCustomer.values());
    }

    @Test
    void links_records_through_normalised_emails_phones_user_ids_and_composite_keys() {
        ShopFixture.population(warehouse);
        ResolveSummary summary = resolve(ShopFixture.config(1, 50));

        assertEquals(Set.of(
                Set.of("crm/C1", "crm/C2", "shop/1001", "web/dev-a1", "web/dev-a2"),
                Set.of("crm/C3", "shop/1002"),
                Set.of("crm/C4"), Set.of("crm/C5"), Set.of("crm/C6"), Set.of("web/dev-x")), partition(ShopFixture.customers(warehouse)));
        assertEquals(Map.of("crm", 6L, "shop", 2L, "web", 3L), summary.recordsBySource());
        assertEquals(6, summary.customers());
        assertEquals(6, summary.newCustomers());
        assertTrue(ShopFixture.customers(warehouse).values().stream().allMatch(id -> id.matches("cus_[0-9a-f]{16}")));
        assertEquals(List.of("email", "test@test.com", 2L), List.of(warehouse.queryAll(
                "SELECT key_name, key_value, records FROM identity.blocked_values").rows().get(0)));
        assertEquals("blocked", warehouse.queryAll("SELECT DISTINCT status FROM identity.record_keys WHERE key_value = 'test@test.com'")
                .singleValue());
        assertEquals(0L, warehouse.queryAll("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'identity'"
                + " AND (table_name LIKE 'work%' OR table_name LIKE '%_next' OR table_name LIKE 'cc_work%')").singleValue());
    }

    @Test
    void lets_duckdb_write_in_any_order_while_resolving_and_restores_the_setting_after() {
        ShopFixture.population(warehouse);
        List<Object> during = new ArrayList<>();
        new IdentityResolver(ShopFixture.config(1, 50), new UnionFindComponents(), CLOCK).resolve(warehouse, new ResolveProgress() {
            @Override
            public void step(String description) {
                during.add(warehouse.queryAll("SELECT current_setting('preserve_insertion_order')").singleValue());
            }

            @Override
            public void records(long read) {
            }
        });
        assertEquals(List.of(false), during.stream().distinct().toList());
        assertEquals(true, warehouse.queryAll("SELECT current_setting('preserve_insertion_order')").singleValue());
    }

    @Test
    void every_key_row_carries_its_records_customer() {
        ShopFixture.population(warehouse);
        resolve(ShopFixture.config(1, 50));

        assertTrue((Long) warehouse.queryAll("SELECT count(*) FROM identity.record_keys").singleValue() > 0);
        assertEquals(0L, warehouse.queryAll("SELECT count(*) FROM identity.record_keys k LEFT JOIN identity.records r"
                + " ON r.source = k.source AND r.record_id = k.record_id WHERE k.customer_id IS DISTINCT FROM r.customer_id").singleValue());
    }

    @Test
    void drops_the_lower_priority_link_that_would_give_a_customer_two_user_ids_and_records_why() {
        ShopFixture.population(warehouse);
        ShopFixture.shop(warehouse, 1003, "ann.lee@gmail.com", null);
        ResolveSummary summary = resolve(ShopFixture.config(1, 50));

        Map<String, String> customers = ShopFixture.customers(warehouse);
        assertNotEquals(customers.get("shop/1001"), customers.get("shop/1003"));
        assertEquals(customers.get("crm/C1"), customers.get("shop/1001"));
        assertEquals(1, summary.droppedLinks());
        Object[] dropped = warehouse.queryAll("SELECT source, record_id, key_name, key_value, other_source, other_record_id, reason"
                + " FROM identity.dropped_links").rows().get(0);
        assertEquals(List.of("shop", "1003", "email", "annlee@gmail.com", "crm", "C1",
                "linking would give one customer 2 values of user_id, over the limit of 1"), List.of(dropped));
        assertEquals("dropped", warehouse.queryAll("SELECT status FROM identity.record_keys WHERE source = 'shop' AND record_id = '1003'"
                + " AND key_name = 'email'").singleValue());

        resolve(ShopFixture.config(2, 50));
        Map<String, String> relaxed = ShopFixture.customers(warehouse);
        assertEquals(relaxed.get("shop/1001"), relaxed.get("shop/1003"));
    }

    @Test
    void blocks_a_value_shared_by_more_records_than_the_group_size_allows() {
        ShopFixture.population(warehouse);
        resolve(ShopFixture.config(1, 3));

        Map<String, String> customers = ShopFixture.customers(warehouse);
        assertNotEquals(customers.get("crm/C1"), customers.get("web/dev-a2"));
        assertEquals(customers.get("crm/C1"), customers.get("crm/C2"));
        Object[] blocked = warehouse.queryAll("SELECT key_name, key_value, records, reason FROM identity.blocked_values"
                + " WHERE key_value = 'annlee@gmail.com'").rows().get(0);
        assertEquals(List.of("email", "annlee@gmail.com", 4L, "shared by more records than max-group-size (3)"), List.of(blocked));
    }

    @Test
    void keeps_every_customer_id_when_new_data_merges_two_customers_and_records_the_merge() {
        ShopFixture.population(warehouse);
        resolve(ShopFixture.config(1, 50));
        Map<String, String> before = ShopFixture.customers(warehouse);

        ShopFixture.crm(warehouse, "C7", "cat@example.org", "07911 123456", "Cat", "Ng", null);
        ResolveSummary summary = resolve(ShopFixture.config(1, 50));
        Map<String, String> after = ShopFixture.customers(warehouse);

        String bob = before.get("crm/C3");
        String cat = before.get("crm/C4");
        assertEquals(bob, after.get("crm/C4"), "the customer with more records keeps its id");
        assertEquals(bob, after.get("crm/C7"));
        before.forEach((record, id) -> {
            if (!id.equals(cat)) {
                assertEquals(id, after.get(record), record);
            }
        });
        assertEquals(1, summary.merged());
        assertEquals(0, summary.newCustomers());
        assertEquals(List.of(2L, cat, bob, "merge", 1L), List.of(warehouse.queryAll(
                "SELECT run_id, old_customer_id, new_customer_id, change, records FROM identity.id_history").rows().get(0)));
    }

    @Test
    void records_a_split_when_a_records_keys_change() {
        ShopFixture.population(warehouse);
        resolve(ShopFixture.config(1, 50));
        String ann = ShopFixture.customers(warehouse).get("crm/C1");

        warehouse.execute("UPDATE raw.crm SET email = 'zed@example.org', first_name = 'Zed' WHERE contact_id = 'C2'");
        ResolveSummary summary = resolve(ShopFixture.config(1, 50));
        Map<String, String> after = ShopFixture.customers(warehouse);

        assertEquals(ann, after.get("crm/C1"));
        assertNotEquals(ann, after.get("crm/C2"));
        assertEquals(1, summary.split());
        assertEquals(1, summary.newCustomers());
        assertEquals(List.of(ann, after.get("crm/C2"), "split"), List.of(warehouse.queryAll(
                "SELECT old_customer_id, new_customer_id, change FROM identity.id_history").rows().get(0)));
    }

    @Test
    void union_find_and_the_sql_star_algorithm_give_the_same_customers() {
        ShopFixture.population(warehouse);
        ShopFixture.shop(warehouse, 1003, "ann.lee@gmail.com", null);
        resolve(ShopFixture.config(1, 50), new UnionFindComponents());
        Map<String, String> unionFind = ShopFixture.customers(warehouse);
        warehouse.execute("DROP SCHEMA identity CASCADE");
        resolve(ShopFixture.config(1, 50), new StarComponents());
        assertEquals(unionFind, ShopFixture.customers(warehouse));
    }

    @Test
    void a_run_that_fails_midway_leaves_the_previous_customers_in_place_and_the_next_run_works() {
        ShopFixture.population(warehouse);
        resolve(ShopFixture.config(1, 50));
        Map<String, String> before = ShopFixture.customers(warehouse);
        ShopFixture.crm(warehouse, "C7", "cat@example.org", "07911 123456", "Cat", "Ng", null);

        ConnectedComponents crashing = (w, edges, nodes, out) -> {
            throw new OwnstackException(ErrorCode.WAREHOUSE_FAILED, "simulated crash");
        };
        assertThrows(OwnstackException.class, () -> resolve(ShopFixture.config(1, 50), crashing));
        assertEquals(before, ShopFixture.customers(warehouse));
        assertEquals(1L, warehouse.queryAll("SELECT count(*) FROM identity.runs").singleValue());

        ResolveSummary summary = resolve(ShopFixture.config(1, 50));
        assertEquals(2, summary.runId());
        assertEquals(before.get("crm/C3"), ShopFixture.customers(warehouse).get("crm/C7"));
    }

    @Test
    void a_run_clears_what_a_killed_run_left_behind() {
        ShopFixture.population(warehouse);
        resolve(ShopFixture.config(1, 50));
        Map<String, String> before = ShopFixture.customers(warehouse);
        // as a process killed in the middle of a run would leave them
        warehouse.execute("CREATE TABLE identity.work_keys AS SELECT 1 AS node, 0 AS key_id, 'garbage' AS key_value, 'linked' AS status");
        warehouse.execute("CREATE TABLE identity.records_next AS SELECT * FROM identity.records LIMIT 1");
        warehouse.execute("CREATE TABLE identity.cc_work_work_components_edges (node_a BIGINT, node_b BIGINT)");

        resolve(ShopFixture.config(1, 50));
        assertEquals(before, ShopFixture.customers(warehouse));
        assertEquals(0L, warehouse.queryAll("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'identity'"
                + " AND (table_name LIKE 'work%' OR table_name LIKE '%_next' OR table_name LIKE 'cc_work%')").singleValue());
    }

    @Test
    void names_a_missing_table_and_a_missing_column() {
        OwnstackException missingTable = assertThrows(OwnstackException.class, () -> resolve(ShopFixture.config(1, 50)));
        assertEquals("identity.sources.crm: table raw.crm does not exist; load it first (ownstack ingest) or fix 'table'",
                missingTable.getMessage());

        ShopFixture.createTables(warehouse);
        warehouse.execute("ALTER TABLE raw.shop DROP COLUMN phone");
        OwnstackException missingColumn = assertThrows(OwnstackException.class, () -> resolve(ShopFixture.config(1, 50)));
        assertEquals("identity.sources.shop.keys.phone: no column 'phone' (columns of raw.shop: customer_id, email)",
                missingColumn.getMessage());
    }
}
