package dev.ownstack.insights.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ownstack.warehouse.Warehouse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every metric on {@link MetricsFixture}, with the numbers worked out by hand; run on DuckDB by {@link MetricsTest} and
 * on PostgreSQL by {@link MetricsIT}, so both engines give the same answers.
 */
abstract class MetricsSuite {
    /** "Today" when a request has no as_of: 2024-03-31, the as_of the tests mostly use. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-31T15:00:00Z"), ZoneOffset.UTC);

    private Warehouse warehouse;
    private Metrics metrics;

    abstract Warehouse open();

    @BeforeEach
    void load() {
        warehouse = open();
        MetricsFixture.load(warehouse);
        metrics = new Metrics(warehouse, CLOCK);
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    @Test
    void counts_new_customers_per_month_with_the_running_total() {
        MetricResult result = metrics.run("customers_over_time", MetricParams.of("months", "3", "as_of", "2024-03-31"));
        assertEquals(List.of("month", "new_customers", "total_customers"), result.columns());
        assertEquals(List.of(
                row("2024-01-01", 3L, 5L),
                row("2024-02-01", 0L, 5L),
                row("2024-03-01", 1L, 6L)), result.rows());
    }

    @Test
    void leaves_out_customers_first_seen_after_as_of() {
        MetricResult result = metrics.run("customers_over_time", MetricParams.of("months", "1", "as_of", "2024-03-10"));
        assertEquals(List.of(row("2024-03-01", 0L, 5L)), result.rows());
    }

    @Test
    void defaults_to_twelve_months_up_to_today() {
        MetricResult result = metrics.run("customers_over_time", MetricParams.none());
        assertEquals(12, result.rows().size());
        assertEquals(row("2023-04-01", 0L, 0L), result.rows().get(0));
        assertEquals(row("2023-11-01", 1L, 1L), result.rows().get(7));
        assertEquals(row("2024-03-01", 1L, 6L), result.rows().get(11));
    }

    @Test
    void splits_buyers_into_new_and_returning() {
        MetricResult result = metrics.run("new_vs_returning", MetricParams.of("months", "3", "as_of", "2024-03-31"));
        assertEquals(List.of(
                row("2024-01-01", 3L, 2L, 1L, d("40"), d("50")),
                row("2024-02-01", 2L, 1L, 1L, d("20"), d("25.5")),
                row("2024-03-01", 3L, 1L, 2L, d("60"), d("27"))), result.rows());
    }

    @Test
    void sums_orders_returns_and_revenue_per_month() {
        MetricResult result = metrics.run("revenue_by_month", MetricParams.of("months", "3", "as_of", "2024-03-31"));
        assertEquals(List.of("month", "orders", "returns", "customers", "gross_revenue", "returned_amount", "net_revenue"), result.columns());
        assertEquals(List.of(
                row("2024-01-01", 3L, 1L, 3L, d("90"), d("10"), d("80")),
                row("2024-02-01", 3L, 0L, 2L, d("85.5"), d("0"), d("85.5")),
                row("2024-03-01", 3L, 1L, 3L, d("87"), d("5.25"), d("81.75"))), result.rows());
    }

    @Test
    void shows_each_cohort_share_active_in_the_months_after() {
        MetricResult result = metrics.run("cohort_retention", MetricParams.of("months", "3", "as_of", "2024-03-31"));
        assertEquals(List.of(
                row("2024-01-01", 2L, 0L, 2L, d("1")),
                row("2024-01-01", 2L, 1L, 0L, d("0")),
                row("2024-01-01", 2L, 2L, 1L, d("0.5")),
                row("2024-02-01", 1L, 0L, 1L, d("1")),
                row("2024-02-01", 1L, 1L, 1L, d("1")),
                row("2024-03-01", 1L, 0L, 1L, d("1"))), result.rows());
    }

    @Test
    void places_customers_in_the_recency_frequency_grid() {
        MetricResult result = metrics.run("rfm_grid", MetricParams.of("as_of", "2024-03-31"));
        assertEquals(25, result.rows().size());
        assertEquals(row(5L, 5L, "champions", 0L, d("0"), null), result.rows().get(0));
        assertEquals(row(5L, 1L, "new customers", 1L, d("60"), d("0")), cell(result, 5, 1));
        assertEquals(row(4L, 3L, "potential loyalists", 1L, d("35"), d("26")), cell(result, 4, 3));
        assertEquals(row(3L, 3L, "need attention", 1L, d("22"), d("29")), cell(result, 3, 3));
        assertEquals(row(2L, 5L, "cannot lose them", 1L, d("175.5"), d("50")), cell(result, 2, 5));
        assertEquals(row(1L, 1L, "hibernating", 1L, d("30"), d("71")), cell(result, 1, 1));
        long customers = result.rows().stream().mapToLong(r -> (Long) r.get(3)).sum();
        assertEquals(5, customers);
    }

    @Test
    void names_every_cell_of_the_grid() {
        MetricResult result = metrics.run("rfm_grid", MetricParams.of("as_of", "2024-03-31"));
        assertEquals("at risk", cell(result, 1, 4).get(2));
        assertEquals("about to sleep", cell(result, 3, 2).get(2));
        assertEquals("loyal customers", cell(result, 3, 4).get(2));
        assertEquals("loyal customers", cell(result, 4, 5).get(2));
        assertEquals("promising", cell(result, 4, 1).get(2));
        assertEquals("potential loyalists", cell(result, 5, 2).get(2));
    }

    @Test
    void summarises_records_per_customer() {
        MetricResult result = metrics.run("identity_summary", MetricParams.none());
        assertEquals(List.of(row(5L, 19L, 3L, d("3.8"), 2L, 12L, 12L, 12L)), result.rows());
    }

    @Test
    void buckets_customers_by_cluster_size() {
        MetricResult result = metrics.run("identity_cluster_sizes", MetricParams.none());
        assertEquals(List.of(
                row("1", 1L, 1L, 2L, 2L, d("0.4")),
                row("2", 2L, 2L, 1L, 2L, d("0.2")),
                row("3-4", 3L, 4L, 1L, 3L, d("0.2")),
                row("5-9", 5L, 9L, 0L, 0L, d("0")),
                row("10-19", 10L, 19L, 1L, 12L, d("0.2")),
                row("20-49", 20L, 49L, 0L, 0L, d("0")),
                row("50-99", 50L, 99L, 0L, 0L, d("0")),
                row("100+", 100L, null, 0L, 0L, d("0"))), result.rows());
    }

    @Test
    void counts_dropped_links_by_reason() {
        MetricResult result = metrics.run("identity_dropped_links", MetricParams.none());
        assertEquals(List.of(
                row("user_id", "over the user_id limit of 1", 3L, 2L),
                row("email", "over the email limit of 5", 1L, 1L)), result.rows());
    }

    @Test
    void shows_audience_sizes_at_each_days_last_run() {
        MetricResult result = metrics.run("audience_sizes", MetricParams.of("days", "7", "as_of", "2024-03-31"));
        assertEquals(List.of("day", "audience", "runs", "size", "holdout_size", "joined", "left"), result.columns());
        assertEquals(List.of(
                row("2024-03-30", "lapsed", 1L, 40L, 0L, 40L, 0L),
                row("2024-03-30", "vip", 2L, 120L, 6L, 27L, 7L),
                row("2024-03-31", "vip", 1L, 118L, 6L, 1L, 3L)), result.rows());
    }

    @Test
    void counts_sync_runs_and_records_per_sync_and_day() {
        MetricResult result = metrics.run("sync_health", MetricParams.of("days", "7", "as_of", "2024-03-31"));
        assertEquals(List.of(
                row("2024-03-30", "crm", 2L, 1L, 1L, 0L, 0L, 18L, 3L),
                row("2024-03-31", "ads", 1L, 1L, 0L, 0L, 0L, 7L, 0L),
                row("2024-03-31", "crm", 1L, 0L, 0L, 1L, 0L, 0L, 0L)), result.rows());
    }

    @Test
    void answers_no_rows_when_the_tables_do_not_exist_yet() {
        for (String schema : List.of("model", "identity", "ownstack")) {
            warehouse.execute("DROP SCHEMA " + schema + " CASCADE");
        }
        for (Metric metric : MetricCatalog.all()) {
            MetricResult result = metrics.run(metric.name(), MetricParams.none());
            assertEquals(metric.columnNames(), result.columns(), metric.name());
            assertEquals(List.of(), result.rows(), metric.name());
        }
    }

    private static List<Object> cell(MetricResult result, long recency, long frequency) {
        return result.rows().stream().filter(r -> r.get(0).equals(recency) && r.get(1).equals(frequency)).findFirst().orElseThrow();
    }

    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    static BigDecimal d(String text) {
        return new BigDecimal(text);
    }
}
