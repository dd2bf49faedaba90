package dev.ownstack.activation.audience;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.Warehouse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random model tables with the columns of {@link AudienceFixtures}: the same seed gives
 * the same rows, so two engines loaded from it hold identical data. Events and transactions lie
 * in 2023 and 2024; rules are compiled as of 2025-01-01.
 */
final class GeneratedModels {
    private static final String[] COUNTRIES = {"GB", "US", "DE", "FR", "IE", null};
    private static final String[] EVENTS = {"Order Completed", "Product Viewed", "Signed Up", "Cart Abandoned", "Page Viewed"};
    private static final String[] CURRENCIES = {"GBP", "USD", "EUR"};
    private static final String[] PLANS = {"free", "pro", "team"};
    private static final String[] TYPES = {"order", "order", "order", "refund", "subscription"};
    private static final LocalDateTime START = LocalDateTime.parse("2023-01-01T00:00");
    private static final long MINUTES = 2L * 365 * 24 * 60;

    static final List<Column> SCORE_COLUMNS = List.of(new Column("customer_id", ColumnType.STRING),
            new Column("churn_probability", ColumnType.DOUBLE), new Column("churn_decile", ColumnType.BIGINT),
            new Column("ltv_value", ColumnType.DOUBLE));

    private final Random random;
    private final int customers;

    GeneratedModels(long seed, int customers) {
        this.random = new Random(seed);
        this.customers = customers;
    }

    void load(Warehouse warehouse) {
        List<Object[]> customerRows = new ArrayList<>();
        List<Object[]> eventRows = new ArrayList<>();
        List<Object[]> transactionRows = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            String id = String.format("cus_%016x", i * 104_729L + 17);
            customerRows.add(customer(id, i));
            int events = random.nextInt(16);
            for (int e = 0; e < events; e++) {
                eventRows.add(event("m" + i + "_" + e, random.nextInt(50) == 0 ? null : id));
            }
            int transactions = random.nextInt(7);
            for (int t = 0; t < transactions; t++) {
                transactionRows.add(transaction("t" + i + "_" + t, random.nextInt(40) == 0 ? null : id));
            }
        }
        AudienceFixtures.write(warehouse, ModelCatalog.CUSTOMERS, AudienceFixtures.CUSTOMER_COLUMNS, customerRows);
        AudienceFixtures.write(warehouse, ModelCatalog.EVENTS, AudienceFixtures.EVENT_COLUMNS, eventRows);
        AudienceFixtures.write(warehouse, ModelCatalog.TRANSACTIONS, AudienceFixtures.TRANSACTION_COLUMNS, transactionRows);
        AudienceFixtures.write(warehouse, ModelCatalog.CUSTOMER_SCORES, SCORE_COLUMNS, scores(customerRows));
    }

    /**
     * Scores for three customers in four, from a generator of their own (so the other tables stay
     * as they were): a churn probability and decile (a few rows without them) and a lifetime value.
     */
    private List<Object[]> scores(List<Object[]> customerRows) {
        Random scores = new Random(random.nextLong());
        List<Object[]> rows = new ArrayList<>();
        for (Object[] customer : customerRows) {
            if (scores.nextInt(4) == 0) {
                continue;
            }
            boolean churn = scores.nextInt(20) != 0;
            rows.add(new Object[] {customer[0], churn ? scores.nextDouble() : null, churn ? (long) scores.nextInt(10) + 1 : null,
                    scores.nextInt(200_000) / 100.0});
        }
        return rows;
    }

    private Object[] customer(String id, int index) {
        String name = "user" + index;
        String email = switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> name + "@example.org";
            case 2 -> name + "_x%@Example.com";
            default -> name + "@example.com";
        };
        return new Object[] {id, pick(COUNTRIES), email, chance(10) ? null : (long) random.nextInt(21), chance(10) ? null : money(2000),
                chance(8) ? null : random.nextDouble(), chance(5) ? null : random.nextBoolean(),
                chance(6) ? null : LocalDate.of(1950, 1, 1).plusDays(random.nextInt(20_000)), chance(10) ? null : time(),
                chance(4) ? null : OffsetDateTime.of(time(), ZoneOffset.UTC), chance(3) ? "{\"tier\": \"" + pick(PLANS) + "\"}" : null};
    }

    private Object[] event(String id, String customer) {
        String name = pick(EVENTS);
        String properties = switch (name) {
            case "Order Completed" -> "{\"total\": " + money(500).toPlainString() + ", \"currency\": \"" + pick(CURRENCIES) + "\""
                    + (chance(4) ? ", \"coupon\": \"" + (chance(2) ? "XMAS" : "SAVE10") + "\"" : "")
                    + (chance(5) ? ", \"gift\": " + random.nextBoolean() : "") + "}";
            case "Product Viewed" -> "{\"sku\": \"SKU-" + random.nextInt(40) + "\", \"price\": "
                    + (chance(10) ? "\"" + random.nextInt(100) + "\"" : String.valueOf(random.nextInt(100))) + "}";
            case "Signed Up" -> "{\"plan\": \"" + pick(PLANS) + "\", \"trial_ends\": \""
                    + (chance(2) ? time().toLocalDate().toString() : time() + ":00Z") + "\"" + (chance(3) ? ", \"referrer\": null" : "") + "}";
            case "Cart Abandoned" -> "{\"items\": " + (1 + random.nextInt(6)) + ", \"value\": " + money(300).toPlainString() + "}";
            default -> "{\"path\": \"/p/" + random.nextInt(10) + "\"}";
        };
        return new Object[] {id, customer, "track", name, time(), properties};
    }

    private Object[] transaction(String id, String customer) {
        BigDecimal amount = chance(30) ? null : money(800).subtract(BigDecimal.valueOf(50));
        return new Object[] {id, customer, time(), amount, pick(CURRENCIES), pick(TYPES)};
    }

    private LocalDateTime time() {
        return START.plusMinutes((long) (random.nextDouble() * MINUTES));
    }

    /** A whole number of cents from 0 to {@code max}; never a value the rules compare with (those have a third decimal). */
    private BigDecimal money(int max) {
        return BigDecimal.valueOf(random.nextInt(max * 100), 2).setScale(2, RoundingMode.UNNECESSARY);
    }

    private boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
