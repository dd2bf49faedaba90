package dev.ownstack.model.master;

import static dev.ownstack.model.master.MasterFixtures.local;
import static dev.ownstack.model.master.ModelRows.decimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MasterModelsTest {
    private final Warehouse warehouse = DuckDbWarehouse.inMemory();

    @BeforeEach
    void load() {
        MasterFixtures.load(warehouse);
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    private ModelBuildSummary build() {
        return MasterModels.build(warehouse, MasterFixtures.IDENTITY, MasterFixtures.models());
    }

    private Map<String, Map<String, Object>> customers() {
        build();
        return ModelRows.byKey(warehouse, ModelTables.CUSTOMERS, "customer_id");
    }

    private List<String> modelTables() {
        return warehouse.queryAll("SELECT table_name FROM information_schema.tables WHERE table_schema = 'model' ORDER BY table_name")
                .rows().stream().map(row -> (String) row[0]).toList();
    }

    @Test
    void builds_one_row_per_customer_and_reports_the_rows_of_every_table() {
        ModelBuildSummary summary = build();
        assertEquals(Map.of(ModelTables.CUSTOMERS, 5L, ModelTables.CUSTOMER_IDENTITIES, 15L, ModelTables.TRANSACTIONS, 5L,
                ModelTables.EVENTS, 9L), summary.rows());
        assertEquals(Map.of(), summary.absent());
        assertEquals(local("2025-01-01T00:00:00"), summary.asOf());
        assertEquals(List.of("customer_identities", "customers", "events", "transactions"), modelTables());
    }

    @Test
    void tells_each_step_as_it_starts() {
        List<String> steps = new ArrayList<>();
        MasterModels.build(warehouse, MasterFixtures.IDENTITY, MasterFixtures.models(), Clock.systemUTC(), steps::add);
        assertEquals(List.of("model.customer_identities", "model.transactions", "model.events", "model.customers", "replacing the models"),
                steps);
    }

    @Test
    void picks_an_attribute_by_source_precedence_then_recency() {
        Map<String, Map<String, Object>> customers = customers();
        // the CRM (precedence 1) wins over the more recent shop account and newsletter signup
        assertEquals("a.crm@x.com", customers.get("cus_a").get("email"));
        assertEquals("Ann", customers.get("cus_a").get("first_name"));
        // among three CRM contacts the most recently updated one with an email
        assertEquals("b.new@x.com", customers.get("cus_b").get("email"));
        // a contact with an update time wins over one without
        assertEquals("d.dated@x.com", customers.get("cus_d").get("email"));
        // signed_up_at comes from the shop (precedence 2) before the newsletter (3)
        assertEquals(local("2024-06-01T09:00:00"), customers.get("cus_a").get("signed_up_at"));
    }

    @Test
    void falls_back_to_the_next_source_when_the_best_one_has_no_value() {
        Map<String, Map<String, Object>> customers = customers();
        // every CRM contact of cus_b has a blank or missing first name: the shop's is taken
        assertEquals("Bob", customers.get("cus_b").get("first_name"));
        // the shop account of cus_c has neither: the newsletter's email and its merge_fields.FNAME
        assertEquals("c@x.com", customers.get("cus_c").get("email"));
        assertEquals("Cat", customers.get("cus_c").get("first_name"));
        assertEquals("Dee", customers.get("cus_d").get("first_name"));
        assertNull(customers.get("cus_e").get("email"));
    }

    @Test
    void counts_records_and_sources_and_finds_first_and_last_activity() {
        Map<String, Map<String, Object>> customers = customers();
        assertEquals(4L, customers.get("cus_a").get("record_count"));
        assertEquals(4L, customers.get("cus_a").get("source_count"));
        assertEquals(5L, customers.get("cus_b").get("record_count"));
        assertEquals(3L, customers.get("cus_b").get("source_count"));
        // first seen: a record's update time; last seen: a refund (cus_a), an event (cus_b, cus_c)
        assertEquals(local("2024-05-01T10:00:00"), customers.get("cus_a").get("first_seen"));
        assertEquals(local("2024-12-20T12:00:00"), customers.get("cus_a").get("last_seen"));
        assertEquals(local("2023-04-01T09:00:00"), customers.get("cus_b").get("first_seen"));
        assertEquals(local("2024-12-21T10:00:00"), customers.get("cus_b").get("last_seen"));
        assertEquals(local("2024-12-31T12:00:00"), customers.get("cus_c").get("last_seen"));
        assertEquals(local("2023-01-01T00:00:00"), customers.get("cus_d").get("last_seen"));
        assertNull(customers.get("cus_e").get("first_seen"));
    }

    @Test
    void links_events_by_user_id_before_anonymous_id() {
        build();
        Map<String, Map<String, Object>> events = ModelRows.byKey(warehouse, ModelTables.EVENTS, "message_id");
        Map<String, String> linked = events.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue().get("customer_id") + " by " + entry.getValue().get("customer_linked_by")));
        assertEquals(Map.of(
                "m1", "cus_a by anonymous_id",
                "m2", "cus_b by user_id",         // signed in as cus_b on cus_a's device: the user id wins
                "m3", "cus_a by user_id",
                "m4", "null by null",             // neither id belongs to a customer
                "m5", "cus_b by anonymous_id",    // through device_id, another anonymous-id key
                "m6", "cus_c by user_id",         // ' 1003 ' is trimmed like the key
                "m7", "cus_a by anonymous_id",    // an unknown user id falls back to the device
                "m8", "null by null",             // a blocked value links nothing
                "m9", "cus_a by user_id"), linked);
    }

    @Test
    void lets_duckdb_write_in_any_order_during_the_build_and_restores_the_setting_after() {
        List<Object> during = new ArrayList<>();
        MasterModels.build(warehouse, MasterFixtures.IDENTITY, MasterFixtures.models(), Clock.systemUTC(),
                step -> during.add(preservesInsertionOrder()));
        assertEquals(List.of(false, false, false, false, false), during);
        assertEquals(true, preservesInsertionOrder());
    }

    private Object preservesInsertionOrder() {
        return warehouse.queryAll("SELECT current_setting('preserve_insertion_order')").singleValue();
    }

    @Test
    void stores_events_sorted_by_name_then_time_so_that_duckdb_skips_row_groups() {
        build();
        String pairs = "SELECT event || ' ' || CAST(\"timestamp\" AS VARCHAR) FROM model.events ORDER BY ";
        List<Object> stored = warehouse.queryAll(pairs + "rowid").rows().stream().map(row -> row[0]).toList();
        List<Object> sorted = warehouse.queryAll(pairs + "event, \"timestamp\"").rows().stream().map(row -> row[0]).toList();
        assertEquals(9, stored.size());
        assertEquals(sorted, stored);
    }

    @Test
    void links_transactions_through_the_record_they_reference_and_types_their_columns() {
        build();
        Map<String, Map<String, Object>> transactions = ModelRows.byKey(warehouse, ModelTables.TRANSACTIONS, "transaction_id");
        assertEquals("cus_a", transactions.get("1").get("customer_id"));
        assertEquals("1001", transactions.get("1").get("record_id"));
        assertEquals(decimal("-20"), transactions.get("3").get("amount"));
        assertEquals("refund", transactions.get("3").get("type"));
        assertEquals("EUR", transactions.get("3").get("currency"));
        assertEquals(local("2024-12-20T12:00:00"), transactions.get("3").get("occurred_at"));
        assertEquals(501L, transactions.get("3").get("order_id"));
        assertNull(transactions.get("5").get("customer_id"), "account 9999 is no identity record");
        assertEquals(List.of(new Column("transaction_id", ColumnType.STRING), new Column("customer_id", ColumnType.STRING),
                new Column("record_id", ColumnType.STRING), new Column("occurred_at", ColumnType.TIMESTAMP),
                new Column("amount", ColumnType.DECIMAL), new Column("currency", ColumnType.STRING), new Column("type", ColumnType.STRING),
                new Column("order_id", ColumnType.BIGINT)), warehouse.describe(ModelTables.TRANSACTIONS).orElseThrow());
        List<Column> events = warehouse.describe(ModelTables.EVENTS).orElseThrow();
        assertEquals(new Column("customer_id", ColumnType.STRING), events.get(0));
        assertTrue(events.contains(new Column("timestamp", ColumnType.TIMESTAMP)), events.toString());
    }

    @Test
    void lists_every_key_of_every_customer_with_its_source_and_status() {
        build();
        List<String> identities = warehouse.queryAll("SELECT customer_id, key_name, key_value, source, record_id, status"
                        + " FROM model.customer_identities WHERE customer_id IN ('cus_d', 'cus_e') ORDER BY record_id").rows().stream()
                .map(List::of).map(Object::toString).toList();
        assertEquals(List.of("[cus_d, email, d.undated@x.com, crm_contacts, C5, linked]",
                "[cus_d, email, d.dated@x.com, crm_contacts, C6, dropped]",
                "[cus_e, anonymous_id, anon-blocked, web, anon-blocked, blocked]"), identities);
    }

    @Test
    void a_rebuild_replaces_every_row() {
        build();
        warehouse.execute("DELETE FROM raw.transactions WHERE transaction_id = 2");
        warehouse.execute("UPDATE identity.records SET customer_id = 'cus_a' WHERE customer_id = 'cus_d'");
        warehouse.execute("UPDATE raw.crm_contacts SET email = 'ann@new.com' WHERE contact_id = 'C1'");
        ModelBuildSummary summary = build();
        assertEquals(4L, summary.rows().get(ModelTables.CUSTOMERS));
        assertEquals(4L, summary.rows().get(ModelTables.TRANSACTIONS));
        Map<String, Map<String, Object>> customers = ModelRows.byKey(warehouse, ModelTables.CUSTOMERS, "customer_id");
        assertEquals(Set.of("cus_a", "cus_b", "cus_c", "cus_e"), customers.keySet());
        assertEquals("ann@new.com", customers.get("cus_a").get("email"));
        assertEquals(6L, customers.get("cus_a").get("record_count"));
        assertEquals(1L, customers.get("cus_a").get("orders"));
        assertEquals(decimal("80"), customers.get("cus_a").get("revenue"));
        assertEquals(List.of("customer_identities", "customers", "events", "transactions"), modelTables());
    }

    @Test
    void a_failed_build_leaves_the_previous_models_and_no_staging_tables() {
        build();
        List<String> before = ModelSnapshot.of(warehouse, ModelTables.CUSTOMERS);
        warehouse.execute("UPDATE raw.events SET properties = '{\"revenue\": \"not a number\"}' WHERE message_id = 'm3'");
        warehouse.execute("UPDATE raw.crm_contacts SET email = 'changed@x.com'");
        OwnstackException failure = assertThrows(OwnstackException.class, this::build);
        assertEquals(ErrorCode.WAREHOUSE_FAILED, failure.code(), failure.getMessage());
        assertEquals(before, ModelSnapshot.of(warehouse, ModelTables.CUSTOMERS));
        assertEquals(List.of("customer_identities", "customers", "events", "transactions"), modelTables());
    }

    @Test
    void a_build_clears_the_staging_tables_an_interrupted_build_left() {
        warehouse.execute("CREATE SCHEMA model");
        warehouse.execute("CREATE TABLE model._build_customers (half_written VARCHAR)");
        warehouse.execute("CREATE TABLE model._build_customer_values (half_written VARCHAR)");
        build();
        assertEquals(List.of("customer_identities", "customers", "events", "transactions"), modelTables());
        assertEquals(5L, ((Number) warehouse.queryAll("SELECT count(*) FROM model.customers").singleValue()).longValue());
    }

    @Test
    void drops_the_tables_of_models_no_longer_built() {
        build();
        warehouse.execute("DROP TABLE raw.events");
        ModelBuildSummary summary = MasterModels.build(warehouse, MasterFixtures.IDENTITY, MasterFixtures.models("""
                models:
                  customers: {attributes: {email: {crm_contacts: email}}}
                """));
        assertEquals(Map.of(ModelTables.TRANSACTIONS, "models.transactions is not configured", ModelTables.EVENTS,
                "raw.events does not exist"), summary.absent());
        assertEquals(List.of("customer_identities", "customers"), modelTables());
        assertEquals(List.of("customer_id", "email", "first_seen", "last_seen", "record_count", "source_count"),
                warehouse.describe(ModelTables.CUSTOMERS).orElseThrow().stream().map(Column::name).toList());
    }

    @Test
    void attributes_and_traits_may_have_the_names_of_columns_the_build_uses_inside() {
        MasterModels.build(warehouse, MasterFixtures.IDENTITY, MasterFixtures.models("""
                models:
                  customers:
                    attributes:
                      source: {crm_contacts: email}
                      updated_at: {shop_customers: created_at}
                      precedence: {crm_contacts: first_name}
                  traits:
                    value: {function: last, of: events.event}
                    pick: {function: first, of: events.event}
                    seen: {function: count, of: events}
                    records: {function: max, of: events.timestamp}
                """));
        Map<String, Object> customer = ModelRows.byKey(warehouse, ModelTables.CUSTOMERS, "customer_id").get("cus_a");
        assertEquals("a.crm@x.com", customer.get("source"));
        assertEquals(local("2024-06-01T09:00:00"), customer.get("updated_at"));
        assertEquals("Ann", customer.get("precedence"));
        assertEquals("Product Viewed", customer.get("value"));
        assertEquals("Order Completed", customer.get("pick"));
        assertEquals(4L, customer.get("seen"));
        assertEquals(local("2024-12-20T10:00:00"), customer.get("records"));
        assertEquals(4L, customer.get("record_count"));
    }

    @Test
    void without_an_as_of_time_windows_end_at_the_clock() {
        Clock clock = Clock.fixed(Instant.parse("2024-12-21T00:00:00Z"), ZoneOffset.UTC);
        ModelBuildSummary summary = MasterModels.build(warehouse, MasterFixtures.IDENTITY, MasterFixtures.models("""
                models:
                  traits:
                    views_last_day: {function: count, of: events, within: 24h}
                    days_since_last_event: {function: days-since, of: events.timestamp}
                """), clock);
        assertEquals(local("2024-12-21T00:00:00"), summary.asOf());
        Map<String, Map<String, Object>> customers = ModelRows.byKey(warehouse, ModelTables.CUSTOMERS, "customer_id");
        assertEquals(1L, customers.get("cus_a").get("views_last_day"), "m1 at 2024-12-20T10:00");
        assertEquals(0L, customers.get("cus_b").get("views_last_day"), "m2 is after the as-of time");
        assertEquals(-1L, customers.get("cus_b").get("days_since_last_event"), "m2 lies 10 hours after it");
    }

    @Test
    void reports_missing_tables_and_columns_with_their_paths_before_writing() {
        warehouse.execute("DROP TABLE raw.newsletter_signups");
        OwnstackException failure = assertThrows(OwnstackException.class, () -> MasterModels.build(warehouse, MasterFixtures.IDENTITY,
                MasterFixtures.models(MasterFixtures.MODELS.replace("occurred-at: occurred_at", "occurred-at: occured_at")
                        .replace("last, of: events.event}", "last, of: events.evnt}"))));
        assertEquals(ErrorCode.CONFIG_INVALID, failure.code());
        assertEquals(List.of("models.transactions.occurred-at: raw.transactions has no column 'occured_at' (it has transaction_id,"
                        + " order_id, customer_id, type, occurred_at, currency, amount)",
                "identity.sources.newsletter_signups.table: raw.newsletter_signups does not exist",
                "models.traits.last_event.of: model.events has no column 'evnt' (it has customer_id, customer_linked_by, message_id, type,"
                        + " event, user_id, anonymous_id, timestamp, properties)"),
                failure.details());
        assertEquals(List.of(), modelTables());
    }

    @Test
    void refuses_names_of_sources_the_identity_section_does_not_have() {
        IdentityConfig crmAndShop = new IdentityConfig("GB", MasterFixtures.IDENTITY.keys(), MasterFixtures.IDENTITY.sources().subList(0, 2),
                Optional.empty());
        OwnstackException failure = assertThrows(OwnstackException.class, () -> MasterModels.build(warehouse, crmAndShop,
                MasterFixtures.models()));
        assertEquals(ErrorCode.CONFIG_INVALID, failure.code());
        assertEquals(List.of("models.customers.attributes.email.newsletter_signups: 'newsletter_signups' is not an identity source;"
                        + " identity.sources has: crm_contacts, shop_customers",
                "models.customers.attributes.first_name.newsletter_signups: 'newsletter_signups' is not an identity source;"
                        + " identity.sources has: crm_contacts, shop_customers",
                "models.customers.attributes.signed_up_at.newsletter_signups: 'newsletter_signups' is not an identity source;"
                        + " identity.sources has: crm_contacts, shop_customers"), failure.details());
    }

    @Test
    void needs_the_identity_tables() {
        warehouse.execute("DROP TABLE identity.record_keys");
        OwnstackException failure = assertThrows(OwnstackException.class, this::build);
        assertEquals(ErrorCode.NOT_FOUND, failure.code());
        assertEquals("identity.record_keys does not exist: run ownstack resolve before building the models", failure.getMessage());
    }

    @Test
    void needs_record_keys_that_carry_their_customer() {
        warehouse.execute("ALTER TABLE identity.record_keys DROP COLUMN customer_id");
        OwnstackException failure = assertThrows(OwnstackException.class, this::build);
        assertEquals(ErrorCode.NOT_FOUND, failure.code());
        assertEquals("identity.record_keys has no customer_id column: an older ownstack resolved this warehouse; run ownstack resolve"
                + " before building the models", failure.getMessage());
    }
}
