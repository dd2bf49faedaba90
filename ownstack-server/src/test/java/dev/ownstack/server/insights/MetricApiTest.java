package dev.ownstack.server.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.config.CollectorConfig;
import dev.ownstack.core.config.Secret;
import dev.ownstack.insights.metrics.MetricCatalog;
import dev.ownstack.server.TestServer;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/metrics} over a real server, against a small model.transactions in DuckDB. */
class MetricApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Bearer " + TestServer.API_KEY;

    private final Warehouse held = DuckDbWarehouse.inMemory();
    private TestServer test;

    @BeforeEach
    void start() {
        held.execute("CREATE SCHEMA model");
        held.execute("CREATE TABLE model.transactions (transaction_id VARCHAR, customer_id VARCHAR, occurred_at TIMESTAMP, amount DECIMAL(38, 9))");
        held.execute("INSERT INTO model.transactions VALUES ('t1', 'c1', TIMESTAMP '2024-01-15 10:00:00', 50.25),"
                + " ('t2', 'c2', TIMESTAMP '2024-02-20 10:00:00', 30), ('t3', 'c2', TIMESTAMP '2024-02-25 10:00:00', -10)");
        test = TestServer.start(TestServer.config(0, List.of(), List.of(Secret.literal(TestServer.API_KEY)),
                CollectorConfig.defaults(Path.of("/tmp/unused"))), held::openSibling);
    }

    @AfterEach
    void stop() {
        test.close();
        held.close();
    }

    @Test
    void lists_the_catalog_with_params_and_columns() throws Exception {
        HttpResponse<String> response = test.get("/api/metrics", "Authorization", AUTH);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode metrics = JSON.readTree(response.body()).path("metrics");
        List<String> names = new ArrayList<>();
        metrics.forEach(metric -> names.add(metric.path("name").asText()));
        assertEquals(MetricCatalog.names(), names);
        JsonNode revenue = metrics.get(names.indexOf("revenue_by_month"));
        assertEquals("months", revenue.path("params").get(0).path("name").asText());
        assertEquals("12", revenue.path("params").get(0).path("default").asText());
        assertEquals("net_revenue", revenue.path("columns").get(6).path("name").asText());
    }

    @Test
    void answers_a_metrics_rows_for_the_query_parameters() throws Exception {
        HttpResponse<String> response = test.get("/api/metrics/revenue_by_month?months=2&as_of=2024-02-29", "Authorization", AUTH);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("revenue_by_month", body.path("metric").asText());
        assertEquals("[\"month\",\"orders\",\"returns\",\"customers\",\"gross_revenue\",\"returned_amount\",\"net_revenue\"]",
                body.path("columns").toString());
        assertEquals("[[\"2024-01-01\",1,0,1,50.25,0,50.25],[\"2024-02-01\",1,1,1,30,10,20]]", body.path("rows").toString());
    }

    @Test
    void answers_no_rows_for_a_metric_whose_tables_are_missing() throws Exception {
        HttpResponse<String> response = test.get("/api/metrics/sync_health", "Authorization", AUTH);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("[]", JSON.readTree(response.body()).path("rows").toString());
    }

    @Test
    void needs_an_api_key() {
        assertEquals(401, test.get("/api/metrics").statusCode());
        assertEquals(401, test.get("/api/metrics/revenue_by_month", "Authorization", "Bearer wrong-key-0123456789").statusCode());
    }

    @Test
    void answers_404_for_an_unknown_metric() throws Exception {
        HttpResponse<String> response = test.get("/api/metrics/churn_rate", "Authorization", AUTH);
        assertEquals(404, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("NOT_FOUND", body.path("error").asText());
        assertTrue(body.path("message").asText().startsWith("no metric 'churn_rate'; the metrics are customers_over_time"), response.body());
    }

    @Test
    void answers_400_naming_a_bad_parameter_and_its_value() throws Exception {
        HttpResponse<String> response = test.get("/api/metrics/revenue_by_month?months=0", "Authorization", AUTH);
        assertEquals(400, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("ARGUMENT_INVALID", body.path("error").asText());
        assertEquals("months", body.path("path").asText());
        assertEquals("months: must be a whole number from 1 to 120, got '0'", body.path("message").asText());
        assertEquals(400, test.get("/api/metrics/revenue_by_month?weeks=3", "Authorization", AUTH).statusCode());
        assertEquals(400, test.get("/api/metrics/revenue_by_month?as_of=yesterday", "Authorization", AUTH).statusCode());
        assertEquals(400, test.get("/api/metrics/revenue_by_month?months=1&months=2", "Authorization", AUTH).statusCode());
    }
}
