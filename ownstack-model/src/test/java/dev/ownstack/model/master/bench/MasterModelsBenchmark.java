package dev.ownstack.model.master.bench;

import dev.ownstack.core.config.identity.ColumnRef;
import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.identity.IdentitySource;
import dev.ownstack.core.config.identity.KeyKind;
import dev.ownstack.core.config.identity.KeyMapping;
import dev.ownstack.core.config.identity.MatchKey;
import dev.ownstack.core.config.identity.ValueSource;
import dev.ownstack.core.config.models.ActivityTable;
import dev.ownstack.core.config.models.CustomerAttribute;
import dev.ownstack.core.config.models.EventsModel;
import dev.ownstack.core.config.models.ModelsConfig;
import dev.ownstack.core.config.models.Trait;
import dev.ownstack.core.config.models.TraitFilter;
import dev.ownstack.core.config.models.TraitFunction;
import dev.ownstack.core.config.models.TransactionsModel;
import dev.ownstack.core.table.TableName;
import dev.ownstack.model.master.MasterModels;
import dev.ownstack.model.master.ModelBuildSummary;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Not a test: times {@link MasterModels#build} on DuckDB over synthetic identity and raw tables,
 * next to, in the same run and on the same file, one plain copy ({@code CREATE TABLE AS SELECT *})
 * of every table the build reads: the cost of reading the inputs once and writing as much back.
 *
 * <pre>java -cp ... dev.ownstack.model.master.bench.MasterModelsBenchmark [CUSTOMERS] [DUCKDB_FILE]</pre>
 *
 * Per customer: one CRM contact, a shop account for 65 % (three transactions each), one device
 * (a record of source web) and ten events, half of them signed in for shop customers; so about
 * 2.65 records, 1.95 transactions and 10 events per customer.
 */
public final class MasterModelsBenchmark {
    private static final List<String> INPUTS = List.of("identity.records", "identity.record_keys", "raw.crm_contacts",
            "raw.shop_customers", "raw.transactions", "raw.events");

    private MasterModelsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long customers = args.length > 0 ? Long.parseLong(args[0]) : 400_000;
        Path file = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("ownstack-models-bench").resolve("bench.duckdb");
        Files.deleteIfExists(file);
        try (Warehouse warehouse = DuckDbWarehouse.open(file.toString(), Duration.ofSeconds(5), message -> { })) {
            long start = System.nanoTime();
            generate(warehouse, customers);
            System.out.printf("generated %,d customers in %.1f s%n", customers, seconds(start));
            for (String table : INPUTS) {
                System.out.printf("  %-22s %,12d rows%n", table, count(warehouse, table));
            }
            start = System.nanoTime();
            for (String table : INPUTS) {
                warehouse.execute("CREATE TABLE " + table + "_copy AS SELECT * FROM " + table);
            }
            double copy = seconds(start);
            for (String table : INPUTS) {
                warehouse.execute("DROP TABLE " + table + "_copy");
            }
            ModelBuildSummary first = MasterModels.build(warehouse, identity(), models());
            ModelBuildSummary second = MasterModels.build(warehouse, identity(), models());
            first.lines().forEach(line -> System.out.println("  " + line));
            System.out.printf("copy of the inputs: %.2f s; build: %.2f s, rebuild: %.2f s; ratio (copy / rebuild) %.2f%n",
                    copy, first.seconds(), second.seconds(), copy / second.seconds());
        }
    }

    private static void generate(Warehouse warehouse, long n) {
        String epoch = "TIMESTAMPTZ '2023-01-01 00:00:00+00'";
        List<String> statements = List.of(
                "CREATE SCHEMA raw", "CREATE SCHEMA identity",
                "CREATE TABLE raw.crm_contacts AS SELECT 'C' || i AS contact_id, 'p' || i || '@example.com' AS email,"
                        + " 'Name' || (i % 5000) AS first_name, " + epoch + " + to_seconds((i * 7919) % 63072000) AS updated_at"
                        + " FROM range(" + n + ") t(i)",
                "CREATE TABLE raw.shop_customers AS SELECT 1000000000000 + i AS customer_id,"
                        + " CASE WHEN i % 3 = 0 THEN NULL ELSE 'p' || i || '@shop.example.com' END AS email,"
                        + " 'Shop' || (i % 5000) AS first_name, " + epoch + " + to_seconds((i * 104729) % 60000000) AS created_at"
                        + " FROM range(" + n + ") t(i) WHERE i % 20 < 13",
                "CREATE TABLE identity.records AS SELECT 'crm_contacts' AS source, contact_id AS record_id,"
                        + " 'cus_' || substr(contact_id, 2) AS customer_id, 1 AS precedence, CAST(updated_at AS TIMESTAMP) AS updated_at,"
                        + " CAST(0 AS BIGINT) AS node FROM raw.crm_contacts"
                        + " UNION ALL SELECT 'shop_customers', CAST(customer_id AS VARCHAR), 'cus_' || (customer_id - 1000000000000), 2,"
                        + " CAST(created_at AS TIMESTAMP), 0 FROM raw.shop_customers"
                        + " UNION ALL SELECT 'web', 'a-' || i, 'cus_' || i, 4, NULL, 0 FROM range(" + n + ") t(i)",
                "CREATE TABLE identity.record_keys AS SELECT 'crm_contacts' AS source, contact_id AS record_id, 'email' AS key_name,"
                        + " email AS key_value, 'linked' AS status, 'cus_' || substr(contact_id, 2) AS customer_id FROM raw.crm_contacts"
                        + " UNION ALL SELECT 'shop_customers', CAST(customer_id AS VARCHAR), 'user_id', CAST(customer_id AS VARCHAR),"
                        + " 'linked', 'cus_' || (customer_id - 1000000000000) FROM raw.shop_customers"
                        + " UNION ALL SELECT 'web', 'a-' || i, 'anonymous_id', 'a-' || i, 'linked', 'cus_' || i FROM range(" + n + ") t(i)",
                "CREATE TABLE raw.transactions AS SELECT s.customer_id * 10 + k AS transaction_id, s.customer_id,"
                        + " CASE WHEN k = 2 THEN 'refund' ELSE 'order' END AS type, s.created_at + to_seconds(k * 864000) AS occurred_at,"
                        + " 'GBP' AS currency, CAST(CASE WHEN k = 2 THEN -5.5 ELSE 20.25 + k END AS DECIMAL(38, 9)) AS amount"
                        + " FROM raw.shop_customers s, range(3) r(k)",
                "CREATE TABLE raw.events AS SELECT 'm-' || i || '-' || k AS message_id, 'web' AS source, 'track' AS type,"
                        + " CASE WHEN k % 3 = 0 THEN 'Order Completed' ELSE 'Product Viewed' END AS event, CAST(NULL AS VARCHAR) AS name,"
                        + " CASE WHEN k >= 5 AND i % 20 < 13 THEN CAST(1000000000000 + i AS VARCHAR) END AS user_id,"
                        + " 'a-' || i AS anonymous_id, " + epoch + " + to_seconds((i * 31 + k * 7777777) % 63072000) AS timestamp,"
                        + " CAST('{\"product_id\":\"p-' || ((k * i) % 4000) || '\"}' AS JSON) AS properties"
                        + " FROM range(" + n + ") t(i), range(10) r(k)");
        statements.forEach(warehouse::execute);
    }

    private static IdentityConfig identity() {
        List<KeyMapping> none = List.of(new KeyMapping("email", List.of(ValueSource.of("email"))));
        return new IdentityConfig("GB",
                List.of(new MatchKey("user_id", List.of(KeyKind.USER_ID), 1, Set.of(), 1000),
                        new MatchKey("email", List.of(KeyKind.EMAIL), 5, Set.of(), 1000),
                        new MatchKey("anonymous_id", List.of(KeyKind.ANONYMOUS_ID), 5, Set.of(), 1000)),
                List.of(new IdentitySource("crm_contacts", new TableName("raw", "crm_contacts"), "contact_id", 1,
                                Optional.of("updated_at"), none, Map.of()),
                        new IdentitySource("shop_customers", new TableName("raw", "shop_customers"), "customer_id", 2,
                                Optional.of("created_at"), none, Map.of()),
                        new IdentitySource("web", new TableName("raw", "events"), "anonymous_id", 4, Optional.empty(), none, Map.of())),
                Optional.empty());
    }

    private static ModelsConfig models() {
        Map<String, ColumnRef> email = new LinkedHashMap<>();
        email.put("crm_contacts", ColumnRef.column("email"));
        email.put("shop_customers", ColumnRef.column("email"));
        Map<String, ColumnRef> firstName = new LinkedHashMap<>();
        firstName.put("shop_customers", ColumnRef.column("first_name"));
        firstName.put("crm_contacts", ColumnRef.column("first_name"));
        List<TraitFilter> orders = List.of(new TraitFilter(ColumnRef.column("type"), List.of("order")));
        List<TraitFilter> views = List.of(new TraitFilter(ColumnRef.column("event"), List.of("Product Viewed")));
        return new ModelsConfig(Optional.of(Instant.parse("2025-01-01T00:00:00Z")),
                List.of(new CustomerAttribute("email", email), new CustomerAttribute("first_name", firstName),
                        new CustomerAttribute("signed_up_at", Map.of("shop_customers", ColumnRef.column("created_at")))),
                Optional.of(new TransactionsModel(new TableName("raw", "transactions"), "shop_customers", "customer_id", "transaction_id",
                        "occurred_at", "amount", Optional.of("currency"), Optional.of("type"))),
                EventsModel.DEFAULT,
                List.of(new Trait("orders", TraitFunction.COUNT, ActivityTable.TRANSACTIONS, Optional.empty(), orders, Optional.empty()),
                        new Trait("revenue", TraitFunction.SUM, ActivityTable.TRANSACTIONS, Optional.of(ColumnRef.column("amount")),
                                List.of(), Optional.empty()),
                        new Trait("orders_90d", TraitFunction.COUNT, ActivityTable.TRANSACTIONS, Optional.empty(), orders,
                                Optional.of(Duration.ofDays(90))),
                        new Trait("days_since_last_order", TraitFunction.DAYS_SINCE, ActivityTable.TRANSACTIONS,
                                Optional.of(ColumnRef.column("occurred_at")), orders, Optional.empty()),
                        new Trait("last_order_amount", TraitFunction.LAST, ActivityTable.TRANSACTIONS,
                                Optional.of(ColumnRef.column("amount")), orders, Optional.empty()),
                        new Trait("product_views_30d", TraitFunction.COUNT, ActivityTable.EVENTS, Optional.empty(), views,
                                Optional.of(Duration.ofDays(30))),
                        new Trait("products_viewed", TraitFunction.DISTINCT_COUNT, ActivityTable.EVENTS,
                                Optional.of(new ColumnRef("properties", List.of("product_id"))), views, Optional.empty()),
                        new Trait("last_event", TraitFunction.LAST, ActivityTable.EVENTS, Optional.of(ColumnRef.column("event")),
                                List.of(), Optional.empty())));
    }

    private static long count(Warehouse warehouse, String table) {
        return ((Number) warehouse.queryAll("SELECT count(*) FROM " + table).singleValue()).longValue();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
