package dev.ownstack.destinations.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake refuses what Meta refuses, in Graph's error format. */
class MetaFakeTest {
    private static final String HASH = "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b";
    private final HttpClient client = HttpClient.newHttpClient();
    private MetaFake fake;
    private String audience;

    @BeforeEach
    void start() throws Exception {
        fake = new MetaFake();
        audience = fake.createAudience("vip");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void a_documented_upload_is_held_and_counted() throws Exception {
        JsonNode answer = post(audience + "/users", payload("[\"EMAIL\",\"EXTERN_ID\"]", List.of("[\"" + HASH + "\",\"c-1\"]")), true, 200);
        assertEquals(1, answer.path("num_received").asInt());
        assertEquals(0, answer.path("num_invalid_entries").asInt());
        assertEquals(java.util.Set.of(HASH), fake.memberEmails("vip"));
    }

    @Test
    void values_of_hashed_keys_that_are_not_sha256_hex_are_invalid_entries_and_not_held() throws Exception {
        JsonNode answer = post(audience + "/users", payload("[\"EMAIL\"]", List.of("[\"person@example.com\"]", "[\"" + HASH + "\"]")), true, 200);
        assertEquals(2, answer.path("num_received").asInt());
        assertEquals(1, answer.path("num_invalid_entries").asInt());
        assertTrue(answer.path("invalid_entry_samples").has("person@example.com"), answer.toString());
        assertEquals(java.util.Set.of(HASH), fake.memberEmails("vip"));
    }

    @Test
    void more_than_ten_thousand_rows_an_unknown_key_or_a_short_row_are_refused_with_code_100() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i <= MetaFake.MAX_ROWS; i++) {
            rows.add("[\"" + HASH + "\"]");
        }
        assertEquals(100, post(audience + "/users", payload("[\"EMAIL\"]", rows), true, 400).path("error").path("code").asInt());
        assertEquals(100, post(audience + "/users", payload("[\"FIRST_NAME\"]", List.of("[\"x\"]")), true, 400).path("error").path("code").asInt());
        assertEquals(100, post(audience + "/users", payload("[\"EMAIL\",\"FN\"]", List.of("[\"" + HASH + "\"]")), true, 400)
                .path("error").path("code").asInt());
        assertTrue(fake.memberEmails("vip").isEmpty());
    }

    @Test
    void a_wrong_token_or_a_missing_appsecret_proof_is_refused_in_graphs_format() throws Exception {
        Map<String, String> params = payload("[\"EMAIL\"]", List.of("[\"" + HASH + "\"]"));
        params.put("access_token", "EAAGwrong");
        JsonNode wrong = post(audience + "/users", params, false, 400).path("error");
        assertEquals(190, wrong.path("code").asInt());
        assertEquals("OAuthException", wrong.path("type").asText());
        assertTrue(wrong.has("fbtrace_id"));
        JsonNode noProof = post(audience + "/users", payload("[\"EMAIL\"]", List.of("[\"" + HASH + "\"]")), false, 400).path("error");
        assertTrue(noProof.path("message").asText().contains("appsecret_proof"), noProof.toString());
    }

    @Test
    void throttling_is_a_400_with_the_rate_limit_code_and_the_usage_header() throws Exception {
        fake.throttleNextWrite(17);
        HttpResponse<String> response = send(audience + "/users", payload("[\"EMAIL\"]", List.of("[\"" + HASH + "\"]")), true);
        assertEquals(400, response.statusCode());
        JsonNode error = MetaFake.json().readTree(response.body()).path("error");
        assertEquals(17, error.path("code").asInt());
        assertEquals(2446079, error.path("error_subcode").asInt());
        assertTrue(response.headers().firstValue("x-business-use-case-usage").orElseThrow().contains("estimated_time_to_regain_access"));
        post(audience + "/users", payload("[\"EMAIL\"]", List.of("[\"" + HASH + "\"]")), true, 200);
    }

    @Test
    void usersreplace_needs_its_session_and_swaps_the_audience_with_the_last_batch() throws Exception {
        post(audience + "/users", payload("[\"EXTERN_ID\"]", List.of("[\"old\"]")), true, 200);
        assertEquals(100, post(audience + "/usersreplace", payload("[\"EXTERN_ID\"]", List.of("[\"new\"]")), true, 400)
                .path("error").path("code").asInt());
        Map<String, String> first = payload("[\"EXTERN_ID\"]", List.of("[\"new-1\"]"));
        first.put("session", "{\"session_id\":7,\"batch_seq\":1,\"last_batch_flag\":false}");
        post(audience + "/usersreplace", first, true, 200);
        assertEquals(List.of(Map.of("EXTERN_ID", "old")), fake.rows("vip"), "the audience changes only with the last batch");
        Map<String, String> last = payload("[\"EXTERN_ID\"]", List.of("[\"new-2\"]"));
        last.put("session", "{\"session_id\":7,\"batch_seq\":2,\"last_batch_flag\":true}");
        post(audience + "/usersreplace", last, true, 200);
        assertEquals(List.of(Map.of("EXTERN_ID", "new-1"), Map.of("EXTERN_ID", "new-2")), fake.rows("vip"));
    }

    private static Map<String, String> payload(String schema, List<String> rows) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("payload", "{\"schema\":" + schema + ",\"is_raw\":true,\"data\":[" + String.join(",", rows) + "]}");
        return params;
    }

    private JsonNode post(String path, Map<String, String> params, boolean authenticated, int status) throws Exception {
        HttpResponse<String> response = send(path, params, authenticated);
        assertEquals(status, response.statusCode(), response.body());
        return MetaFake.json().readTree(response.body());
    }

    private HttpResponse<String> send(String path, Map<String, String> params, boolean authenticated) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(params);
        if (authenticated) {
            all.put("access_token", MetaFake.TOKEN);
            all.put("appsecret_proof", GraphApi.appSecretProof(MetaFake.APP_SECRET, MetaFake.TOKEN));
        } else {
            all.putIfAbsent("access_token", MetaFake.TOKEN);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v25.0/" + path))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(GraphApi.form(all))).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
