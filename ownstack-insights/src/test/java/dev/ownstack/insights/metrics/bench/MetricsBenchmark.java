package dev.ownstack.insights.metrics.bench;

import dev.ownstack.core.table.TableName;
import dev.ownstack.insights.metrics.Metric;
import dev.ownstack.insights.metrics.MetricCatalog;
import dev.ownstack.insights.metrics.MetricParams;
import dev.ownstack.insights.metrics.MetricResult;
import dev.ownstack.insights.metrics.Metrics;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs every dashboard metric on UCI Online Retail in DuckDB: the invoices of
 * {@code ../shared/data/online_retail/by-day/*.csv} become model.transactions (one row per invoice, amount = the sum
 * of quantity x unit price, cancellations negative) and their customers model.customers. Prints, per metric, the
 * median time of REPETITIONS runs and the rows, then the first rows of revenue_by_month. With CUSTOMERS above 0 it
 * then does the same on generated tables of that many customers (see {@link #generate}). Usage:
 * {@code MetricsBenchmark [REPETITIONS] [CUSTOMERS]}; run by bench/metrics.sh.
 */
public final class MetricsBenchmark {
    private static final String AS_OF = "2011-12-09";

    private MetricsBenchmark() {
    }

    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long customers = args.length > 1 ? Long.parseLong(args[1]) : 0;
        Path data = sharedData().resolve("online_retail/by-day");
        try (Warehouse warehouse = DuckDbWarehouse.inMemory()) {
            long started = System.nanoTime();
            load(warehouse, data);
            run(warehouse, repetitions, started);
            MetricResult revenue = new Metrics(warehouse, Clock.systemUTC()).run("revenue_by_month", MetricParams.of("months", "6", "as_of", AS_OF));
            System.out.println(revenue.columns());
            revenue.rows().stream().limit(3).forEach(System.out::println);
        }
        if (customers > 0) {
            try (Warehouse warehouse = DuckDbWarehouse.inMemory()) {
                long started = System.nanoTime();
                generate(warehouse, customers);
                run(warehouse, repetitions, started);
            }
        }
    }

    private static void run(Warehouse warehouse, int repetitions, long started) {
        {
            System.out.printf("%n%s transactions, %s customers, %s identity records, loaded in %.1f s%n",
                    warehouse.queryAll("SELECT COUNT(*) FROM model.transactions").singleValue(),
                    warehouse.queryAll("SELECT COUNT(*) FROM model.customers").singleValue(),
                    warehouse.describe(new TableName("identity", "records")).isPresent()
                            ? warehouse.queryAll("SELECT COUNT(*) FROM identity.records").singleValue() : 0,
                    (System.nanoTime() - started) / 1e9);
            Metrics metrics = new Metrics(warehouse, Clock.systemUTC());
            System.out.println("| metric | params | rows | median ms | plain scan of its tables, median ms | metric / scan |");
            System.out.println("|---|---|---:|---:|---:|---:|");
            for (Metric metric : MetricCatalog.all()) {
                MetricParams params = params(metric);
                MetricResult[] result = {metrics.run(metric.name(), params)};
                double time = median(repetitions, () -> result[0] = metrics.run(metric.name(), params));
                List<String> scans = metric.tables().stream().filter(table -> warehouse.describe(table).isPresent())
                        .map(table -> scan(warehouse, table)).toList();
                scans.forEach(warehouse::queryAll);
                double scan = median(repetitions, () -> scans.forEach(warehouse::queryAll));
                System.out.printf("| `%s` | %s | %d | %.1f | %s | %s |%n", metric.name(), params.values(), result[0].rows().size(), time,
                        scans.isEmpty() ? "(no table)" : String.format("%.1f", scan),
                        scans.isEmpty() ? "" : String.format("%.1f", time / scan));
            }
        }
    }

    /** The median time in milliseconds of REPETITIONS runs of {@code work}. */
    private static double median(int repetitions, Runnable work) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            work.run();
            times.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    /**
     * The raw limit of a metric over a table, in the same run: one plain pass over it reading a value of every row,
     * {@code SELECT count(*), sum(amount)} for the transactions and {@code count(*), sum(hash(first column))} for the
     * others (a {@code count(*)} alone would be answered from the table's metadata).
     */
    private static String scan(Warehouse warehouse, TableName table) {
        if (table.equals(new TableName("model", "transactions"))) {
            return "SELECT count(*), sum(amount) FROM model.transactions";
        }
        String first = warehouse.describe(table).orElseThrow().get(0).name();
        return "SELECT count(*), sum(hash(" + warehouse.dialect().quote(first) + ")) FROM " + warehouse.dialect().table(table);
    }

    /**
     * Generated tables in SQL: CUSTOMERS customers first seen over two years up to as_of, 5 transactions each on
     * average (1 to 9; one in ten a return), 1 to 4 identity records each, a dropped link per 100 customers, 20 audiences
     * computed and 10 syncs run 4 times a day for 60 days.
     */
    private static void generate(Warehouse warehouse, long customers) {
        for (String schema : List.of("model", "identity", "ownstack")) {
            warehouse.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        }
        warehouse.execute("SELECT setseed(0.42)");
        warehouse.execute("CREATE TABLE model.customers AS SELECT 'cus_' || i AS customer_id,"
                + " TIMESTAMP '2011-12-09 00:00:00' - to_minutes(CAST(random() * 730 * 1440 AS BIGINT)) AS first_seen FROM range(" + customers + ") t(i)");
        warehouse.execute("CREATE TABLE model.transactions AS SELECT 'tx_' || c.customer_id || '_' || k AS transaction_id, c.customer_id,"
                + " c.first_seen + to_minutes(CAST(random() * date_diff('minute', c.first_seen, TIMESTAMP '2011-12-09 23:59:00') AS BIGINT)) AS occurred_at,"
                + " CAST(CASE WHEN random() < 0.1 THEN -10 ELSE 5 + random() * 200 END AS DECIMAL(38, 9)) AS amount"
                + " FROM model.customers c, range(CAST(1 + hash(c.customer_id) % 9 AS BIGINT)) r(k)");
        warehouse.execute("CREATE TABLE identity.records AS SELECT 'crm' AS source, c.customer_id || '_' || k AS record_id, c.customer_id"
                + " FROM model.customers c, range(CAST(1 + hash(c.customer_id || 'r') % 4 AS BIGINT)) r(k)");
        warehouse.execute("CREATE TABLE identity.dropped_links AS SELECT 1 AS run_id, 'crm' AS source, record_id, 'email' AS key_name,"
                + " 'x@example.com' AS key_value, 'crm' AS other_source, record_id AS other_record_id,"
                + " 'linking would give one customer 6 values of email, over the limit of 5' AS reason"
                + " FROM identity.records WHERE random() < 0.005");
        warehouse.execute("CREATE TABLE ownstack.audience_runs AS SELECT 'audience_' || a AS audience, d AS run_id,"
                + " CAST(TIMESTAMP '2011-10-10 06:00:00' + to_days(d) AS TIMESTAMPTZ) AS computed_at, NULL AS as_of,"
                + " CAST(random() * 100000 AS BIGINT) AS size, 0 AS holdout_size, 10 AS joined_count, 5 AS left_count"
                + " FROM range(20) x(a), range(60) y(d)");
        warehouse.execute("CREATE TABLE ownstack.sync_runs AS SELECT row_number() OVER () AS run_id, 'sync_' || s AS sync,"
                + " CASE WHEN random() < 0.05 THEN 'FAILED' ELSE 'SUCCEEDED' END AS status,"
                + " CAST(TIMESTAMP '2011-10-10 00:00:00' + to_hours(6 * h) AS TIMESTAMPTZ) AS started_at, FALSE AS dry_run,"
                + " 100 AS added, 20 AS changed, 1 AS removed, 2 AS failed FROM range(10) x(s), range(240) y(h)");
    }

    private static MetricParams params(Metric metric) {
        List<String> pairs = new ArrayList<>();
        metric.params().forEach(param -> {
            pairs.add(param.key());
            pairs.add(switch (param) {
                case MONTHS -> "13";
                case DAYS -> "30";
                case AS_OF -> AS_OF;
            });
        });
        return MetricParams.of(pairs.toArray(String[]::new));
    }

    private static void load(Warehouse warehouse, Path data) {
        String files = warehouse.dialect().stringLiteral(data.toAbsolutePath() + "/*.csv");
        warehouse.execute("CREATE SCHEMA model");
        warehouse.execute("CREATE TABLE model.transactions AS SELECT InvoiceNo AS transaction_id,"
                + " CAST(CAST(MAX(CustomerID) AS BIGINT) AS VARCHAR) AS customer_id, MIN(InvoiceDate) AS occurred_at,"
                + " CAST(SUM(Quantity * UnitPrice) AS DECIMAL(38, 9)) AS amount"
                + " FROM read_csv(" + files + ", header = true, types = {'InvoiceNo': 'VARCHAR', 'CustomerID': 'DOUBLE',"
                + " 'InvoiceDate': 'TIMESTAMP', 'Quantity': 'BIGINT', 'UnitPrice': 'DOUBLE'}) GROUP BY InvoiceNo");
        warehouse.execute("CREATE TABLE model.customers AS SELECT customer_id, MIN(occurred_at) AS first_seen, MAX(occurred_at) AS last_seen"
                + " FROM model.transactions WHERE customer_id IS NOT NULL GROUP BY customer_id");
    }

    /** The nearest shared/data above the working directory. */
    private static Path sharedData() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/data folder above " + Path.of("").toAbsolutePath());
    }
}
