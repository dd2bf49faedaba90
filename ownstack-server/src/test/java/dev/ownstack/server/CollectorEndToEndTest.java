package dev.ownstack.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.config.CollectorConfig;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.Secret;
import dev.ownstack.core.config.ServerConfig;
import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.config.WarehouseConfig;
import dev.ownstack.warehouse.QueryResult;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch over HTTP, through the file log and the loader, into {@code raw.events} of a DuckDB file. */
class CollectorEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_KEY = "end-to-end-api-key-0123";

    @TempDir
    Path project;

    private final HttpClient client = HttpClient.newHttpClient();

    private Warehouse warehouse() {
        return DuckDbWarehouse.open(project.resolve("warehouse.duckdb").toString(), Duration.ofSeconds(20), message -> {
        });
    }

    private ProjectConfig config() {
        CollectorConfig defaults = CollectorConfig.defaults(project);
        CollectorConfig collector = new CollectorConfig(defaults.logDirectory(), Duration.ofMillis(100), defaults.loadBatchEvents(),
                defaults.dedupWindow(), defaults.maxEventBytes(), defaults.maxRequestBytes(), defaults.maxBatchEvents(),
                defaults.maxBacklogBytes(), Optional.empty());
        return new ProjectConfig(project, "e2e", new WarehouseConfig.DuckDb(project.resolve("warehouse.duckdb").toString()),
                Map.of("app", new SourceConfig.Events("app", List.of("app-write-key"), List.of("*"))),
                new ServerConfig("127.0.0.1", 0, List.of(Secret.literal(API_KEY)), List.of()), collector, Optional.empty(), Optional.empty(), List.of());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void lands_a_posted_batch_in_raw_events_with_its_columns() throws Exception {
        String batch = """
                {"writeKey":"app-write-key","sentAt":"2026-11-26T10:00:05.000Z","context":{"library":{"name":"analytics-java"}},
                 "batch":[
                  {"type":"track","event":"Order Completed","userId":"u-1","messageId":"m-1",
                   "timestamp":"2026-11-26T10:00:00.000Z","properties":{"total":12.5,"items":["a","b"]},
                   "context":{"userAgent":"Mozilla/5.0"}},
                  {"type":"identify","anonymousId":"a-9","messageId":"m-2","traits":{"plan":"pro"}},
                  {"type":"track","event":"No One","messageId":"m-3"}
                 ]}""";
        Instant before = Instant.now();
        try (OwnstackServer server = OwnstackServer.serve(config(), this::warehouse)) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/v1/import/"))
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(batch)).build());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("{\"success\":true}", response.body());

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            String metrics = "";
            while (System.nanoTime() < deadline && !metrics.contains("ownstack_collector_events_loaded_total 2\n")) {
                Thread.sleep(50);
                metrics = send(HttpRequest.newBuilder(base.resolve("/metrics")).header("Authorization", "Bearer " + API_KEY).build()).body();
            }
            assertTrue(metrics.contains("ownstack_collector_events_loaded_total 2\n"), metrics);
            assertTrue(metrics.contains("ownstack_collector_events_accepted_total{source=\"app\"} 2\n"), metrics);
            assertTrue(metrics.contains("ownstack_collector_events_rejected_total{source=\"app\"} 1\n"), metrics);
            JsonNode status = JSON.readTree(send(HttpRequest.newBuilder(base.resolve("/api/v1/status"))
                    .header("Authorization", "Bearer " + API_KEY).build()).body());
            assertEquals(2, status.path("loader").path("eventsLoaded").asLong());
            assertTrue(status.path("log").path("id").asText().startsWith("file:"), status.toString());
        }

        try (Warehouse warehouse = warehouse()) {
            QueryResult rows = warehouse.queryAll("""
                    SELECT message_id, source, type, event, user_id, anonymous_id, ip, user_agent,
                           CAST(properties AS VARCHAR), CAST(traits AS VARCHAR), CAST(context AS VARCHAR),
                           original_timestamp, sent_at, received_at, "timestamp"
                    FROM raw.events ORDER BY message_id""");
            assertEquals(2, rows.rows().size());
            Object[] track = rows.rows().get(0);
            assertEquals(List.of("m-1", "app", "track", "Order Completed", "u-1", "127.0.0.1", "Mozilla/5.0"),
                    List.of(track[0], track[1], track[2], track[3], track[4], track[6], track[7]));
            assertEquals(null, track[5]);
            assertEquals(JSON.readTree("{\"total\":12.5,\"items\":[\"a\",\"b\"]}"), JSON.readTree((String) track[8]));
            JsonNode context = JSON.readTree((String) track[10]);
            assertEquals("analytics-java", context.path("library").path("name").asText(), "the envelope's context is merged in");
            assertEquals("127.0.0.1", context.path("ip").asText());
            assertEquals(Instant.parse("2026-11-26T10:00:00Z"), instant(track[11]));
            assertEquals(Instant.parse("2026-11-26T10:00:05Z"), instant(track[12]));
            Instant receivedAt = instant(track[13]);
            assertTrue(!receivedAt.isBefore(before.minusSeconds(1)) && !receivedAt.isAfter(Instant.now()), receivedAt.toString());
            assertEquals(receivedAt.minusSeconds(5), instant(track[14]), "timestamp corrected for the client's clock");

            Object[] identify = rows.rows().get(1);
            assertEquals(List.of("m-2", "app", "identify", "a-9"), List.of(identify[0], identify[1], identify[2], identify[5]));
            assertEquals(JSON.readTree("{\"plan\":\"pro\"}"), JSON.readTree((String) identify[9]));

            QueryResult rejects = warehouse.queryAll("SELECT source, message_id, reason FROM ownstack.event_rejects");
            assertEquals(1, rejects.rows().size());
            assertEquals("app", rejects.rows().get(0)[0]);
            assertEquals("m-3", rejects.rows().get(0)[1]);
            assertTrue(((String) rejects.rows().get(0)[2]).contains("userId"), (String) rejects.rows().get(0)[2]);
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Instant time) {
            return time;
        }
        throw new AssertionError("not a timestamp: " + value + " (" + (value == null ? "null" : value.getClass()) + ")");
    }
}
