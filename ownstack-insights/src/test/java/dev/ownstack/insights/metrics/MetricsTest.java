package dev.ownstack.insights.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link MetricsSuite} on DuckDB, and what does not depend on the engine: parameters and the catalog. */
class MetricsTest extends MetricsSuite {

    @Override
    Warehouse open() {
        return DuckDbWarehouse.inMemory();
    }

    @Test
    void rejects_an_unknown_metric_naming_the_known_ones() {
        try (Warehouse empty = DuckDbWarehouse.inMemory()) {
            OwnstackException e = assertThrows(OwnstackException.class, () -> new Metrics(empty, CLOCK).run("churn", MetricParams.none()));
            assertEquals(ErrorCode.NOT_FOUND, e.code());
            assertTrue(e.getMessage().startsWith("no metric 'churn'; the metrics are customers_over_time, "), e.getMessage());
        }
    }

    @Test
    void rejects_months_out_of_range_naming_the_parameter_and_value() {
        assertInvalid("customers_over_time", MetricParams.of("months", "0"), "months: must be a whole number from 1 to 120, got '0'");
        assertInvalid("revenue_by_month", MetricParams.of("months", "twelve"), "months: must be a whole number from 1 to 120, got 'twelve'");
        assertInvalid("sync_health", MetricParams.of("days", "400"), "days: must be a whole number from 1 to 366, got '400'");
    }

    @Test
    void rejects_an_as_of_that_is_not_a_date() {
        assertInvalid("rfm_grid", MetricParams.of("as_of", "2024-13-01"), "as_of: must be a date as YYYY-MM-DD, got '2024-13-01'");
    }

    @Test
    void rejects_a_parameter_the_metric_does_not_take() {
        assertInvalid("rfm_grid", MetricParams.of("months", "3"), "months: not a parameter of rfm_grid; it takes as_of");
        assertInvalid("identity_summary", MetricParams.of("as_of", "2024-01-01"), "as_of: not a parameter of identity_summary, which takes none");
    }

    @Test
    void has_a_query_for_every_metric_of_the_catalog() {
        for (Metric metric : MetricCatalog.all()) {
            MetricQuery query = MetricQuery.of(metric, java.util.Map.of("as_of", "2024-01-01", "end", "x", "first_month", "x",
                    "last_month", "x", "first_day", "x"));
            assertTrue(query.sql().contains("SELECT"), metric.name());
            assertTrue(!query.sql().matches("(?s).*(?<![:\\w]):[a-z_]+.*"), metric.name() + " still has a placeholder");
        }
    }

    private static void assertInvalid(String metric, MetricParams params, String message) {
        try (Warehouse empty = DuckDbWarehouse.inMemory()) {
            OwnstackException e = assertThrows(OwnstackException.class, () -> new Metrics(empty, CLOCK).run(metric, params));
            assertEquals(ErrorCode.ARGUMENT_INVALID, e.code());
            assertEquals(message, e.getMessage());
        }
    }
}
