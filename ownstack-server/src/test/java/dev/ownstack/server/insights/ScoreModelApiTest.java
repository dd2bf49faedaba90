package dev.ownstack.server.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.config.CollectorConfig;
import dev.ownstack.core.config.Secret;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.insights.scores.CustomerScores;
import dev.ownstack.insights.scoring.ModelStore;
import dev.ownstack.insights.scoring.StoredModel;
import dev.ownstack.server.TestServer;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/score-models} over a real server: the stored versions with their evaluation, and the applied scores' spread. */
class ScoreModelApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Bearer " + TestServer.API_KEY;
    private static final LocalDateTime AT = LocalDateTime.parse("2024-05-01T12:00:00");
    private static final String METRICS = "{\"rankings\": {\"xgboost\": {\"auc\": 0.767}, \"logistic_regression\": {\"auc\": 0.64},"
            + " \"recency_only\": {\"auc\": 0.751}}, \"calibration\": [{\"decile\": 1, \"customers\": 10, \"predicted\": 0.1, \"observed\": 0.2}]}";

    private final Warehouse held = DuckDbWarehouse.inMemory();
    private TestServer test;

    @BeforeEach
    void start() {
        test = TestServer.start(TestServer.config(0, List.of(), List.of(Secret.literal(TestServer.API_KEY)),
                CollectorConfig.defaults(Path.of("/tmp/unused"))), held::openSibling);
    }

    @AfterEach
    void stop() {
        test.close();
        held.close();
    }

    private static StoredModel churn() {
        return new StoredModel("churn", 0, "churn", AT, LocalDateTime.parse("2024-01-01T00:00:00"), LocalDateTime.parse("2024-04-01T00:00:00"),
                90, METRICS, List.of("recency_days", "orders_90d"), "{}", "secret model bytes".getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode models() throws Exception {
        HttpResponse<String> response = test.get("/api/score-models", "Authorization", AUTH);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("models");
    }

    @Test
    void answers_no_models_before_any_is_trained() throws Exception {
        assertEquals("[]", models().toString());
    }

    @Test
    void lists_each_models_versions_with_their_evaluation_and_the_applied_scores_spread() throws Exception {
        ModelStore store = new ModelStore(held);
        store.save(churn());
        store.save(churn());
        CustomerScores.replace(held, new CustomerScores.Scores("churn", "2", AT, List.of(new CustomerScores.Output("probability",
                ColumnType.DOUBLE)), List.of("a", "b", "c"), List.of(new Object[] {0.02}, new Object[] {0.97}, new Object[] {0.99})));

        JsonNode models = models();
        assertEquals(1, models.size(), models.toString());
        JsonNode churn = models.get(0);
        assertEquals("churn", churn.path("name").asText());
        assertEquals("churn", churn.path("kind").asText());
        assertEquals(2, churn.path("appliedVersion").asInt());
        assertEquals(2, churn.path("versions").size());
        JsonNode latest = churn.path("versions").get(1);
        assertEquals(2, latest.path("version").asInt());
        assertEquals("2024-01-01", latest.path("trainCutoff").asText());
        assertEquals("2024-04-01", latest.path("evaluationCutoff").asText());
        assertEquals("train 2024-01-01, evaluate 2024-04-01, 90-day label", latest.path("window").asText());
        assertEquals(0.767, latest.path("metrics").path("rankings").path("xgboost").path("auc").asDouble(), 1e-9);
        assertEquals(0.2, latest.path("metrics").path("calibration").get(0).path("observed").asDouble(), 1e-9);
        assertEquals("[\"recency_days\",\"orders_90d\"]", latest.path("features").toString());
        assertFalse(latest.has("payload"), "the model itself is never answered");

        JsonNode distribution = churn.path("distribution");
        assertEquals("churn_probability", distribution.path("column").asText());
        assertEquals(3, distribution.path("customers").asInt());
        assertEquals((0.02 + 0.97 + 0.99) / 3, distribution.path("mean").asDouble(), 1e-9);
        assertEquals(20, distribution.path("bins").size());
        assertEquals(1, distribution.path("bins").get(0).path("customers").asInt());
        assertEquals(2, distribution.path("bins").get(19).path("customers").asInt());
        assertEquals(0.95, distribution.path("bins").get(19).path("from").asDouble(), 1e-9);
    }

    @Test
    void shows_no_applied_version_and_no_spread_for_a_model_trained_but_not_applied() throws Exception {
        new ModelStore(held).save(churn());
        JsonNode churn = models().get(0);
        assertTrue(churn.path("appliedVersion").isNull(), churn.toString());
        assertTrue(churn.path("distribution").isNull(), churn.toString());
    }

    @Test
    void needs_an_api_key() {
        assertEquals(401, test.get("/api/score-models").statusCode());
    }
}
