package dev.ownstack.activation.audience;

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
import java.util.List;

/**
 * Small hand-made model tables, loaded through the bulk path so that both engines get the same
 * values. The comments on each test say which rows make the expected members.
 */
final class AudienceFixtures {
    static final Instant AS_OF = Instant.parse("2025-01-01T00:00:00Z");

    static final List<Column> CUSTOMER_COLUMNS = List.of(new Column("customer_id", ColumnType.STRING),
            new Column("country", ColumnType.STRING), new Column("email", ColumnType.STRING), new Column("orders", ColumnType.BIGINT),
            new Column("lifetime_value", ColumnType.DECIMAL), new Column("score", ColumnType.DOUBLE), new Column("vip", ColumnType.BOOLEAN),
            new Column("birthday", ColumnType.DATE), new Column("first_seen", ColumnType.TIMESTAMP),
            new Column("last_order_at", ColumnType.TIMESTAMPTZ), new Column("profile", ColumnType.JSON));
    static final List<Column> EVENT_COLUMNS = List.of(new Column("message_id", ColumnType.STRING), new Column("customer_id", ColumnType.STRING),
            new Column("type", ColumnType.STRING), new Column("event", ColumnType.STRING), new Column("timestamp", ColumnType.TIMESTAMP),
            new Column("properties", ColumnType.JSON));
    static final List<Column> TRANSACTION_COLUMNS = List.of(new Column("transaction_id", ColumnType.STRING),
            new Column("customer_id", ColumnType.STRING), new Column("occurred_at", ColumnType.TIMESTAMP), new Column("amount", ColumnType.DECIMAL),
            new Column("currency", ColumnType.STRING), new Column("type", ColumnType.STRING));

    private AudienceFixtures() {
    }

    static void load(Warehouse warehouse) {
        write(warehouse, ModelCatalog.CUSTOMERS, CUSTOMER_COLUMNS, List.of(
                row("c1", "GB", "ann@example.com", 5L, dec("500.5"), 0.9, true, day("1990-05-01"), time("2024-01-01T10:00"),
                        zoned("2024-12-30T10:00:00Z"), "{\"tier\": \"gold\"}"),
                row("c2", "US", "bob@example.org", 1L, dec("20"), 0.2, false, day("2000-12-31"), time("2024-12-15T00:00"),
                        zoned("2024-06-01T00:00:00Z"), null),
                row("c3", "GB", null, 0L, dec("0"), null, null, null, time("2023-06-01T00:00"), null, null),
                row("c4", "DE", "100%_real@example.com", 2L, dec("99.99"), 0.5, false, day("1985-01-01"), time("2024-12-31T23:59"),
                        zoned("2024-12-31T23:00:00Z"), "{}"),
                row("c5", null, "eve@Example.com", null, null, 0.7, true, day("1990-05-01"), null, zoned("2024-11-01T12:00:00Z"), null),
                row("c6", "IE", "frank@example.com", 3L, dec("150"), 0.1, true, day("1975-07-15"), time("2024-12-20T08:00"),
                        zoned("2024-10-01T00:00:00Z"), null)));
        write(warehouse, ModelCatalog.EVENTS, EVENT_COLUMNS, List.of(
                event("m1", "c1", "Order Completed", "2024-12-20T09:00", "{\"total\": 80, \"currency\": \"GBP\", \"coupon\": \"XMAS\"}"),
                event("m2", "c1", "Order Completed", "2024-12-28T09:00", "{\"total\": 30, \"currency\": \"GBP\"}"),
                event("m3", "c1", "Order Completed", "2024-06-01T09:00", "{\"total\": 120, \"currency\": \"GBP\"}"),
                event("m4", "c1", "Product Viewed", "2024-12-31T09:00", "{\"sku\": \"A1\", \"price\": 10}"),
                event("m5", "c2", "Product Viewed", "2024-12-10T09:00", "{\"sku\": \"B2\"}"),
                event("m6", "c2", "Product Viewed", "2024-12-11T09:00", "{\"sku\": \"B2\"}"),
                event("m7", "c2", "Product Viewed", "2024-12-12T09:00", "{\"sku\": \"C3\"}"),
                event("m8", "c3", "Signed Up", "2023-06-01T00:00", "{\"plan\": \"free\", \"referrer\": null}"),
                event("m9", "c4", "Order Completed", "2024-12-31T23:00", "{\"total\": 55.5, \"coupon\": \"100%OFF\"}"),
                event("m10", "c4", "Signed Up", "2024-12-31T00:00", "{\"plan\": \"pro\", \"trial_ends\": \"2025-01-14\"}"),
                event("m11", "c5", "Product Viewed", "2024-11-01T09:00", "{\"sku\": \"A1\", \"price\": \"10\"}"),
                event("m12", "c6", "Signed Up", "2024-12-20T00:00", "{\"plan\": \"pro\", \"trial_ends\": \"2025-01-03T12:00:00Z\"}"),
                event("m13", "c6", "Order Completed", "2024-12-21T09:00", "{\"total\": 200, \"gift\": true}"),
                event("m14", null, "Order Completed", "2024-12-25T09:00", "{\"total\": 999}"),
                event("m15", "c3", "Page Viewed", "2024-12-30T09:00", "[1, 2]")));
        write(warehouse, ModelCatalog.TRANSACTIONS, TRANSACTION_COLUMNS, List.of(
                transaction("t1", "c1", "2024-12-20T09:00", "80", "order"),
                transaction("t2", "c1", "2024-12-28T09:00", "30", "order"),
                transaction("t3", "c1", "2024-06-01T09:00", "120", "order"),
                transaction("t4", "c1", "2024-12-29T09:00", "-30", "refund"),
                transaction("t5", "c2", "2023-12-01T09:00", "20", "order"),
                transaction("t6", "c4", "2024-12-31T23:00", "55.5", "order"),
                transaction("t7", "c6", "2024-12-21T09:00", "200", "order"),
                transaction("t8", "c6", "2024-12-22T09:00", null, "order"),
                transaction("t9", null, "2024-12-01T09:00", "500", "order")));
    }

    static void write(Warehouse warehouse, TableName table, List<Column> columns, List<Object[]> rows) {
        warehouse.ensureTable(table, columns, List.of());
        try (RowWriter writer = warehouse.append(table, columns.stream().map(Column::name).toList())) {
            rows.forEach(writer::write);
        }
    }

    private static Object[] row(Object... values) {
        return values;
    }

    private static Object[] event(String id, String customer, String name, String at, String properties) {
        return row(id, customer, "track", name, time(at), properties);
    }

    private static Object[] transaction(String id, String customer, String at, String amount, String type) {
        return row(id, customer, time(at), amount == null ? null : dec(amount), "GBP", type);
    }

    static BigDecimal dec(String text) {
        return new BigDecimal(text);
    }

    static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    static LocalDateTime time(String text) {
        return LocalDateTime.parse(text);
    }

    static OffsetDateTime zoned(String text) {
        return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
