package dev.ownstack.model.traits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.ConfigProblems;
import dev.ownstack.core.config.identity.ColumnRef;
import dev.ownstack.core.config.models.ActivityTable;
import dev.ownstack.core.config.models.Trait;
import dev.ownstack.core.config.models.TraitFilter;
import dev.ownstack.core.config.models.TraitFunction;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.duckdb.DuckDbDialect;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TraitSqlTest {
    private static final ActivityRows TRANSACTIONS = new ActivityRows(ActivityTable.TRANSACTIONS, new TableName("model", "transactions"),
            "occurred_at", "transaction_id", List.of(new Column("transaction_id", ColumnType.STRING),
            new Column("customer_id", ColumnType.STRING), new Column("occurred_at", ColumnType.TIMESTAMP),
            new Column("amount", ColumnType.DECIMAL), new Column("currency", ColumnType.STRING), new Column("paid", ColumnType.BOOLEAN),
            new Column("details", ColumnType.JSON)));

    private static Trait trait(String name, TraitFunction function, String column, TraitFilter... filters) {
        Optional<ColumnRef> ref = Optional.ofNullable(column).map(text -> {
            String[] parts = text.split("\\.");
            return new ColumnRef(parts[0], List.of(parts).subList(1, parts.length));
        });
        return new Trait(name, function, ActivityTable.TRANSACTIONS, ref, List.of(filters), Optional.empty());
    }

    private static List<String> problems(Map<ActivityTable, String> absent, Trait... traits) {
        ConfigProblems problems = new ConfigProblems("ownstack.yml");
        Map<ActivityTable, ActivityRows> tables = absent.isEmpty() ? Map.of(ActivityTable.TRANSACTIONS, TRANSACTIONS) : Map.of();
        TraitSql.check(List.of(traits), tables, absent, problems);
        return problems.problems();
    }

    private static List<String> problems(Trait... traits) {
        return problems(Map.of(), traits);
    }

    @Test
    void accepts_every_function_on_a_column_that_suits_it() {
        assertEquals(List.of(), problems(trait("a", TraitFunction.COUNT, null), trait("b", TraitFunction.SUM, "amount"),
                trait("c", TraitFunction.AVERAGE, "details.total"), trait("d", TraitFunction.MIN, "currency"),
                trait("e", TraitFunction.MAX, "occurred_at"), trait("f", TraitFunction.FIRST, "details"),
                trait("g", TraitFunction.LAST, "paid"), trait("h", TraitFunction.DISTINCT_COUNT, "details.sku"),
                trait("i", TraitFunction.DAYS_SINCE, "occurred_at"), trait("j", TraitFunction.DAYS_SINCE, "details.refunded_at")));
    }

    @Test
    void refuses_a_sum_of_text() {
        assertEquals(List.of("models.traits.total.of: sum needs a numeric column; transactions.currency is string"),
                problems(trait("total", TraitFunction.SUM, "currency")));
    }

    @Test
    void refuses_min_and_max_of_json_and_booleans() {
        assertEquals(List.of("models.traits.low.of: min needs a column of values that sort; transactions.details is json",
                        "models.traits.high.of: max needs a column of values that sort; transactions.paid is boolean"),
                problems(trait("low", TraitFunction.MIN, "details"), trait("high", TraitFunction.MAX, "paid")));
    }

    @Test
    void refuses_days_since_a_number() {
        assertEquals(List.of("models.traits.days.of: days-since needs a timestamp column; transactions.amount is decimal"),
                problems(trait("days", TraitFunction.DAYS_SINCE, "amount")));
    }

    @Test
    void refuses_unknown_columns_in_of_and_where() {
        assertEquals(List.of("models.traits.total.of: model.transactions has no column 'amout' (it has transaction_id, customer_id,"
                        + " occurred_at, amount, currency, paid, details)",
                "models.traits.total.where.kind: model.transactions has no column 'kind' (it has transaction_id, customer_id,"
                        + " occurred_at, amount, currency, paid, details)"),
                problems(trait("total", TraitFunction.SUM, "amout", new TraitFilter(ColumnRef.column("kind"), List.of("order")))));
    }

    @Test
    void names_why_a_table_is_not_built_and_skips_tables_with_problems_of_their_own() {
        assertEquals(List.of("models.traits.orders.of: reads transactions, but model.transactions is not built: raw.t does not exist"),
                problems(Map.of(ActivityTable.TRANSACTIONS, "raw.t does not exist"), trait("orders", TraitFunction.COUNT, null)));
        ConfigProblems problems = new ConfigProblems("ownstack.yml");
        TraitSql.check(List.of(trait("orders", TraitFunction.COUNT, null)), Map.of(), Map.of(), problems);
        assertTrue(problems.isEmpty());
    }

    @Test
    void aggregates_one_table_in_one_pass_with_its_first_and_last_times_and_picks_first_and_last_apart() {
        TraitSql sql = new TraitSql(new Expressions(DuckDbDialect.INSTANCE), LocalDateTime.parse("2025-01-01T00:00:00"));
        Trait recent = new Trait("recent", TraitFunction.COUNT, ActivityTable.TRANSACTIONS, Optional.empty(),
                List.of(new TraitFilter(ColumnRef.column("currency"), List.of("GBP", "it's"))), Optional.of(Duration.ofDays(2)));
        TraitQuery query = sql.query(List.of(recent, trait("last", TraitFunction.LAST, "amount"), trait("total", TraitFunction.SUM, "amount")),
                Map.of(ActivityTable.TRANSACTIONS, TRANSACTIONS), "c.\"customer_id\"");
        assertEquals(2, query.with().size());
        assertEquals("traits_transactions AS (SELECT x.\"customer_id\", min(x.\"occurred_at\") AS \"first_seen\", max(x.\"occurred_at\")"
                + " AS \"last_seen\", count(*) FILTER (WHERE CAST(x.\"currency\" AS VARCHAR)"
                + " IN ('GBP', 'it''s') AND x.\"occurred_at\" > CAST('2024-12-30 00:00:00.000000' AS TIMESTAMP) AND x.\"occurred_at\""
                + " <= CAST('2025-01-01 00:00:00.000000' AS TIMESTAMP)) AS \"trait_1\", sum(CAST(x.\"amount\" AS DECIMAL(38, 9)))"
                + " AS \"trait_3\" FROM \"model\".\"transactions\" x WHERE x.\"customer_id\" IS NOT NULL GROUP BY x.\"customer_id\")",
                query.with().get(0));
        assertTrue(query.with().get(1).startsWith("trait_1 AS (SELECT"), query.with().get(1));
        assertEquals(List.of("CAST(COALESCE(traits_transactions.\"trait_1\", 0) AS BIGINT) AS \"recent\"",
                "CAST(trait_1.\"last\" AS DECIMAL(38, 9)) AS \"last\"",
                "CAST(COALESCE(traits_transactions.\"trait_3\", 0) AS DECIMAL(38, 9)) AS \"total\""), query.columns());
        assertEquals(List.of("traits_transactions.\"first_seen\""), query.firstSeen());
        assertEquals(List.of("traits_transactions.\"last_seen\""), query.lastSeen());
    }

    @Test
    void reads_a_table_without_traits_for_its_first_and_last_times_only() {
        TraitSql sql = new TraitSql(new Expressions(DuckDbDialect.INSTANCE), LocalDateTime.parse("2025-01-01T00:00:00"));
        TraitQuery query = sql.query(List.of(), Map.of(ActivityTable.TRANSACTIONS, TRANSACTIONS), "c.\"customer_id\"");
        assertEquals(List.of("traits_transactions AS (SELECT x.\"customer_id\", min(x.\"occurred_at\") AS \"first_seen\","
                + " max(x.\"occurred_at\") AS \"last_seen\" FROM \"model\".\"transactions\" x WHERE x.\"customer_id\" IS NOT NULL"
                + " GROUP BY x.\"customer_id\")"), query.with());
        assertEquals(List.of(), query.columns());
    }
}
