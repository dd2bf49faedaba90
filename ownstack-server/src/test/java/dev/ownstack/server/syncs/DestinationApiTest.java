package dev.ownstack.server.syncs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.ProjectConfigLoader;
import dev.ownstack.server.TestServer;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DestinationApiTest {
    static final String TOKEN = "tok-0123456789-very-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Bearer " + TestServer.API_KEY;

    private TestServer test;

    /** A project with destinations {@code crm} (reachable), {@code down} (not) and {@code broken} (bad settings) and one sync. */
    static ProjectConfig project(String extraYaml) {
        return project(Path.of("/tmp/unused"), extraYaml);
    }

    /** The same project in {@code directory} (where the key of saved secrets is kept). */
    static ProjectConfig project(Path directory, String extraYaml) {
        Map<String, String> environment = Map.of("CRM_TOKEN", TOKEN, "API_KEY", TestServer.API_KEY);
        return new ProjectConfigLoader(name -> Optional.ofNullable(environment.get(name))).parse(directory, "ownstack.yml", """
                warehouse: {type: duckdb, path: ':memory:'}
                server: {bind: 127.0.0.1, port: 0, api-keys: ['${env:API_KEY}']}
                destinations:
                  crm: {type: memory, url: 'ok:crm', token: '${env:CRM_TOKEN}', format: csv}
                  down: {type: memory, url: 'down.example.com', token: 'written-in-the-file'}
                  broken: {type: memory, format: xml, colour: red}
                syncs:
                  vip-to-crm: {source: {query: 'select 1 as id'}, destination: crm, identifier: id, mapping: {id: id}}
                """ + extraYaml);
    }

    @BeforeEach
    void start() {
        test = TestServer.start(project(""), DuckDbWarehouse::inMemory, new Destinations(List.of(new MemoryDestinationFactory())));
    }

    @AfterEach
    void stop() {
        test.close();
    }

    private HttpResponse<String> call(String method, String path) {
        return test.send(test.request(path).header("Authorization", AUTH).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void lists_destinations_with_secrets_masked_their_syncs_and_problems() {
        HttpResponse<String> response = call("GET", "/api/destinations");
        assertEquals(200, response.statusCode(), response.body());
        assertFalse(response.body().contains(TOKEN), response.body());
        assertFalse(response.body().contains("written-in-the-file"), response.body());
        JsonNode destinations = json(response).path("destinations");
        assertEquals(3, destinations.size());
        JsonNode crm = destinations.get(0);
        assertEquals("crm", crm.path("name").asText());
        assertEquals("memory", crm.path("type").asText());
        assertEquals("ok:crm", crm.path("settings").path("url").asText());
        assertEquals("${env:CRM_TOKEN}", crm.path("settings").path("token").asText());
        assertEquals("[\"vip-to-crm\"]", crm.path("syncs").toString());
        assertEquals(0, crm.path("problems").size());
        assertEquals("****", destinations.get(1).path("settings").path("token").asText());
        assertEquals(List.of(
                "destinations.broken.colour: unknown setting of a memory destination; known: url, token, format",
                "destinations.broken.url: required (Where it lives.)",
                "destinations.broken.token: required (The API token.)",
                "destinations.broken.format: must be one of json, csv, got 'xml'"),
                JSON.convertValue(destinations.get(2).path("problems"), List.class));
    }

    @Test
    void lists_types_with_the_spec_of_their_settings() {
        HttpResponse<String> response = call("GET", "/api/destination-types");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode type = json(response).path("types").get(0);
        assertEquals("memory", type.path("type").asText());
        JsonNode token = type.path("settings").get(1);
        assertEquals("token", token.path("name").asText());
        assertEquals("secret", token.path("type").asText());
        assertEquals(true, token.path("secret").asBoolean());
        assertEquals(true, token.path("required").asBoolean());
        JsonNode format = type.path("settings").get(2);
        assertEquals("json", format.path("default").asText());
        assertEquals("[\"json\",\"csv\"]", format.path("options").toString());
        assertEquals(false, format.path("secret").asBoolean());
    }

    @Test
    void checks_a_destination_and_says_why_it_failed() {
        HttpResponse<String> ok = call("POST", "/api/destinations/crm/check");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("{\"name\":\"crm\",\"ok\":true,\"message\":\"reached ok:crm\",\"problems\":[]}", ok.body());
        JsonNode down = json(call("POST", "/api/destinations/down/check"));
        assertFalse(down.path("ok").asBoolean());
        assertEquals("cannot reach down.example.com: connection refused", down.path("message").asText());
    }

    @Test
    void a_destination_with_bad_settings_is_not_ok_and_an_unknown_one_is_not_found() {
        HttpResponse<String> broken = call("POST", "/api/destinations/broken/check");
        assertEquals(200, broken.statusCode(), broken.body());
        assertFalse(json(broken).path("ok").asBoolean());
        assertEquals("the settings do not fit a memory destination; fix them in ownstack.yml", json(broken).path("message").asText());
        assertEquals(4, json(broken).path("problems").size());
        HttpResponse<String> unknown = call("POST", "/api/destinations/nope/check");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals("no destination named 'nope'; defined: crm, down, broken", json(unknown).path("message").asText());
    }

    @Test
    void needs_an_api_key() {
        assertEquals(401, test.send(test.request("/api/destinations").GET().build()).statusCode());
    }
}
