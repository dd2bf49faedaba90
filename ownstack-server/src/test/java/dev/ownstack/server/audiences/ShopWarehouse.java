package dev.ownstack.server.audiences;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * An in-memory DuckDB with small model tables, held open for a test; the server opens a sibling
 * connection per request, as it opens the project's warehouse. As of 2025-01-01:
 *
 * <pre>
 * c1 GB vip   spent 900, orders 2024-03 and 2024-06, viewed products in December
 * c2 GB       spent 40,  one order 2024-12-20
 * c3 US vip   spent 300, one order 2023-05
 * c4 DE       no orders, viewed a product in December
 * c5 (none)   no orders
 * </pre>
 */
final class ShopWarehouse implements AutoCloseable {
    private static final TableName CUSTOMERS = new TableName("model", "customers");
    private static final TableName EVENTS = new TableName("model", "events");
    private static final TableName TRANSACTIONS = new TableName("model", "transactions");

    final Warehouse held;

    ShopWarehouse() {
        this(DuckDbWarehouse.inMemory());
    }

    /** The same tables in another warehouse (PostgreSQL), which this closes at the end. */
    ShopWarehouse(Warehouse held) {
        this.held = held;
        write(CUSTOMERS, List.of(column("customer_id", ColumnType.STRING), column("email", ColumnType.STRING), column("country", ColumnType.STRING),
                column("vip", ColumnType.BOOLEAN), column("revenue", ColumnType.DECIMAL), column("first_seen", ColumnType.TIMESTAMP),
                column("profile", ColumnType.JSON)), List.of(
                row("c1", "ann@example.com", "GB", true, "900", "2023-01-10T10:00", "{\"tier\": \"gold\"}"),
                row("c2", "bob@example.com", "GB", false, "40", "2024-12-15T10:00", null),
                row("c3", "cat@example.com", "US", true, "300", "2022-05-01T10:00", null),
                row("c4", "dan@example.com", "DE", false, "0", "2024-12-01T10:00", null),
                row("c5", null, null, false, "0", "2024-06-01T10:00", null)));
        write(TRANSACTIONS, List.of(column("transaction_id", ColumnType.STRING), column("customer_id", ColumnType.STRING),
                column("occurred_at", ColumnType.TIMESTAMP), column("amount", ColumnType.DECIMAL), column("type", ColumnType.STRING)), List.of(
                new Object[] {"t1", "c1", time("2024-03-01T10:00"), new BigDecimal("450"), "order"},
                new Object[] {"t2", "c1", time("2024-06-01T10:00"), new BigDecimal("450"), "order"},
                new Object[] {"t3", "c2", time("2024-12-20T10:00"), new BigDecimal("40"), "order"},
                new Object[] {"t4", "c3", time("2023-05-01T10:00"), new BigDecimal("300"), "order"}));
        write(EVENTS, List.of(column("message_id", ColumnType.STRING), column("customer_id", ColumnType.STRING), column("event", ColumnType.STRING),
                column("timestamp", ColumnType.TIMESTAMP), column("properties", ColumnType.JSON)), List.of(
                new Object[] {"m1", "c1", "Product Viewed", time("2024-12-10T10:00"), "{\"sku\": \"A\"}"},
                new Object[] {"m2", "c4", "Product Viewed", time("2024-12-11T10:00"), "{\"sku\": \"B\"}"},
                new Object[] {"m3", "c1", "Order Completed", time("2024-06-01T10:00"), "{\"total\": 450}"},
                new Object[] {"m4", "c2", "Order Completed", time("2024-12-20T10:00"), "{\"total\": 40}"}));
    }

    Warehouse open() {
        return held.openSibling();
    }

    private void write(TableName table, List<Column> columns, List<Object[]> rows) {
        held.ensureTable(table, columns, List.of());
        try (RowWriter writer = held.append(table, columns.stream().map(Column::name).toList())) {
            rows.forEach(writer::write);
        }
    }

    private static Column column(String name, ColumnType type) {
        return new Column(name, type);
    }

    private static Object[] row(String id, String email, String country, boolean vip, String revenue, String firstSeen, String profile) {
        return new Object[] {id, email, country, vip, new BigDecimal(revenue), time(firstSeen), profile};
    }

    private static LocalDateTime time(String text) {
        return LocalDateTime.parse(text);
    }

    @Override
    public void close() {
        held.close();
    }
}
