package dev.ownstack.insights.scoring;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;

/**
 * Transactions of customers who buy at their own pace and then stop, in 2024: after each order a
 * customer stops with a probability of their own, so recency and frequency carry the churn signal a model can learn. Also a
 * customer-level table {@code crm.flags} with a boolean {@code vip} (frequent buyers, with noise).
 */
final class ScoringFixture {
    static final LocalDate FIRST_DAY = LocalDate.parse("2024-01-01");
    static final LocalDate LAST_DAY = LocalDate.parse("2024-12-31");
    static final TableName TRANSACTIONS = new TableName("model", "transactions");
    static final TableName FLAGS = new TableName("crm", "flags");

    private ScoringFixture() {
    }

    static void load(Warehouse warehouse, int customers) {
        warehouse.ensureTable(TRANSACTIONS, List.of(new Column("transaction_id", ColumnType.STRING),
                new Column("customer_id", ColumnType.STRING), new Column("occurred_at", ColumnType.TIMESTAMP),
                new Column("amount", ColumnType.DOUBLE), new Column("type", ColumnType.STRING)), List.of("transaction_id"));
        warehouse.ensureTable(FLAGS, List.of(new Column("customer_id", ColumnType.STRING), new Column("vip", ColumnType.BOOLEAN)),
                List.of("customer_id"));
        Random random = new Random(11);
        int span = (int) (LAST_DAY.toEpochDay() - FIRST_DAY.toEpochDay());
        List<Object[]> vips = new java.util.ArrayList<>();
        try (RowWriter transactions = warehouse.append(TRANSACTIONS, List.of("transaction_id", "customer_id", "occurred_at", "amount", "type"))) {
            for (int customer = 0; customer < customers; customer++) {
                String id = String.format("c%04d", customer);
                int gap = 5 + random.nextInt(60);
                double spend = 20 + random.nextInt(200);
                double dropout = 0.02 + 0.4 * random.nextDouble() * random.nextDouble();
                int day = random.nextInt(span / 2);
                int orders = 0;
                while (day <= span) {
                    transactions.write(new Object[] {id + "-" + orders, id, FIRST_DAY.plusDays(day).atTime(10, 0),
                        Math.round(spend * (0.5 + random.nextDouble()) * 100) / 100.0, "order"});
                    orders++;
                    if (random.nextDouble() < dropout) {
                        break;
                    }
                    day += 1 + (int) (gap * -Math.log(1 - random.nextDouble()));
                }
                vips.add(new Object[] {id, gap < 20 != random.nextDouble() < 0.1});
            }
        }
        try (RowWriter flags = warehouse.append(FLAGS, List.of("customer_id", "vip"))) {
            for (Object[] row : vips) {
                flags.write(row);
            }
        }
    }

    static LocalDateTime at(String text) {
        return LocalDateTime.parse(text);
    }
}
