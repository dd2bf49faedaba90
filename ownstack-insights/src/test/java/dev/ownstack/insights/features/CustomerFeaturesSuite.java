package dev.ownstack.insights.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The same customers, the same expected features, on every engine. */
public abstract class CustomerFeaturesSuite {
    static final LocalDateTime CUTOFF = LocalDateTime.parse("2024-03-01T00:00:00");
    private static final double EPSILON = 1e-9;

    protected Warehouse warehouse;

    protected abstract Warehouse open();

    @BeforeEach
    void createModels() {
        warehouse = open();
        TableName transactions = new TableName("model", "transactions");
        warehouse.ensureTable(transactions, List.of(new Column("transaction_id", ColumnType.STRING),
                new Column("customer_id", ColumnType.STRING), new Column("occurred_at", ColumnType.TIMESTAMP),
                new Column("amount", ColumnType.DECIMAL), new Column("type", ColumnType.STRING), new Column("items", ColumnType.BIGINT),
                new Column("note", ColumnType.STRING)), List.of());
        transaction("1", "a", "2024-01-01T00:00:00", "100", "order");
        transaction("2", "a", "2024-02-20T12:00:00", "50", "order");
        transaction("3", "a", "2024-02-25T00:00:00", "-20", "refund");
        transaction("4", "a", "2024-03-01T00:00:00", "999", "order");
        transaction("5", "a", "2024-03-10T00:00:00", "30", "order");
        transaction("6", "b", "2023-01-01T00:00:00", "10", "order");
        transaction("7", "c", "2024-03-05T00:00:00", "70", "order");
        transaction("8", null, "2024-01-05T00:00:00", "70", "order");
        TableName customers = new TableName("model", "customers");
        warehouse.ensureTable(customers, List.of(new Column("customer_id", ColumnType.STRING), new Column("vip", ColumnType.BOOLEAN),
                new Column("score", ColumnType.DOUBLE), new Column("city", ColumnType.STRING)), List.of());
        warehouse.execute("INSERT INTO model.customers VALUES ('a', TRUE, 3.5, 'Leeds'), ('b', FALSE, NULL, 'York'), ('c', NULL, 1, NULL)");
    }

    @AfterEach
    void closeWarehouse() {
        warehouse.close();
    }

    private void transaction(String id, String customer, String at, String amount, String type) {
        warehouse.execute("INSERT INTO model.transactions VALUES (?, ?, CAST(? AS TIMESTAMP), CAST(? AS DECIMAL(38, 9)), ?, ?, NULL)",
                id, customer, LocalDateTime.parse(at), amount, type, id.equals("2") ? 3L : 1L);
    }

    private void events() {
        TableName events = new TableName("model", "events");
        warehouse.ensureTable(events, List.of(new Column("customer_id", ColumnType.STRING), new Column("event", ColumnType.STRING),
                new Column("timestamp", ColumnType.TIMESTAMP)), List.of());
        event("a", "Product Viewed", "2024-02-28T10:00:00");
        event("a", "Product Viewed", "2024-02-28T11:00:00");
        event("a", "Product Viewed", "2024-01-15T00:00:00");
        event("a", "Signed In", "2023-12-01T00:00:00");
        event("a", "Signed In", "2024-03-01T00:00:00");
        event("a", "Checkout Started", "2022-12-01T00:00:00");
        event("b", "it's \"odd\"; DROP TABLE model.events; --", "2024-02-01T00:00:00");
        event(null, "Checkout Started", "2024-02-01T00:00:00");
        event(null, "Checkout Started", "2024-02-02T00:00:00");
        event(null, "Checkout Started", "2024-02-03T00:00:00");
    }

    private void event(String customer, String name, String at) {
        warehouse.execute("INSERT INTO model.events VALUES (?, ?, CAST(? AS TIMESTAMP))", customer, name, LocalDateTime.parse(at));
    }

    @Test
    void computes_recency_frequency_monetary_tenure_and_returns_from_rows_before_the_cutoff() {
        FeatureMatrix features = CustomerFeatures.compute(warehouse, FeatureSpec.defaults(), CUTOFF);

        assertEquals(List.of("a", "b"), features.customerIds());
        assertEquals(9.5, features.value("a", "recency_days"), EPSILON);
        assertEquals(60.0, features.value("a", "tenure_days"), EPSILON);
        assertEquals(2.0, features.value("a", "orders"), EPSILON);
        assertEquals(150.0, features.value("a", "monetary_sum"), EPSILON);
        assertEquals(75.0, features.value("a", "monetary_avg"), EPSILON);
        assertEquals(50.5, features.value("a", "mean_days_between_orders"), EPSILON);
        assertEquals(1.0, features.value("a", "returns"), EPSILON);
        assertEquals(20.0, features.value("a", "returns_value"), EPSILON);
        assertEquals(1.0, features.value("a", "orders_30d"), EPSILON);
        assertEquals(50.0, features.value("a", "monetary_30d"), EPSILON);
        assertEquals(2.0, features.value("a", "orders_90d"), EPSILON);
        assertEquals(150.0, features.value("a", "monetary_365d"), EPSILON);

        assertEquals(50.5, features.value("a", "days_between_last_two_orders"), EPSILON);
        assertEquals(2.0, features.value("a", "order_days"), EPSILON);
        assertEquals(9.5 / 50.5, features.value("a", "recency_over_mean_gap"), EPSILON);
        assertEquals(9.5 / 60, features.value("a", "recency_over_tenure"), EPSILON);
        assertEquals(2 * 30.0 / 90, features.value("a", "orders_per_30_days"), EPSILON);

        assertEquals(425.0, features.value("b", "recency_days"), EPSILON);
        assertTrue(Double.isNaN(features.value("b", "days_between_last_two_orders")));
        assertEquals(1.0, features.value("b", "orders"), EPSILON);
        assertTrue(Double.isNaN(features.value("b", "mean_days_between_orders")));
        assertEquals(0.0, features.value("b", "returns"), EPSILON);
        assertEquals(0.0, features.value("b", "orders_365d"), EPSILON);
    }

    @Test
    void computes_purchase_regularity_and_trend_counted_back_from_the_cutoff() {
        FeatureMatrix features = CustomerFeatures.compute(warehouse, FeatureSpec.defaults(), CUTOFF);

        // a: orders 60 and 9.5 days before the cut-off (weeks 8 and 1, 30-day periods 2 and 0 counted back)
        assertEquals(60.0, features.value("a", "days_since_second_last_order"), EPSILON);
        assertEquals(2.0 / 9, features.value("a", "active_week_share"), EPSILON);
        assertEquals(2.0 / 3, features.value("a", "active_month_share"), EPSILON);
        assertEquals(1.0, features.value("a", "active_weeks_30d"), EPSILON);
        assertEquals(1.0, features.value("a", "active_months_30d"), EPSILON);
        assertEquals(2.0, features.value("a", "active_weeks_90d"), EPSILON);
        assertEquals(2.0, features.value("a", "active_months_90d"), EPSILON);
        // the 30 days before the last 30 start on 2024-01-01 00:00, the time of a's first order: it counts
        assertEquals(1.0, features.value("a", "orders_previous_30d"), EPSILON);
        assertEquals(0.0, features.value("a", "orders_trend_30d"), EPSILON);
        assertEquals(0.0, features.value("a", "orders_previous_90d"), EPSILON);
        assertEquals(2.0, features.value("a", "orders_trend_90d"), EPSILON);

        // b: one order 425 days before the cut-off, in the 365 days before the last 365
        assertTrue(Double.isNaN(features.value("b", "days_since_second_last_order")));
        assertEquals(1.0 / 61, features.value("b", "active_week_share"), EPSILON);
        assertEquals(1.0 / 15, features.value("b", "active_month_share"), EPSILON);
        assertEquals(0.0, features.value("b", "active_months_365d"), EPSILON);
        assertEquals(1.0, features.value("b", "orders_previous_365d"), EPSILON);
        assertEquals(-1.0, features.value("b", "orders_trend_365d"), EPSILON);
    }

    @Test
    void leaves_event_features_out_when_there_is_no_events_table() {
        FeatureMatrix features = CustomerFeatures.compute(warehouse, FeatureSpec.defaults(), CUTOFF);

        assertFalse(features.featureNames().stream().anyMatch(name -> name.startsWith("events_")), features.featureNames().toString());
    }

    @Test
    void counts_events_by_type_over_each_window_for_the_most_frequent_names() {
        events();
        FeatureMatrix features = CustomerFeatures.compute(warehouse, FeatureSpec.defaults().withTopEvents(2), CUTOFF);

        assertEquals(List.of("events_30d", "events_90d", "events_180d", "events_365d", "events_product_viewed_30d",
                "events_product_viewed_90d", "events_product_viewed_180d", "events_product_viewed_365d", "events_signed_in_30d",
                "events_signed_in_90d", "events_signed_in_180d", "events_signed_in_365d"),
                features.featureNames().subList(features.featureNames().indexOf("events_30d"), features.featureNames().size()));
        assertEquals(2.0, features.value("a", "events_30d"), EPSILON);
        assertEquals(3.0, features.value("a", "events_90d"), EPSILON);
        assertEquals(4.0, features.value("a", "events_365d"), EPSILON);
        assertEquals(3.0, features.value("a", "events_product_viewed_90d"), EPSILON);
        assertEquals(0.0, features.value("a", "events_signed_in_90d"), EPSILON);
        assertEquals(1.0, features.value("a", "events_signed_in_365d"), EPSILON);
        assertEquals(0.0, features.value("b", "events_product_viewed_365d"), EPSILON);
    }

    @Test
    void binds_event_names_as_values_whatever_they_contain() {
        events();
        FeatureMatrix features = CustomerFeatures.compute(warehouse, FeatureSpec.defaults().withTopEvents(3), CUTOFF);

        assertEquals(1.0, features.value("b", "events_it_s_odd_drop_table_model_events_30d"), EPSILON);
        assertEquals(0.0, features.value("a", "events_it_s_odd_drop_table_model_events_365d"), EPSILON);
        assertEquals(1.0, features.value("b", "events_30d"), EPSILON);
    }

    @Test
    void refuses_two_features_of_the_same_name() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> CustomerFeatures.compute(warehouse,
                FeatureSpec.defaults().withTransactionColumns(List.of("items", "items")), CUTOFF));

        assertEquals("features: two features are named 'items_sum'; rename or leave out the configured column that gives it",
                error.getMessage());
    }

    @Test
    void takes_numeric_and_boolean_customer_columns_as_features() {
        FeatureMatrix features = CustomerFeatures.compute(warehouse, FeatureSpec.defaults().withCustomerColumns(List.of("vip", "score")), CUTOFF);

        assertEquals(1.0, features.value("a", "customer_vip"), EPSILON);
        assertEquals(3.5, features.value("a", "customer_score"), EPSILON);
        assertEquals(0.0, features.value("b", "customer_vip"), EPSILON);
        assertTrue(Double.isNaN(features.value("b", "customer_score")));
    }

    @Test
    void sums_and_averages_configured_transaction_columns_over_orders() {
        FeatureMatrix features = CustomerFeatures.compute(warehouse, FeatureSpec.defaults().withTransactionColumns(List.of("items")), CUTOFF);

        assertEquals(4.0, features.value("a", "items_sum"), EPSILON);
        assertEquals(2.0, features.value("a", "items_avg"), EPSILON);
        assertEquals(1.0, features.value("b", "items_sum"), EPSILON);
    }

    @Test
    void rejects_a_transaction_column_that_is_not_a_number() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> CustomerFeatures.compute(warehouse,
                FeatureSpec.defaults().withTransactionColumns(List.of("note")), CUTOFF));

        assertEquals(List.of("features.transaction-columns: model.transactions.note is string; it must be a number"),
                error.details());
    }

    @Test
    void rejects_customer_columns_that_are_missing_or_not_numbers() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> CustomerFeatures.compute(warehouse,
                FeatureSpec.defaults().withCustomerColumns(List.of("city", "age")), CUTOFF));

        assertEquals(ErrorCode.CONFIG_INVALID, error.code());
        assertEquals(List.of("features.customer-columns: model.customers.city is string; a feature must be a number or a boolean",
                "features.customer-columns: model.customers has no column 'age' (it has customer_id, vip, score, city)"), error.details());
    }

    @Test
    void reports_a_missing_transactions_model() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> CustomerFeatures.compute(warehouse,
                FeatureSpec.defaults().withTransactions(new TableName("model", "orders")), CUTOFF));

        assertEquals(ErrorCode.NOT_FOUND, error.code());
        assertEquals("model.orders does not exist: build the models first (ownstack build)", error.getMessage());
    }
}
