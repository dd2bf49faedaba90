package dev.ownstack.model.master;

import static dev.ownstack.model.master.MasterFixtures.local;
import static dev.ownstack.model.master.ModelRows.decimal;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every trait function, with and without a filter and a window, on the fixtures (as-of
 * 2025-01-01T00:00:00Z). cus_a has transactions 2024-10-01 order 100.00 GBP, 2024-12-15 order
 * 50.25 GBP, 2024-12-20 refund -20.00 EUR (all at 12:00); cus_b one order of 10.00 GBP on
 * 2023-05-01; cus_c and cus_d none. The 90-day window starts after 2024-10-03T00:00.
 */
class ComputedTraitsTest {
    private static final List<String> CUSTOMERS = List.of("cus_a", "cus_b", "cus_c", "cus_d");
    private static Warehouse warehouse;
    private static Map<String, Map<String, Object>> customers;

    @BeforeAll
    static void build() {
        warehouse = DuckDbWarehouse.inMemory();
        MasterFixtures.load(warehouse);
        MasterModels.build(warehouse, MasterFixtures.IDENTITY, MasterFixtures.models());
        customers = ModelRows.byKey(warehouse, ModelTables.CUSTOMERS, "customer_id");
    }

    @AfterAll
    static void close() {
        warehouse.close();
    }

    /** The trait's values for cus_a, cus_b, cus_c and cus_d. */
    private static void assertTrait(String trait, Object... expected) {
        List<Object> actual = new ArrayList<>();
        for (String customer : CUSTOMERS) {
            actual.add(customers.get(customer).get(trait));
        }
        assertEquals(Arrays.asList(expected), actual, trait);
    }

    @Test
    void count_counts_rows_with_a_filter_and_a_window() {
        assertTrait("transaction_count", 3L, 1L, 0L, 0L);
        assertTrait("orders", 2L, 1L, 0L, 0L);
        assertTrait("orders_90d", 1L, 0L, 0L, 0L);
        assertTrait("product_views_30d", 1L, 0L, 0L, 0L);
        assertTrait("events_last_day", 0L, 0L, 1L, 0L);
        // with a column, only rows that have a value: cus_c's one event has no name
        assertTrait("named_events", 4L, 2L, 0L, 0L);
    }

    @Test
    void sum_adds_amounts_and_json_fields_and_is_zero_without_rows() {
        assertTrait("revenue", decimal("130.25"), decimal("10"), decimal("0"), decimal("0"));
        assertTrait("order_revenue_90d", decimal("50.25"), decimal("0"), decimal("0"), decimal("0"));
        // 30.5 (a JSON number) + "12.25" (a JSON string)
        assertTrait("event_revenue", decimal("42.75"), decimal("0"), decimal("0"), decimal("0"));
    }

    @Test
    void average_is_rounded_to_nine_places_and_null_without_rows() {
        assertTrait("average_amount", decimal("43.416666667"), decimal("10"), null, null);
        assertTrait("average_order_90d", decimal("50.25"), null, null, null);
    }

    @Test
    void min_and_max_of_amounts_and_times() {
        assertTrait("smallest_amount", decimal("-20"), decimal("10"), null, null);
        assertTrait("smallest_order_90d", decimal("50.25"), null, null, null);
        assertTrait("first_order_at", local("2024-10-01T12:00:00"), local("2023-05-01T12:00:00"), null, null);
        assertTrait("largest_amount_90d", decimal("50.25"), null, null, null);
        assertTrait("last_order_at", local("2024-12-15T12:00:00"), local("2023-05-01T12:00:00"), null, null);
    }

    @Test
    void first_and_last_take_the_value_of_the_earliest_and_latest_row() {
        assertTrait("first_amount", decimal("100"), decimal("10"), null, null);
        assertTrait("last_amount", decimal("-20"), decimal("10"), null, null);
        assertTrait("last_order_amount", decimal("50.25"), decimal("10"), null, null);
        assertTrait("first_order_amount_90d", decimal("50.25"), null, null, null);
        assertTrait("last_amount_30d", decimal("-20"), null, null, null);
        // cus_c's only event has no name: last skips rows without a value
        assertTrait("last_event", "Product Viewed", "Product Added", null, null);
        assertTrait("first_product_viewed", "p-2", "p-1", null, null);
    }

    @Test
    void distinct_count_counts_values_once() {
        assertTrait("currencies", 2L, 1L, 0L, 0L);
        assertTrait("currencies_90d", 2L, 0L, 0L, 0L);
        assertTrait("devices", 1L, 2L, 0L, 0L);
    }

    @Test
    void days_since_counts_whole_days_to_the_as_of_time() {
        assertTrait("days_since_last_transaction", 11L, 610L, null, null);
        assertTrait("days_since_last_refund", 11L, null, null, null);
        assertTrait("days_since_order_90d", 16L, null, null, null);
        assertTrait("days_since_last_event", 11L, 10L, 0L, null);
    }

    @Test
    void traits_are_columns_of_customers_typed_by_function() {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (Column column : warehouse.describe(ModelTables.CUSTOMERS).orElseThrow()) {
            types.put(column.name(), column.type());
        }
        assertEquals(ColumnType.BIGINT, types.get("orders"));
        assertEquals(ColumnType.BIGINT, types.get("currencies"));
        assertEquals(ColumnType.BIGINT, types.get("days_since_last_event"));
        assertEquals(ColumnType.DECIMAL, types.get("revenue"));
        assertEquals(ColumnType.DECIMAL, types.get("average_amount"));
        assertEquals(ColumnType.DECIMAL, types.get("event_revenue"));
        assertEquals(ColumnType.TIMESTAMP, types.get("last_order_at"));
        assertEquals(ColumnType.STRING, types.get("last_event"));
        assertEquals(List.of("customer_id", "email", "first_name", "signed_up_at", "first_seen", "last_seen", "record_count",
                "source_count", "orders"), List.copyOf(types.keySet()).subList(0, 9));
    }
}
