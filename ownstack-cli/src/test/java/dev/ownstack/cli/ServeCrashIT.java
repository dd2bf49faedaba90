package dev.ownstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills {@code ownstack serve} with SIGKILL twice while clients send more than 100,000 events, and
 * checks that every event that was acknowledged with a 200 is in {@code raw.events} exactly once.
 * Clients behave like the SDKs: a batch that got no 200 is sent again, with the same message ids.
 * Runs the real jar in its own process, so it is an integration test.
 */
class ServeCrashIT {
    private static final String WRITE_KEY = "crash-test-write-key";
    private static final int CLIENTS = 4;
    private static final int BATCH = 100;
    private static final int TOTAL_EVENTS = 120_000;

    @TempDir
    Path project;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong acknowledgedCount = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();

    @Test
    void every_acknowledged_event_lands_exactly_once_across_two_kills() throws Exception {
        Files.writeString(project.resolve("ownstack.yml"), """
                version: 1
                warehouse: {type: duckdb, path: warehouse.duckdb}
                sources:
                  app: {type: events, write-keys: [%s]}
                server: {bind: 127.0.0.1}
                collector: {load-interval: 300ms}
                """.formatted(WRITE_KEY));
        int port = ServeProcess.freePort();
        ServeProcess server = startServer(port, 1);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Thread thread = new Thread(() -> sendAll(port, client), "client-" + c);
            thread.start();
            clients.add(thread);
        }
        try {
            awaitAcknowledged(30_000);
            server.kill();
            server = startServer(port, 2);
            awaitAcknowledged(75_000);
            server.kill();
            server = startServer(port, 3);
            for (Thread client : clients) {
                client.join(Duration.ofMinutes(5).toMillis());
            }
            assertEquals(TOTAL_EVENTS, acknowledgedCount.get(), "every batch was eventually acknowledged");
            assertTrue(failedAttempts.get() > 0, "the kills must have hit requests in flight");
            awaitLanded(Duration.ofMinutes(3));
        } finally {
            server.close();
        }
        try (Warehouse warehouse = openWarehouse()) {
            assertEquals(0L, ((Number) warehouse.queryAll("SELECT count(*) FROM (SELECT message_id FROM raw.events"
                    + " GROUP BY source, message_id HAVING count(*) > 1) AS duplicates").singleValue()).longValue(),
                    "no event is in raw.events twice");
            Set<String> landed = new HashSet<>();
            for (Object[] row : warehouse.queryAll("SELECT message_id FROM raw.events WHERE source = 'app'").rows()) {
                landed.add((String) row[0]);
            }
            Set<String> missing = new HashSet<>(acknowledged);
            missing.removeAll(landed);
            assertTrue(missing.isEmpty(), missing.size() + " acknowledged events are missing, e.g. " + missing.stream().limit(5).toList());
            assertEquals(TOTAL_EVENTS, landed.size(), "nothing but the sent events landed");
        }
    }

    private void sendAll(int port, int client) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/v1/batch");
        String auth = "Basic " + Base64.getEncoder().encodeToString((WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));
        for (int batch = 0; batch < TOTAL_EVENTS / BATCH / CLIENTS; batch++) {
            List<String> ids = new ArrayList<>();
            StringBuilder body = new StringBuilder("{\"batch\":[");
            for (int i = 0; i < BATCH; i++) {
                String id = "c" + client + "-b" + batch + "-e" + i;
                ids.add(id);
                body.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"Crash Tested\",\"userId\":\"u")
                        .append(i % 13).append("\",\"messageId\":\"").append(id).append("\",\"properties\":{\"i\":").append(i)
                        .append("}}");
            }
            byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            while (true) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                            .header("Authorization", auth).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200 && response.body().contains("\"success\":true")) {
                        acknowledged.addAll(ids);
                        acknowledgedCount.addAndGet(ids.size());
                        break;
                    }
                    failedAttempts.incrementAndGet();
                } catch (IOException e) {
                    failedAttempts.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                sleep(50);
            }
        }
    }

    private ServeProcess startServer(int port, int run) throws IOException {
        return ServeProcess.start(ServeProcess.packagedJar(), project, port, List.of("-Xmx512m"), project.resolve("server-" + run + ".log"));
    }

    private void awaitAcknowledged(long count) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (acknowledgedCount.get() < count) {
            assertTrue(System.nanoTime() < deadline, "clients stalled at " + acknowledgedCount.get() + " acknowledged events");
            sleep(5);
        }
    }

    /** Waits until every acknowledged event is in raw.events, reading between the loader's batches. */
    private void awaitLanded(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long landed = -1;
        while (System.nanoTime() < deadline) {
            try (Warehouse warehouse = openWarehouse()) {
                if (warehouse.describe(new dev.ownstack.core.table.TableName("raw", "events")).isPresent()) {
                    landed = ((Number) warehouse.queryAll("SELECT count(DISTINCT message_id) FROM raw.events").singleValue()).longValue();
                    if (landed >= TOTAL_EVENTS) {
                        return;
                    }
                }
            }
            sleep(500);
        }
        throw new AssertionError("only " + landed + " of " + TOTAL_EVENTS + " events landed in time");
    }

    private Warehouse openWarehouse() {
        return DuckDbWarehouse.open(project.resolve("warehouse.duckdb").toString(), Duration.ofSeconds(60), message -> { });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
