package dev.ownstack.server.syncs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.server.TestServer;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sync routes against a real server, an in-memory warehouse it opens siblings of, and a destination held in memory. */
class SyncApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Bearer " + TestServer.API_KEY;
    private static final TableName PEOPLE = new TableName("model", "people");

    private final Warehouse held = DuckDbWarehouse.inMemory();
    private TestServer test;

    @BeforeEach
    void start() {
        MemoryDestinationFactory.STORES.remove("ok:crm");
        // The server's event loader creates this schema when it starts; two connections creating it at once conflict in DuckDB.
        held.execute("CREATE SCHEMA IF NOT EXISTS ownstack");
        held.ensureTable(PEOPLE, List.of(new Column("id", ColumnType.STRING), new Column("email", ColumnType.STRING)), List.of());
        try (RowWriter writer = held.append(PEOPLE, List.of("id", "email"))) {
            for (int i = 1; i <= 10; i++) {
                writer.write(new Object[] {"p" + i, i == 10 ? "reject@example.com" : "p" + i + "@example.com"});
            }
        }
        test = TestServer.start(DestinationApiTest.project("""
                  mirror: {source: {query: 'select id, email from model.people'}, destination: crm, identifier: id,
                           mapping: {email: email}, mode: mirror, schedule: '0 3 * * *'}
                """), held::openSibling, new Destinations(List.of(new MemoryDestinationFactory())));
    }

    @AfterEach
    void stop() {
        test.close();
        held.close();
    }

    private HttpResponse<String> call(String method, String path) {
        return test.send(test.request(path).header("Authorization", AUTH).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Map<String, Object>> destination() {
        return new TreeMap<>(MemoryDestinationFactory.STORES.getOrDefault("ok:crm", Map.of()));
    }

    @Test
    void lists_the_syncs_of_the_file_with_their_trigger_and_last_run() {
        JsonNode syncs = ok(call("GET", "/api/syncs")).path("syncs");
        assertEquals(2, syncs.size());
        JsonNode mirror = syncs.get(1);
        assertEquals("mirror", mirror.path("name").asText());
        assertEquals("select id, email from model.people", mirror.path("source").path("query").asText());
        assertEquals("{\"type\":\"schedule\",\"schedule\":\"0 3 * * *\"}", mirror.path("trigger").toString());
        assertTrue(mirror.path("nextRunAt").asText().endsWith("T03:00:00Z"), mirror.toString());
        assertTrue(mirror.path("lastRun").isNull());
        assertEquals(0.2, mirror.path("guardrails").path("maxChangeShare").asDouble());
        assertEquals("manual", syncs.get(0).path("trigger").path("type").asText());

        ok(call("POST", "/api/syncs/mirror/run"));
        JsonNode one = ok(call("GET", "/api/syncs/mirror"));
        assertEquals("partial", one.path("lastRun").path("status").asText());
    }

    @Test
    void runs_a_sync_and_keeps_its_rejected_records() {
        JsonNode run = ok(call("POST", "/api/syncs/mirror/run"));
        assertEquals("partial", run.path("status").asText(), run.toString());
        assertEquals(9, run.path("added").asLong());
        assertEquals(1, run.path("failed").asLong());
        assertEquals(10, run.path("planned").path("adds").asLong());
        assertEquals(9, destination().size());

        JsonNode errors = ok(call("GET", "/api/syncs/mirror/errors")).path("errors");
        assertEquals(1, errors.size());
        assertEquals("p10", errors.get(0).path("key").asText());
        assertEquals("invalid email address", errors.get(0).path("message").asText());
        assertEquals("permanent", errors.get(0).path("errorClass").asText());

        JsonNode runs = ok(call("GET", "/api/syncs/mirror/runs?limit=5")).path("runs");
        assertEquals(1, runs.size());
        assertEquals(run.path("id").asLong(), runs.get(0).path("id").asLong());
    }

    @Test
    void a_dry_run_and_a_preview_send_nothing() {
        JsonNode dry = ok(call("POST", "/api/syncs/mirror/run?dryRun=true"));
        assertEquals("dry_run", dry.path("status").asText());
        assertEquals(10, dry.path("planned").path("adds").asLong());
        JsonNode preview = ok(call("GET", "/api/syncs/mirror/preview?sample=2"));
        assertEquals(10, preview.path("planned").path("adds").asLong());
        assertEquals(2, preview.path("adds").size());
        assertEquals("p1", preview.path("adds").get(0).path("key").asText());
        assertEquals("p1@example.com", preview.path("adds").get(0).path("fields").path("email").asText());
        assertEquals(Map.of(), destination());
    }

    @Test
    void a_run_that_would_remove_too_much_waits_for_approval_and_approving_sends_exactly_the_removals() {
        ok(call("POST", "/api/syncs/mirror/run"));
        held.execute("delete from model.people where id in ('p1', 'p2', 'p3', 'p4', 'p5')");
        JsonNode stopped = ok(call("POST", "/api/syncs/mirror/run"));
        assertEquals("awaiting_approval", stopped.path("status").asText(), stopped.toString());
        assertEquals(5, stopped.path("planned").path("removes").asLong());
        assertEquals(9, destination().size());

        JsonNode approved = ok(call("POST", "/api/sync-runs/" + stopped.path("id").asLong() + "/approve"));
        assertEquals(stopped.path("id").asLong(), approved.path("approves").asLong());
        assertEquals(5, approved.path("removed").asLong());
        assertEquals(List.of("p6", "p7", "p8", "p9"), List.copyOf(destination().keySet()));

        HttpResponse<String> again = call("POST", "/api/sync-runs/" + stopped.path("id").asLong() + "/approve");
        assertEquals(409, again.statusCode(), again.body());

        // each run and approval is audited with its run (partial: the destination rejects p10's address)
        List<String> audited = new java.util.ArrayList<>();
        for (JsonNode entry : ok(call("GET", "/api/audit")).path("entries")) {
            audited.add(entry.path("actor").asText() + " " + entry.path("action").asText() + " " + entry.path("target").asText() + " "
                    + entry.path("outcome").asText() + " " + entry.path("detail").path("runId").asText("-") + " "
                    + entry.path("detail").path("status").asText("-"));
        }
        long id = stopped.path("id").asLong();
        assertEquals(List.of("api-key sync.approve " + id + " CONFLICT - -", "api-key sync.approve " + id + " success " + approved.path("id").asLong()
                + " partial", "api-key sync.run mirror success " + id + " awaiting_approval", "api-key sync.run mirror success 1 partial"),
                audited);
    }

    @Test
    void answers_unknown_syncs_runs_and_bad_parameters_in_the_api_shape() {
        HttpResponse<String> unknown = call("POST", "/api/syncs/nope/run");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("no sync named 'nope'; defined: vip-to-crm, mirror"), unknown.body());
        assertEquals(404, call("POST", "/api/sync-runs/999/approve").statusCode());
        HttpResponse<String> badId = call("POST", "/api/sync-runs/abc/approve");
        assertEquals(400, badId.statusCode(), badId.body());
        assertEquals(400, call("GET", "/api/syncs/mirror/runs?limit=0").statusCode());
        assertEquals(400, call("POST", "/api/syncs/mirror/run?dryRun=yes").statusCode());
        assertEquals(401, test.send(test.request("/api/syncs").GET().build()).statusCode());
    }

    @Test
    void after_build_starts_only_after_build_syncs() {
        HttpResponse<String> response = call("POST", "/api/syncs/after-build");
        assertEquals(202, response.statusCode(), response.body());
        assertEquals("{\"started\":[]}", response.body());
    }
}
