package dev.ownstack.insights.metrics;

import static dev.ownstack.insights.metrics.MetricParam.AS_OF;
import static dev.ownstack.insights.metrics.MetricParam.DAYS;
import static dev.ownstack.insights.metrics.MetricParam.MONTHS;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import java.util.List;
import java.util.Optional;

/** The fixed catalog of dashboard metrics, in the order dashboards list them. docs/INSIGHTS.md describes each. */
public final class MetricCatalog {
    static final TableName CUSTOMERS = new TableName("model", "customers");
    static final TableName TRANSACTIONS = new TableName("model", "transactions");
    static final TableName RECORDS = new TableName("identity", "records");
    static final TableName DROPPED_LINKS = new TableName("identity", "dropped_links");
    static final TableName AUDIENCE_RUNS = new TableName("ownstack", "audience_runs");
    static final TableName SYNC_RUNS = new TableName("ownstack", "sync_runs");

    private static final MetricColumn MONTH = column("month", "the first day of the month");
    private static final MetricColumn DAY = column("day", "the day (UTC)");

    private static final List<Metric> METRICS = List.of(
            new Metric("customers_over_time", "New customers per month (by first_seen) and the running total of customers",
                    List.of(MONTHS, AS_OF), List.of(MONTH,
                    column("new_customers", "customers first seen that month"),
                    column("total_customers", "customers first seen by the end of that month (or as_of)")),
                    List.of(CUSTOMERS)),
            new Metric("new_vs_returning", "Customers who ordered each month: first order that month (new) or earlier (returning)",
                    List.of(MONTHS, AS_OF), List.of(MONTH,
                    column("customers", "customers with an order that month"),
                    column("new_customers", "of them, whose first order ever was that month"),
                    column("returning_customers", "of them, whose first order was in an earlier month"),
                    column("new_revenue", "order amounts of the new customers that month"),
                    column("returning_revenue", "order amounts of the returning customers that month")),
                    List.of(TRANSACTIONS)),
            new Metric("revenue_by_month", "Orders, returns and revenue per month from model.transactions",
                    List.of(MONTHS, AS_OF), List.of(MONTH,
                    column("orders", "transactions with a positive amount"),
                    column("returns", "transactions with a negative amount (cancellations, refunds)"),
                    column("customers", "distinct customers with an order"),
                    column("gross_revenue", "sum of the positive amounts"),
                    column("returned_amount", "sum of the negative amounts, as a positive number"),
                    column("net_revenue", "sum of all amounts")),
                    List.of(TRANSACTIONS)),
            new Metric("cohort_retention", "Cohorts by month of first order; the share of each cohort ordering k months later",
                    List.of(MONTHS, AS_OF), List.of(
                    column("cohort", "the month of the cohort's first orders (first day)"),
                    column("cohort_size", "customers whose first order was that month"),
                    column("months_since", "k: months after the cohort month (0 = the cohort month)"),
                    column("active_customers", "customers of the cohort with an order in month k"),
                    column("active_share", "active_customers / cohort_size, 4 decimals")),
                    List.of(TRANSACTIONS)),
            new Metric("rfm_grid", "Customers and revenue per cell of the recency x frequency quintile grid, with segment names",
                    List.of(AS_OF), List.of(
                    column("recency_score", "1 to 5, 5 = ordered most recently"),
                    column("frequency_score", "1 to 5, 5 = most orders"),
                    column("segment", "the usual name of the cell (champions, loyal customers, at risk, ...)"),
                    column("customers", "customers in the cell"),
                    column("revenue", "their order amounts up to as_of"),
                    column("average_recency_days", "their average days since the last order; null for an empty cell")),
                    List.of(TRANSACTIONS)),
            new Metric("identity_summary", "Records per customer: totals, mean, median, percentiles and largest",
                    List.of(), List.of(
                    column("customers", "customers in identity.records"),
                    column("records", "records in identity.records"),
                    column("customers_with_several_records", "customers holding more than one record"),
                    column("average_records", "records per customer, mean"),
                    column("median_records", "records per customer, median"),
                    column("p90_records", "records per customer, 90th percentile"),
                    column("p99_records", "records per customer, 99th percentile"),
                    column("max_records", "records of the largest customer")),
                    List.of(RECORDS)),
            new Metric("identity_cluster_sizes", "Histogram of customers by records held: 1, 2, 3-4, 5-9, 10-19, 20-49, 50-99, 100+",
                    List.of(), List.of(
                    column("cluster_size", "the bucket, as text"),
                    column("min_records", "the bucket's least records"),
                    column("max_records", "the bucket's most records; null for the last"),
                    column("customers", "customers in the bucket"),
                    column("records", "their records"),
                    column("customer_share", "customers / all customers, 4 decimals")),
                    List.of(RECORDS)),
            new Metric("identity_dropped_links", "Links the last identity run dropped for a per-customer limit, by key and reason",
                    List.of(), List.of(
                    column("key_name", "the match key; null for a probabilistic match"),
                    column("reason", "the limit the link would have broken"),
                    column("links", "links dropped"),
                    column("records", "distinct records not linked")),
                    List.of(DROPPED_LINKS)),
            new Metric("audience_sizes", "Audience sizes over time: per audience and day, the size at the day's last computation",
                    List.of(DAYS, AS_OF), List.of(DAY,
                    column("audience", "the audience"),
                    column("runs", "computations that day"),
                    column("size", "members at the day's last computation"),
                    column("holdout_size", "customers held out at the day's last computation"),
                    column("joined", "members joined over the day's computations"),
                    column("left", "members left over the day's computations")),
                    List.of(AUDIENCE_RUNS)),
            new Metric("sync_health", "Sync runs per sync and day: outcomes, records sent and rejected (dry runs left out)",
                    List.of(DAYS, AS_OF), List.of(DAY,
                    column("sync", "the sync"),
                    column("runs", "runs started that day"),
                    column("succeeded", "runs that ended SUCCEEDED"),
                    column("partial", "runs that ended PARTIAL (some records rejected)"),
                    column("failed", "runs that ended FAILED"),
                    column("awaiting_approval", "runs a guardrail stopped"),
                    column("records_sent", "records the destination accepted: added + changed + removed"),
                    column("records_rejected", "records the destination rejected")),
                    List.of(SYNC_RUNS)));

    private MetricCatalog() {
    }

    public static List<Metric> all() {
        return METRICS;
    }

    public static Optional<Metric> find(String name) {
        return METRICS.stream().filter(metric -> metric.name().equals(name)).findFirst();
    }

    /** The metric of that name; NOT_FOUND listing the metrics when there is none. */
    public static Metric require(String name) {
        return find(name).orElseThrow(() -> new OwnstackException(ErrorCode.NOT_FOUND,
                "no metric '" + (name.length() > 40 ? name.substring(0, 40) + "..." : name) + "'; the metrics are " + String.join(", ", names())));
    }

    public static List<String> names() {
        return METRICS.stream().map(Metric::name).toList();
    }

    private static MetricColumn column(String name, String description) {
        return new MetricColumn(name, description);
    }
}
