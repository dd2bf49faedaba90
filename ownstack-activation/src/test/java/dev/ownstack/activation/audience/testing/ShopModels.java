package dev.ownstack.activation.audience.testing;

import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A small shop's model tables, made by hand so that every test can say which customers it
 * expects and why; loaded through the bulk path so that both engines hold the same values.
 * Rules are compiled as of 2025-01-01T00:00Z. The comments give each customer's story.
 */
public final class ShopModels {
    public static final Instant AS_OF = Instant.parse("2025-01-01T00:00:00Z");

    public static final List<Column> CUSTOMER_COLUMNS = List.of(new Column("customer_id", ColumnType.STRING),
            new Column("email", ColumnType.STRING), new Column("first_name", ColumnType.STRING), new Column("country", ColumnType.STRING),
            new Column("orders", ColumnType.BIGINT), new Column("revenue", ColumnType.DECIMAL), new Column("score", ColumnType.DOUBLE),
            new Column("vip", ColumnType.BOOLEAN), new Column("birthday", ColumnType.DATE), new Column("first_seen", ColumnType.TIMESTAMP),
            new Column("last_order_at", ColumnType.TIMESTAMPTZ), new Column("profile", ColumnType.JSON));
    static final List<Column> EVENT_COLUMNS = List.of(new Column("message_id", ColumnType.STRING), new Column("customer_id", ColumnType.STRING),
            new Column("type", ColumnType.STRING), new Column("event", ColumnType.STRING), new Column("timestamp", ColumnType.TIMESTAMP),
            new Column("properties", ColumnType.JSON));
    static final List<Column> TRANSACTION_COLUMNS = List.of(new Column("transaction_id", ColumnType.STRING),
            new Column("customer_id", ColumnType.STRING), new Column("occurred_at", ColumnType.TIMESTAMP), new Column("amount", ColumnType.DECIMAL),
            new Column("currency", ColumnType.STRING), new Column("type", ColumnType.STRING));

    private ShopModels() {
    }

    public static void load(Warehouse warehouse) {
        write(warehouse, ModelCatalog.CUSTOMERS, CUSTOMER_COLUMNS, List.of(
                // five orders over two years, the last in September, one refund: spent 1,100
                customer("c01", "ann@example.com", "Ann", "GB", 5, "1100", 0.95, true, "1990-05-01", "2023-02-01T10:00", "2024-09-15T12:00:00Z",
                        "{\"tier\": \"gold\"}"),
                // new: first seen and first order in December
                customer("c02", "bob@example.org", "Bob", "GB", 1, "20", 0.10, false, "1985-03-10", "2024-12-20T09:00", "2024-12-21T10:00:00Z", null),
                // three orders, the last in July: spent 640.50
                customer("c03", "cat@example.com", "Cat", "US", 3, "640.50", 0.50, false, "1979-11-30", "2023-06-01T00:00", "2024-07-01T08:00:00Z",
                        null),
                // new in December, viewed a product, never ordered
                customer("c04", "dan@example.com", "Dan", "US", 0, "0", 0.30, false, null, "2024-12-28T15:00", null, "{}"),
                // two orders in 2023
                customer("c05", "eve@example.com", "Eve", "DE", 2, "99.99", 0.75, true, "2000-01-01", "2022-01-10T00:00", "2023-12-01T18:00:00Z",
                        null),
                // the best customer: four orders in 2024, the last on 30 December; no country
                customer("c06", "fay@example.com", "Fay", null, 4, "2500", 0.99, true, "1970-07-07", "2021-05-05T05:05", "2024-12-30T20:00:00Z",
                        null),
                // viewed a product in October, never ordered; no score
                customer("c07", null, "Gus", "FR", 0, "0", null, null, null, "2024-11-15T11:00", null, null),
                // two orders, the last in June
                customer("c08", "hal@example.com", "Hal", "GB", 2, "150", 0.60, false, "1995-02-28", "2023-03-03T03:03", "2024-06-01T09:00:00Z",
                        null),
                // one order, in January 2024
                customer("c09", "ivy@example.com", "Ivy", "IE", 1, "75", 0.20, false, "1988-08-08", "2024-01-01T00:00", "2024-01-02T10:00:00Z",
                        null),
                // new in December, viewed products twice, never ordered
                customer("c10", "joe@example.com", "Joe", "GB", 0, "0", 0.40, false, "2001-12-31", "2024-12-20T12:00", null, null)));
        List<Object[]> transactions = List.of(
                transaction("t01", "c01", "2023-03-01T10:00", "240", "order"), transaction("t02", "c01", "2023-08-01T10:00", "240", "order"),
                transaction("t03", "c01", "2024-02-01T10:00", "240", "order"), transaction("t04", "c01", "2024-05-01T10:00", "240", "order"),
                transaction("t05", "c01", "2024-09-15T12:00", "240", "order"), transaction("t06", "c01", "2024-10-01T10:00", "-100", "refund"),
                transaction("t07", "c02", "2024-12-21T10:00", "20", "order"),
                transaction("t08", "c03", "2023-07-01T10:00", "200", "order"), transaction("t09", "c03", "2024-01-15T10:00", "240.50", "order"),
                transaction("t10", "c03", "2024-07-01T08:00", "200", "order"),
                transaction("t11", "c05", "2023-06-01T10:00", "50", "order"), transaction("t12", "c05", "2023-12-01T18:00", "49.99", "order"),
                transaction("t13", "c06", "2024-03-01T10:00", "500", "order"), transaction("t14", "c06", "2024-06-01T10:00", "500", "order"),
                transaction("t15", "c06", "2024-09-01T10:00", "500", "order"), transaction("t16", "c06", "2024-12-30T20:00", "1000", "order"),
                transaction("t17", "c08", "2023-05-01T10:00", "100", "order"), transaction("t18", "c08", "2024-06-01T09:00", "50", "order"),
                transaction("t19", "c09", "2024-01-02T10:00", "75", "order"),
                transaction("t20", null, "2024-12-01T10:00", "999", "order"));
        write(warehouse, ModelCatalog.TRANSACTIONS, TRANSACTION_COLUMNS, transactions);
        List<Object[]> events = new ArrayList<>();
        for (Object[] row : transactions) {
            if ("order".equals(row[5])) {
                events.add(event("m" + row[0], (String) row[1], "Order Completed", (LocalDateTime) row[2], "{\"total\": " + row[3] + "}"));
            }
        }
        events.add(event("v1", "c10", "Product Viewed", time("2024-12-20T12:05"), "{\"sku\": \"A1\"}"));
        events.add(event("v2", "c10", "Product Viewed", time("2024-12-22T12:05"), "{\"sku\": \"B2\"}"));
        events.add(event("v3", "c04", "Product Viewed", time("2024-12-29T15:05"), "{\"sku\": \"A1\"}"));
        events.add(event("v4", "c07", "Product Viewed", time("2024-10-01T11:05"), "{\"sku\": \"C3\"}"));
        events.add(event("v5", "c02", "Product Viewed", time("2024-12-19T09:05"), "{\"sku\": \"A1\"}"));
        events.add(event("v6", "c06", "Product Viewed", time("2024-12-29T19:00"), "{\"sku\": \"D4\"}"));
        events.add(event("v7", null, "Product Viewed", time("2024-12-29T19:00"), "{\"sku\": \"D4\"}"));
        write(warehouse, ModelCatalog.EVENTS, EVENT_COLUMNS, events);
    }

    public static void write(Warehouse warehouse, TableName table, List<Column> columns, List<Object[]> rows) {
        warehouse.ensureTable(table, columns, List.of());
        try (RowWriter writer = warehouse.append(table, columns.stream().map(Column::name).toList())) {
            rows.forEach(writer::write);
        }
    }

    private static Object[] customer(String id, String email, String name, String country, long orders, String revenue, Double score,
                                     Boolean vip, String birthday, String firstSeen, String lastOrderAt, String profile) {
        return new Object[] {id, email, name, country, orders, new BigDecimal(revenue), score, vip, birthday == null ? null : LocalDate.parse(birthday),
                time(firstSeen), lastOrderAt == null ? null : OffsetDateTime.parse(lastOrderAt).withOffsetSameInstant(ZoneOffset.UTC), profile};
    }

    private static Object[] transaction(String id, String customer, String at, String amount, String type) {
        return new Object[] {id, customer, time(at), new BigDecimal(amount), "GBP", type};
    }

    private static Object[] event(String id, String customer, String name, LocalDateTime at, String properties) {
        return new Object[] {id, customer, "track", name, at, properties};
    }

    private static LocalDateTime time(String text) {
        return LocalDateTime.parse(text);
    }
}
