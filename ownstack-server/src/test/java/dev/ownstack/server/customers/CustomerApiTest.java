package dev.ownstack.server.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.server.TestServer;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code /api/customers} over a real server on a free port, against {@link PeopleFixture} in DuckDB. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Warehouse held;
    private TestServer test;
    private String ann;

    @BeforeAll
    void start() {
        held = DuckDbWarehouse.inMemory();
        PeopleFixture.load(held);
        ann = PeopleFixture.customerOf(held, "crm", "C1");
        test = TestServer.start(PeopleFixture.CONFIG, held::openSibling);
    }

    @AfterAll
    void stop() {
        test.close();
        held.close();
    }

    private HttpResponse<String> get(String path) {
        return test.get(path, "Authorization", "Bearer " + TestServer.API_KEY);
    }

    @Test
    void searches_by_email_and_answers_name_email_and_the_key_that_matched() {
        HttpResponse<String> response = get("/api/customers?q=" + URLEncoder.encode(" ANN@example.com", StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"query\":\"ANN@example.com\",\"customers\":[{\"customer_id\":\"" + ann + "\",\"name\":\"Ann Lee\","
                + "\"email\":\"Ann.Work@Example.com\",\"matched_key\":\"email\",\"matched_value\":\"ann@example.com\"}]}", response.body());
        assertEquals("{\"query\":\"zed\",\"customers\":[]}", get("/api/customers?q=zed").body());
    }

    @Test
    void answers_the_profile_with_every_section() {
        HttpResponse<String> response = get("/api/customers/" + ann + "?limit=5");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertEquals(ann, body.path("customer_id").asText());
        for (String section : new String[] {"golden_record", "identities", "explain", "scores", "audiences"}) {
            assertTrue(body.path(section).isArray() && body.path(section).size() > 0, section + ": " + body.path(section));
        }
        assertEquals(2, body.path("transactions").path("rows").size());
        assertTrue(body.path("merged_from").isMissingNode());
    }

    @Test
    void answers_404_naming_an_unknown_id_and_400_for_a_bad_limit_or_no_query() {
        HttpResponse<String> unknown = get("/api/customers/cus_ffffffffffffffff");
        assertEquals(404, unknown.statusCode());
        assertEquals("NOT_FOUND", json(unknown).path("error").asText());
        assertTrue(json(unknown).path("message").asText().contains("'cus_ffffffffffffffff'"), unknown.body());
        HttpResponse<String> limit = get("/api/customers/" + ann + "?limit=0");
        assertEquals(400, limit.statusCode());
        assertEquals("limit: must be a whole number from 1 to 200, got '0'", json(limit).path("message").asText());
        HttpResponse<String> missing = get("/api/customers");
        assertEquals(400, missing.statusCode());
        assertTrue(json(missing).path("message").asText().startsWith("q: missing"), missing.body());
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
