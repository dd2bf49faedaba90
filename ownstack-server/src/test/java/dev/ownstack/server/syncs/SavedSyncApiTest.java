package dev.ownstack.server.syncs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.core.config.ProjectConfigLoader;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.server.TestServer;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Destinations and syncs saved through the API, beside those of ownstack.yml, on a real server and an in-memory warehouse. */
class SavedSyncApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Bearer " + TestServer.API_KEY;
    private static final String SECRET = "saved-token-never-shown-42";
    private static final TableName CUSTOMERS = new TableName("model", "customers");

    @TempDir
    Path project;
    private final Warehouse held = DuckDbWarehouse.inMemory();
    private TestServer test;

    @BeforeEach
    void start() {
        MemoryDestinationFactory.STORES.remove("ok:saved");
        held.execute("CREATE SCHEMA IF NOT EXISTS ownstack");
        held.ensureTable(CUSTOMERS, List.of(new Column("customer_id", ColumnType.STRING), new Column("email", ColumnType.STRING),
                new Column("country", ColumnType.STRING)), List.of());
        try (RowWriter writer = held.append(CUSTOMERS, List.of("customer_id", "email", "country"))) {
            writer.write(new Object[] {"c1", "ann@example.com", "GB"});
            writer.write(new Object[] {"c2", "bob@example.com", "GB"});
            writer.write(new Object[] {"c3", "cat@example.com", "US"});
        }
        Map<String, String> environment = Map.of("API_KEY", TestServer.API_KEY, "CRM_TOKEN", DestinationApiTest.TOKEN);
        test = TestServer.start(new ProjectConfigLoader(name -> Optional.ofNullable(environment.get(name))).parse(project, "ownstack.yml", """
                warehouse: {type: duckdb, path: ':memory:'}
                server: {bind: 127.0.0.1, port: 0, api-keys: ['${env:API_KEY}']}
                audiences:
                  gb: {rule: {all: [{trait: country, operator: equals, value: GB}]}}
                destinations:
                  crm: {type: memory, url: 'ok:crm', token: '${env:CRM_TOKEN}'}
                syncs:
                  file-sync: {source: {audience: gb}, destination: crm, identifier: customer_id, mapping: {email: email}}
                """), held::openSibling, new Destinations(List.of(new MemoryDestinationFactory())));
    }

    @AfterEach
    void stop() {
        test.close();
        held.close();
    }

    private HttpResponse<String> call(String method, String path, String body) {
        return test.send(test.request(path).header("Authorization", AUTH).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonNode json(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        try {
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode saveDestination() {
        return json(201, call("POST", "/api/destinations",
                "{\"name\": \"saved\", \"type\": \"memory\", \"settings\": {\"url\": \"ok:saved\", \"token\": \"" + SECRET + "\"}}"));
    }

    @Test
    void saves_a_destination_with_its_secret_masked_and_sealed_under_a_key_file_only_its_owner_reads() throws Exception {
        JsonNode created = saveDestination();
        assertEquals("****", created.path("settings").path("token").asText());
        assertTrue(created.path("editable").asBoolean());
        JsonNode list = json(200, call("GET", "/api/destinations", null)).path("destinations");
        assertEquals("crm", list.get(0).path("name").asText());
        assertFalse(list.get(0).path("editable").asBoolean());
        assertEquals("saved", list.get(1).path("name").asText());
        String row = held.queryAll("SELECT settings, secrets FROM ownstack.destinations").rows().get(0)[0] + " "
                + held.queryAll("SELECT settings, secrets FROM ownstack.destinations").rows().get(0)[1];
        assertFalse(row.contains(SECRET), row);
        assertTrue(row.contains("ok:saved"), row);
        Path key = project.resolve(SecretBox.KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        String sealed = (String) held.queryAll("SELECT secrets FROM ownstack.destinations").rows().get(0)[0];
        assertEquals("{\"token\":\"" + SECRET + "\"}", SecretBox.forProject(project, name -> Optional.empty()).open(sealed));
        assertEquals("{\"name\":\"saved\",\"ok\":true,\"message\":\"reached ok:saved\",\"problems\":[]}",
                call("POST", "/api/destinations/saved/check", null).body());
    }

    @Test
    void an_update_without_the_secret_keeps_the_saved_one() {
        saveDestination();
        JsonNode updated = json(200, call("PUT", "/api/destinations/saved",
                "{\"type\": \"memory\", \"settings\": {\"url\": \"ok:saved\", \"token\": \"\", \"format\": \"csv\"}}"));
        assertEquals("csv", updated.path("settings").path("format").asText());
        String sealed = (String) held.queryAll("SELECT secrets FROM ownstack.destinations").rows().get(0)[0];
        assertEquals("{\"token\":\"" + SECRET + "\"}", SecretBox.forProject(project, name -> Optional.empty()).open(sealed));
    }

    @Test
    void refuses_settings_that_do_not_fit_with_the_paths_of_ownstack_yml() {
        JsonNode error = json(400, call("POST", "/api/destinations",
                "{\"name\": \"bad\", \"type\": \"memory\", \"settings\": {\"format\": \"xml\", \"colour\": \"red\"}}"));
        assertEquals("destinations.bad.colour", error.path("path").asText());
        assertEquals(List.of("destinations.bad.colour", "destinations.bad.url", "destinations.bad.token", "destinations.bad.format"),
                error.path("problems").findValuesAsText("path"));
        assertEquals("destinations.bad.type", json(400, call("POST", "/api/destinations", "{\"name\": \"bad\", \"type\": \"fax\"}")).path("path").asText());
        assertEquals(409, call("POST", "/api/destinations", "{\"name\": \"crm\", \"type\": \"memory\"}").statusCode());
        assertEquals(409, call("PUT", "/api/destinations/crm", "{\"type\": \"memory\"}").statusCode());
        assertEquals(409, call("DELETE", "/api/destinations/crm", null).statusCode());
        assertEquals(400, call("POST", "/api/destinations", "{\"name\": \"9 bad\", \"type\": \"memory\"}").statusCode());
    }

    @Test
    void checks_unsaved_settings_before_saving() {
        JsonNode ok = json(200, call("POST", "/api/destinations/check",
                "{\"type\": \"memory\", \"settings\": {\"url\": \"ok:new\", \"token\": \"t\"}}"));
        assertTrue(ok.path("ok").asBoolean(), ok.toString());
        JsonNode bad = json(200, call("POST", "/api/destinations/check", "{\"type\": \"memory\", \"settings\": {\"url\": \"ok:new\"}}"));
        assertFalse(bad.path("ok").asBoolean());
        assertEquals("[\"destinations.unsaved.token: required (The API token.)\"]", bad.path("problems").toString());
        saveDestination();
        JsonNode kept = json(200, call("POST", "/api/destinations/check", "{\"name\": \"saved\", \"type\": \"memory\", \"settings\": {\"url\": \"ok:x\"}}"));
        assertTrue(kept.path("ok").asBoolean(), kept.toString());
    }

    @Test
    void saves_a_sync_of_an_audience_runs_it_schedules_it_and_deletes_it() {
        saveDestination();
        JsonNode created = json(201, call("POST", "/api/syncs", """
                {"name": "gb-saved", "source": {"audience": "gb"}, "destination": "saved", "identifier": "customer_id",
                 "mapping": {"email": "email", "country": "country"}, "mode": "mirror", "schedule": "0 3 * * *"}"""));
        assertTrue(created.path("editable").asBoolean());
        assertEquals("[\"email\",\"country\"]", JSON.valueToTree(names(created.path("mapping").fieldNames())).toString());
        assertTrue(created.path("nextRunAt").asText().endsWith("T03:00:00Z"), created.toString());
        JsonNode syncs = json(200, call("GET", "/api/syncs", null)).path("syncs");
        assertEquals(2, syncs.size());
        assertFalse(syncs.get(0).path("editable").asBoolean());
        JsonNode preview = json(200, call("GET", "/api/syncs/gb-saved/preview", null));
        assertEquals(2, preview.path("adds").size(), preview.toString());
        JsonNode run = json(200, call("POST", "/api/syncs/gb-saved/run", null));
        assertEquals(2, run.path("added").asInt(), run.toString());
        assertEquals("ann@example.com", MemoryDestinationFactory.STORES.get("ok:saved").get("c1").get("email"));
        assertEquals(409, call("DELETE", "/api/destinations/saved", null).statusCode());

        JsonNode updated = json(200, call("PUT", "/api/syncs/gb-saved", """
                {"source": {"audience": "gb"}, "destination": "saved", "identifier": "customer_id", "mapping": {"email": "email"}}"""));
        assertEquals("upsert", updated.path("mode").asText());
        assertTrue(updated.path("nextRunAt").isNull(), updated.toString());
        assertEquals(1, updated.path("lastRun").path("id").asInt(), updated.toString());

        assertEquals(204, call("DELETE", "/api/syncs/gb-saved", null).statusCode());
        assertEquals(404, call("GET", "/api/syncs/gb-saved", null).statusCode());
        assertEquals(204, call("DELETE", "/api/destinations/saved", null).statusCode());
        assertEquals(1, json(200, call("GET", "/api/destinations", null)).path("destinations").size());
    }

    @Test
    void refuses_syncs_that_do_not_fit_with_the_paths_of_ownstack_yml() {
        JsonNode error = json(400, call("POST", "/api/syncs", """
                {"name": "s", "source": {"audience": "gb"}, "destination": "nowhere", "identifier": "customer_id",
                 "mapping": {"email": "email"}, "mode": "sometimes"}"""));
        assertEquals("[\"syncs.s.destination\",\"syncs.s.mode\"]", JSON.valueToTree(error.path("problems").findValuesAsText("path")).toString());
        assertEquals("syncs.s.source.query", json(400, call("POST", "/api/syncs", """
                {"name": "s", "source": {"query": "select 1 as id"}, "destination": "crm", "identifier": "id", "mapping": {"id": "id"}}"""))
                .path("path").asText());
        assertEquals("syncs.s.source.audience", json(400, call("POST", "/api/syncs", """
                {"name": "s", "source": {"audience": "nope"}, "destination": "crm", "identifier": "id", "mapping": {"id": "id"}}"""))
                .path("path").asText());
        assertEquals(409, call("PUT", "/api/syncs/file-sync", "{}").statusCode());
        assertEquals(404, call("PUT", "/api/syncs/other", "{}").statusCode());
    }

    private static <T> List<T> names(java.util.Iterator<T> iterator) {
        List<T> list = new java.util.ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
