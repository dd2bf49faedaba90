package dev.ownstack.server.audiences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.config.CollectorConfig;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.Secret;
import dev.ownstack.core.config.ServerConfig;
import dev.ownstack.core.config.WarehouseConfig;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.AudienceParser;
import dev.ownstack.core.config.models.EventsModel;
import dev.ownstack.core.config.models.ModelsConfig;
import dev.ownstack.server.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audience API over a real server on a free port, against model tables in DuckDB
 * ({@link ShopWarehouse}), with audiences {@code gb} and {@code buyers} in ownstack.yml.
 */
class AudienceApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Bearer " + TestServer.API_KEY;

    private ShopWarehouse shop;
    private TestServer test;

    @BeforeEach
    void start() {
        shop = new ShopWarehouse();
        Map<String, AudienceDefinition> audiences = new LinkedHashMap<>();
        audiences.put("gb", definition("{'name': 'gb', 'rule': {'trait': 'country', 'operator': 'equals', 'value': 'GB'}}"));
        audiences.put("buyers", definition("{'name': 'buyers', 'rule': {'event': 'Order Completed'}}"));
        ModelsConfig models = new ModelsConfig(Optional.of(Instant.parse("2025-01-01T00:00:00Z")), List.of(), Optional.empty(), EventsModel.DEFAULT,
                List.of());
        ProjectConfig config = new ProjectConfig(Path.of("/tmp/unused"), "test", new WarehouseConfig.DuckDb(WarehouseConfig.DuckDb.IN_MEMORY),
                Map.of(), new ServerConfig("127.0.0.1", 0, List.of(Secret.literal(TestServer.API_KEY)), List.of()),
                CollectorConfig.defaults(Path.of("/tmp/unused")), Optional.empty(), Optional.of(models), audiences, List.of());
        test = TestServer.start(config, shop::open);
    }

    @AfterEach
    void stop() {
        test.close();
        shop.close();
    }

    @Test
    void needs_an_api_key_and_answers_errors_in_the_api_shape() {
        HttpResponse<String> response = test.send(test.request("/api/audiences").GET().build());
        assertEquals(401, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        JsonNode body = json(response);
        assertEquals("UNAUTHORIZED", body.path("error").asText());
        assertTrue(body.path("message").asText().contains("Authorization: Bearer"), body.toString());
        assertFalse(body.has("path"));
        assertEquals(401, call("GET", "/api/recipes", null, "Bearer wrong").statusCode());
    }

    @Test
    void creates_reads_lists_updates_and_deletes_an_audience() {
        HttpResponse<String> created = call("POST", "/api/audiences", "{'name': 'vip', 'description': 'VIPs', 'holdout-percent': 10,"
                + " 'rule': {'trait': 'vip', 'operator': 'equals', 'value': true}}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("/api/audiences/vip", created.headers().firstValue("Location").orElse(""));
        JsonNode audience = json(created);
        assertEquals("api", audience.path("origin").asText());
        assertTrue(audience.path("editable").asBoolean());
        assertEquals(10, audience.path("definition").path("holdout-percent").asInt());
        assertTrue(audience.path("latestRun").isNull());

        JsonNode read = json(ok(call("GET", "/api/audiences/vip", null)));
        assertEquals(audience, read);
        List<String> names = new ArrayList<>();
        json(ok(call("GET", "/api/audiences", null))).path("audiences").forEach(item -> names.add(item.path("name").asText() + "@"
                + item.path("origin").asText()));
        assertEquals(List.of("gb@ownstack.yml", "buyers@ownstack.yml", "vip@api"), names);

        JsonNode updated = json(ok(call("PUT", "/api/audiences/vip", "{'rule': {'trait': 'vip', 'operator': 'equals', 'value': false}}")));
        assertEquals(false, updated.path("definition").path("rule").path("value").asBoolean(true));
        assertEquals(audience.path("createdAt"), updated.path("createdAt"));

        assertEquals(204, call("DELETE", "/api/audiences/vip", null).statusCode());
        HttpResponse<String> gone = call("GET", "/api/audiences/vip", null);
        assertEquals(404, gone.statusCode());
        assertEquals("NOT_FOUND", json(gone).path("error").asText());
        assertEquals("unknown audience \"vip\"; there are \"gb\", \"buyers\"", json(gone).path("message").asText());
    }

    @Test
    void answers_an_invalid_rule_with_400_and_the_path_inside_it() {
        HttpResponse<String> operator = call("POST", "/api/audiences", "{'name': 'bad', 'rule': {'all': [{'trait': 'vip', 'operator': 'is-set'},"
                + " {'trait': 'country', 'operator': 'gte2', 'value': 'GB'}]}}");
        assertEquals(400, operator.statusCode());
        assertEquals("INPUT_INVALID", json(operator).path("error").asText());
        assertEquals("rule.all[1].operator", json(operator).path("path").asText());
        HttpResponse<String> trait = call("POST", "/api/audiences", "{'name': 'bad', 'rule': {'any': [{'trait': 'vip', 'operator': 'is-set'},"
                + " {'trait': 'shoe_size', 'operator': 'greater', 'value': 40}, {'event': 'Product Clicked'}]}}");
        assertEquals(400, trait.statusCode());
        JsonNode body = json(trait);
        assertEquals("rule.any[1].trait", body.path("path").asText());
        assertEquals(List.of("rule.any[1].trait", "rule.any[2].event"), paths(body.path("problems")));
        assertTrue(body.path("problems").get(1).path("message").asText().startsWith("unknown event \"Product Clicked\""), body.toString());
        assertEquals(404, call("GET", "/api/audiences/bad", null).statusCode());
        HttpResponse<String> notJson = call("POST", "/api/audiences", "{'name': ");
        assertEquals(400, notJson.statusCode());
        assertTrue(json(notJson).path("message").asText().startsWith("the request body is not JSON"), notJson.body());
    }

    @Test
    void answers_409_for_audiences_of_ownstack_yml_taken_names_and_audiences_in_use() {
        HttpResponse<String> change = call("PUT", "/api/audiences/gb", "{'rule': {'trait': 'vip', 'operator': 'is-set'}}");
        assertEquals(409, change.statusCode());
        assertEquals("CONFLICT", json(change).path("error").asText());
        assertEquals("audience \"gb\" is defined in ownstack.yml (audiences.gb); change it there, not through the API",
                json(change).path("message").asText());
        assertEquals(409, call("DELETE", "/api/audiences/buyers", null).statusCode());
        assertEquals(409, call("POST", "/api/audiences", "{'name': 'gb', 'rule': {'trait': 'vip', 'operator': 'is-set'}}").statusCode());
        assertEquals(201, call("POST", "/api/audiences", "{'name': 'base', 'rule': {'trait': 'vip', 'operator': 'is-set'}}").statusCode());
        assertEquals(201, call("POST", "/api/audiences", "{'name': 'user', 'rule': {'not': {'audience': 'base'}}}").statusCode());
        HttpResponse<String> inUse = call("DELETE", "/api/audiences/base", null);
        assertEquals(409, inUse.statusCode());
        assertEquals("audience \"base\" is used by \"user\"; remove it from that audience's rule first", json(inUse).path("message").asText());
    }

    @Test
    void validates_a_definition_without_saving_it() {
        JsonNode valid = json(ok(call("POST", "/api/audiences/validate", "{'rule': {'all': [{'audience': 'gb'},"
                + " {'transactions': 'sum', 'operator': 'greater', 'value': 100}]}}")));
        assertTrue(valid.path("valid").asBoolean(), valid.toString());
        assertEquals("duckdb", valid.path("dialect").asText());
        assertTrue(valid.path("sql").asText().startsWith("SELECT c.\"customer_id\" FROM \"model\".\"customers\" AS c WHERE"), valid.toString());
        assertEquals(JSON.createArrayNode().add("GB").add(100), valid.path("parameters"));
        JsonNode invalid = json(ok(call("POST", "/api/audiences/validate", "{'name': 'x', 'rule': {'all': [{'audience': 'nope'},"
                + " {'trait': 'vip', 'operator': 'greater', 'value': 1}]}}")));
        assertFalse(invalid.path("valid").asBoolean(true));
        assertEquals(List.of("rule.all[0].audience", "rule.all[1].operator"), paths(invalid.path("errors")));
        assertEquals(2, json(ok(call("GET", "/api/audiences", null))).path("audiences").size());
    }

    @Test
    void previews_an_unsaved_definition_with_a_sample_an_overlap_and_a_breakdown() {
        JsonNode preview = json(ok(call("POST", "/api/audiences/preview", "{'definition': {'rule': {'trait': 'vip', 'operator': 'equals', 'value': true}},"
                + " 'sample': {'columns': ['customer_id', 'revenue', 'first_seen', 'profile'], 'limit': 5}, 'overlap': 'gb',"
                + " 'breakdown': {'trait': 'country', 'buckets': 1}}")));
        assertEquals("unsaved", preview.path("audience").asText());
        assertEquals(json("{'members': 2, 'customers': 5}"), preview.path("size"));
        assertEquals(json("{'columns': [{'name': 'customer_id', 'type': 'string'}, {'name': 'revenue', 'type': 'decimal'},"
                + " {'name': 'first_seen', 'type': 'timestamp'}, {'name': 'profile', 'type': 'json'}],"
                + " 'rows': [['c1', 900, '2023-01-10T10:00:00', {'tier': 'gold'}], ['c3', 300, '2022-05-01T10:00:00', null]]}"), preview.path("sample"));
        assertEquals(json("{'audience': 'unsaved', 'other': 'gb', 'audienceSize': 2, 'otherSize': 2, 'both': 1, 'audienceOnly': 1, 'otherOnly': 1}"),
                preview.path("overlap"));
        assertEquals(json("{'trait': 'country', 'unit': 'value', 'members': 2, 'buckets': [{'kind': 'value', 'value': 'GB', 'count': 1},"
                + " {'kind': 'other', 'values': 1, 'count': 1}]}"), preview.path("breakdown"));
        assertTrue(preview.path("elapsedMillis").isIntegralNumber());
    }

    @Test
    void previews_a_saved_audience_with_the_default_sample_and_ranges_of_numbers() {
        call("POST", "/api/audiences", "{'name': 'spenders', 'holdout-percent': 50, 'rule': {'trait': 'revenue', 'operator': 'greater', 'value': 10}}");
        JsonNode preview = json(ok(call("POST", "/api/audiences/spenders/preview", "{'breakdown': {'trait': 'revenue', 'buckets': 2}}")));
        long members = preview.path("size").path("members").asLong();
        assertEquals(3, members + preview.path("holdoutSize").asLong());
        assertEquals(List.of("customer_id", "email", "revenue"), texts(preview.path("sample").path("columns"), "name"));
        assertEquals(members, preview.path("sample").path("rows").size());
        assertEquals(members, preview.path("breakdown").path("members").asLong());
        // gb: c1 spent 900, c2 40
        assertEquals(json("{'trait': 'revenue', 'unit': '500', 'members': 2, 'buckets': [{'kind': 'range', 'from': 0, 'to': 500, 'count': 1},"
                + " {'kind': 'range', 'from': 500, 'to': 1000, 'count': 1}]}"),
                json(ok(call("POST", "/api/audiences/gb/preview", "{'breakdown': {'trait': 'revenue', 'buckets': 2}}"))).path("breakdown"));
        assertEquals(members, json(ok(call("POST", "/api/audiences/spenders/preview", ""))).path("size").path("members").asLong());
        assertFalse(json(ok(call("POST", "/api/audiences/gb/preview", "{'sample': {'limit': 0}}"))).has("sample"));
    }

    @Test
    void answers_bad_preview_requests_with_the_path_of_the_problem() {
        HttpResponse<String> unknown = call("POST", "/api/audiences/gb/preview", "{'sample': {'rows': 5}}");
        assertEquals(400, unknown.statusCode());
        assertEquals("sample.rows", json(unknown).path("path").asText());
        HttpResponse<String> trait = call("POST", "/api/audiences/gb/preview", "{'breakdown': {'trait': 'shoe_size'}}");
        assertEquals(400, trait.statusCode());
        assertEquals("breakdown.trait", json(trait).path("path").asText());
        HttpResponse<String> column = call("POST", "/api/audiences/gb/preview", "{'sample': {'columns': ['email', 'phone']}}");
        assertEquals("sample.columns[1]", json(column).path("path").asText());
        HttpResponse<String> overlap = call("POST", "/api/audiences/gb/preview", "{'overlap': 'nope'}");
        assertEquals(400, overlap.statusCode());
        assertEquals("overlap", json(overlap).path("path").asText());
        HttpResponse<String> missing = call("POST", "/api/audiences/preview", "{'sample': {'limit': 3}}");
        assertEquals("definition", json(missing).path("path").asText());
        HttpResponse<String> rule = call("POST", "/api/audiences/preview", "{'definition': {'rule': {'trait': 'vip', 'operator': 'bigger', 'value': 1}}}");
        assertEquals("rule.operator", json(rule).path("path").asText());
        assertEquals(404, call("POST", "/api/audiences/nope/preview", "{}").statusCode());
    }

    @Test
    void computes_an_audience_and_lists_its_runs_and_who_joined_and_left() {
        HttpResponse<String> never = call("GET", "/api/audiences/gb/changes", null);
        assertEquals(404, never.statusCode());
        assertEquals("audience \"gb\" has not been computed yet", json(never).path("message").asText());
        JsonNode first = json(ok(call("POST", "/api/audiences/gb/compute", null)));
        assertEquals(json("{'audience': 'gb', 'runId': 1, 'size': 2, 'holdoutSize': 0, 'joined': 2, 'left': 0}"),
                select(first, "audience", "runId", "size", "holdoutSize", "joined", "left"));
        assertEquals("2025-01-01T00:00:00Z", first.path("asOf").asText());
        shop.held.execute("UPDATE model.customers SET country = CASE customer_id WHEN 'c2' THEN 'FR' WHEN 'c4' THEN 'GB' ELSE country END");
        ok(call("POST", "/api/audiences/gb/compute", null));
        JsonNode changes = json(ok(call("GET", "/api/audiences/gb/changes", null)));
        assertEquals(json("{'audience': 'gb', 'fromRun': 1, 'toRun': 2, 'joinedCount': 1, 'leftCount': 1, 'joined': ['c4'], 'left': ['c2']}"), changes);
        assertEquals(json("{'audience': 'gb', 'fromRun': 0, 'toRun': 2, 'joinedCount': 2, 'leftCount': 0, 'joined': ['c1'], 'left': []}"),
                json(ok(call("GET", "/api/audiences/gb/changes?from=0&limit=1", null))));
        JsonNode runs = json(ok(call("GET", "/api/audiences/gb/runs", null)));
        assertEquals(List.of("1", "2"), texts(runs.path("runs"), "runId"));
        assertEquals(1, json(ok(call("GET", "/api/audiences/gb/runs?limit=1", null))).path("runs").size());
        assertEquals(2, json(ok(call("GET", "/api/audiences/gb", null))).path("latestRun").path("runId").asInt());
        HttpResponse<String> badLimit = call("GET", "/api/audiences/gb/runs?limit=zero", null);
        assertEquals(400, badLimit.statusCode());
        assertEquals("limit", json(badLimit).path("path").asText());
        assertEquals(400, call("GET", "/api/audiences/gb/changes?from=2&to=1", null).statusCode());
    }

    @Test
    void gives_the_sql_of_an_audience_for_an_engine() {
        JsonNode duckdb = json(ok(call("GET", "/api/audiences/gb/sql", null)));
        assertEquals("duckdb", duckdb.path("dialect").asText());
        assertEquals("SELECT c.\"customer_id\" FROM \"model\".\"customers\" AS c WHERE c.\"country\" = ?", duckdb.path("sql").asText());
        assertEquals(json("['GB']"), duckdb.path("parameters"));
        assertEquals("postgres", json(ok(call("GET", "/api/audiences/buyers/sql?dialect=postgres", null))).path("dialect").asText());
        JsonNode snowflake = json(ok(call("GET", "/api/audiences/gb/sql?dialect=snowflake", null)));
        assertEquals("snowflake", snowflake.path("dialect").asText());
        assertEquals(json("['GB']"), snowflake.path("parameters"));
        HttpResponse<String> unknown = call("GET", "/api/audiences/gb/sql?dialect=oracle", null);
        assertEquals(400, unknown.statusCode());
        assertEquals("dialect", json(unknown).path("path").asText());
        assertEquals("dialect: 'oracle' is not one of duckdb, postgres, snowflake, bigquery, redshift", json(unknown).path("message").asText());
    }

    @Test
    void lists_recipes_and_fills_one_in_saved_or_not() {
        JsonNode recipes = json(ok(call("GET", "/api/recipes", null))).path("recipes");
        assertEquals(List.of("high-value-at-risk", "lapsed-buyers", "new-customers", "browsers-never-bought", "repeat-buyers", "win-back"),
                texts(recipes, "name"));
        assertEquals(json("{'name': 'lapsed-days', 'type': 'integer', 'default': 90, 'description': 'no order in this many days', 'min': 1,"
                + " 'max': 366000}"), recipes.get(1).path("parameters").get(0));

        JsonNode filled = json(ok(call("POST", "/api/recipes/lapsed-buyers", "{'parameters': {'lapsed-days': 120}}")));
        assertTrue(filled.path("valid").asBoolean(), filled.toString());
        assertEquals("lapsed-buyers", filled.path("definition").path("name").asText());
        assertEquals(120, filled.path("definition").path("rule").path("all").get(1).path("within-days").asInt());
        assertEquals(404, call("GET", "/api/audiences/lapsed-buyers", null).statusCode());

        HttpResponse<String> saved = call("POST", "/api/recipes/lapsed-buyers", "{'name': 'lapsed', 'save': true}");
        assertEquals(201, saved.statusCode(), saved.body());
        assertEquals("recipe:lapsed-buyers", json(ok(call("GET", "/api/audiences/lapsed", null))).path("origin").asText());
        // c1 last ordered in June, c3 in 2023; c2 ordered in December
        JsonNode sample = json(ok(call("POST", "/api/audiences/lapsed/preview", null))).path("sample").path("rows");
        assertEquals(List.of("c1", "c3"), List.of(sample.get(0).get(0).asText(), sample.get(1).get(0).asText()));

        JsonNode missing = json(ok(call("POST", "/api/recipes/browsers-never-bought", "{'parameters': {'purchase-event': 'Checkout Finished'}}")));
        assertFalse(missing.path("valid").asBoolean(true));
        assertEquals(List.of("rule.all[1].event"), paths(missing.path("errors")));
        HttpResponse<String> bad = call("POST", "/api/recipes/lapsed-buyers", "{'parameters': {'lapsed-days': 'soon', 'days': 3}}");
        assertEquals(400, bad.statusCode());
        assertEquals(List.of("parameters.days", "parameters.lapsed-days"), paths(json(bad).path("problems")));
        assertEquals(404, call("POST", "/api/recipes/vip", null).statusCode());
    }

    private HttpResponse<String> call(String method, String path, String singleQuotedBody) {
        return call(method, path, singleQuotedBody, AUTH);
    }

    private HttpResponse<String> call(String method, String path, String singleQuotedBody, String authorization) {
        HttpRequest.BodyPublisher body = singleQuotedBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(singleQuotedBody.replace('\'', '"'));
        return test.send(test.request(path).header("Authorization", authorization).header("Content-Type", "application/json").method(method, body).build());
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        return response;
    }

    private static AudienceDefinition definition(String singleQuoted) {
        return AudienceParser.parseDefinition(json(singleQuoted));
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(response.body(), e);
        }
    }

    private static JsonNode json(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> paths(JsonNode problems) {
        return texts(problems, "path");
    }

    private static List<String> texts(JsonNode items, String field) {
        List<String> texts = new ArrayList<>();
        items.forEach(item -> texts.add(item.path(field).asText()));
        return texts;
    }

    private static JsonNode select(JsonNode node, String... fields) {
        ObjectNode selected = JSON.createObjectNode();
        for (String field : fields) {
            selected.set(field, node.path(field));
        }
        return selected;
    }
}
