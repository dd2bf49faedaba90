package dev.ownstack.activation.audience.bench;

import dev.ownstack.activation.audience.AudienceCompiler;
import dev.ownstack.activation.audience.CompiledAudience;
import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.core.config.audiences.AllOf;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.EventCondition;
import dev.ownstack.core.config.audiences.Operator;
import dev.ownstack.core.config.audiences.RuleValue;
import dev.ownstack.core.config.audiences.TimeWindow;
import dev.ownstack.core.config.audiences.TraitCondition;
import dev.ownstack.core.config.audiences.TransactionCondition;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Not a test: counts an audience with a trait, an event and a transaction condition on DuckDB,
 * compiled by {@link AudienceCompiler}, next to hand-written queries for the same count, in the
 * same run on the same file, each several times in turn; prints the median and the fastest.
 *
 * <pre>java -cp ... dev.ownstack.activation.audience.bench.AudienceBenchmark [CUSTOMERS] [EVENTS_PER_CUSTOMER] [DUCKDB_FILE] [RUNS]</pre>
 *
 * Customers have a country (a fifth GB); events are one of five names spread over 2024 with a
 * {@code total} property; a customer has 0 to 5 transactions of 1 to 300.
 */
public final class AudienceBenchmark {
    private static final Instant AS_OF = Instant.parse("2025-01-01T00:00:00Z");

    private AudienceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long customers = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        long eventsPerCustomer = args.length > 1 ? Long.parseLong(args[1]) : 20;
        Path file = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("ownstack-audience-bench").resolve("bench.duckdb");
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        boolean reuse = Files.exists(file);
        try (Warehouse warehouse = DuckDbWarehouse.open(file.toString(), Duration.ofSeconds(5), message -> { })) {
            if (!reuse) {
                long start = System.nanoTime();
                generate(warehouse, customers, eventsPerCustomer);
                System.out.printf("generated in %.1f s%n", (System.nanoTime() - start) / 1e9);
            }
            for (String table : List.of("model.customers", "model.events", "model.transactions")) {
                System.out.printf("  %-20s %,12d rows%n", table, ((Number) warehouse.queryAll("SELECT count(*) FROM " + table).singleValue()).longValue());
            }
            long start = System.nanoTime();
            ModelCatalog catalog = ModelCatalog.read(warehouse);
            System.out.printf("catalog read in %.2f s%n", (System.nanoTime() - start) / 1e9);
            AudienceDefinition definition = AudienceDefinition.of("bench", AllOf.of(
                    TraitCondition.of("country", Operator.EQUALS, RuleValue.of("GB")),
                    EventCondition.performed("Order Completed").withWindow(new TimeWindow.LastDays(90)),
                    TransactionCondition.of(TransactionCondition.Measure.SUM, Operator.GREATER, RuleValue.of(500))));
            CompiledAudience compiled = new AudienceCompiler(catalog, warehouse.dialect(), name -> Optional.empty(), AS_OF).compile(definition);
            System.out.println("compiled: " + compiled.countSql());
            List<Query> queries = List.of(
                    new Query("compiled", compiled.countSql(), compiled.parameters()),
                    new Query("hand-written, semi-joins", """
                            SELECT count(*) FROM model.customers c
                            WHERE c.country = 'GB'
                              AND c.customer_id IN (SELECT customer_id FROM model.events
                                                    WHERE event = 'Order Completed' AND "timestamp" >= TIMESTAMP '2024-10-03 00:00:00'
                                                      AND "timestamp" <= TIMESTAMP '2025-01-01 00:00:00')
                              AND c.customer_id IN (SELECT customer_id FROM model.transactions GROUP BY customer_id HAVING sum(amount) > 500)""",
                            List.of()),
                    new Query("hand-written, joins", """
                            SELECT count(*) FROM model.customers c
                            JOIN (SELECT DISTINCT customer_id FROM model.events
                                  WHERE event = 'Order Completed' AND "timestamp" >= TIMESTAMP '2024-10-03 00:00:00'
                                    AND "timestamp" <= TIMESTAMP '2025-01-01 00:00:00') e ON e.customer_id = c.customer_id
                            JOIN (SELECT customer_id FROM model.transactions GROUP BY customer_id HAVING sum(amount) > 500) t
                              ON t.customer_id = c.customer_id
                            WHERE c.country = 'GB'""", List.of()));
            List<List<Double>> times = new ArrayList<>();
            queries.forEach(query -> times.add(new ArrayList<>()));
            Object expected = null;
            for (int run = 0; run < runs; run++) {
                for (int i = 0; i < queries.size(); i++) {
                    Query query = queries.get(i);
                    long begin = System.nanoTime();
                    Object count = warehouse.queryAll(query.sql(), query.parameters().toArray()).singleValue();
                    times.get(i).add((System.nanoTime() - begin) / 1e9);
                    if (expected == null) {
                        expected = count;
                    } else if (!expected.equals(count)) {
                        throw new IllegalStateException(query.name() + " counted " + count + ", the compiled query " + expected);
                    }
                }
            }
            System.out.printf("members: %s; %d runs each%n", expected, runs);
            for (int i = 0; i < queries.size(); i++) {
                List<Double> sorted = new ArrayList<>(times.get(i));
                Collections.sort(sorted);
                System.out.printf("  %-26s median %.3f s, fastest %.3f s%n", queries.get(i).name(), sorted.get(sorted.size() / 2), sorted.get(0));
            }
        }
    }

    private record Query(String name, String sql, List<Object> parameters) {
    }

    private static void generate(Warehouse warehouse, long customers, long eventsPerCustomer) {
        warehouse.execute("CREATE SCHEMA IF NOT EXISTS model");
        warehouse.execute("CREATE TABLE model.customers AS SELECT printf('cus_%016x', i * 7919) AS customer_id,"
                + " ['GB', 'US', 'DE', 'FR', 'IE'][1 + (hash(i) % 5)::INTEGER] AS country, (hash(i * 3) % 40)::BIGINT AS orders"
                + " FROM range(" + customers + ") t(i)");
        warehouse.execute("CREATE TABLE model.events AS SELECT printf('cus_%016x', (hash(i) % " + customers + ") * 7919) AS customer_id,"
                + " 'm' || i AS message_id, 'track' AS type,"
                + " ['Order Completed', 'Product Viewed', 'Page Viewed', 'Cart Abandoned', 'Signed Up'][1 + (hash(i * 7) % 5)::INTEGER] AS event,"
                + " TIMESTAMP '2024-01-01 00:00:00' + to_seconds((hash(i * 11) % 31536000)::BIGINT) AS \"timestamp\","
                + " ('{\"total\": ' || (hash(i * 13) % 500) || '}')::JSON AS properties"
                + " FROM range(" + customers * eventsPerCustomer + ") t(i)");
        warehouse.execute("CREATE TABLE model.transactions AS SELECT 't' || i AS transaction_id,"
                + " printf('cus_%016x', (hash(i) % " + customers + ") * 7919) AS customer_id,"
                + " TIMESTAMP '2024-01-01 00:00:00' + to_seconds((hash(i * 11) % 31536000)::BIGINT) AS occurred_at,"
                + " (1 + hash(i * 17) % 300)::DECIMAL(38, 9) AS amount, 'order' AS type"
                + " FROM range(" + customers * 5 / 2 + ") t(i)");
    }
}
