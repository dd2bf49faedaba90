package dev.ownstack.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.config.CollectorConfig;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.ProjectConfigLoader;
import dev.ownstack.ingest.events.EventLoader;
import dev.ownstack.ingest.events.kafka.KafkaEventLog;
import dev.ownstack.ingest.events.kafka.KafkaLogSettings;
import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.Warehouses;
import dev.ownstack.ingest.events.kafka.KafkaTestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out with Kafka, end to end: a project whose {@code collector.kafka} names a topic of an
 * in-process one-broker cluster, two collector nodes on that topic (one started as
 * {@code ownstack serve} starts it, with the loader; one stateless, without), batches posted to
 * both over HTTP (retries included), and every acknowledged event in PostgreSQL's
 * {@code raw.events} exactly once. Then the loader node stops, the stateless node keeps
 * accepting, and a new loader node resumes from the position stored in the warehouse.
 */
class KafkaCollectorIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "collector-it-events";
    private static final String API_KEY = "kafka-collector-it-api-key";
    private static final Map<String, String> WRITE_KEYS = Map.of("web", "web-write-key-kafka", "backend", "backend-write-key-kafka");
    private static final int EVENTS_PER_BATCH = 20;
    /** The broker logs every partition and segment at INFO; only its warnings belong in the test output. Held: JUL keeps loggers weakly. */
    private static final List<Logger> QUIET_LOGGERS = List.of(Logger.getLogger("kafka"), Logger.getLogger("org.apache.kafka"),
            Logger.getLogger("state.change.logger"));

    private static KafkaTestCluster cluster;

    @TempDir
    Path project;

    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void startCluster() throws Exception {
        QUIET_LOGGERS.forEach(logger -> logger.setLevel(Level.WARNING));
        cluster = KafkaTestCluster.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void collector_nodes_sharing_a_topic_land_every_acknowledged_event_once_and_a_new_loader_resumes_where_the_last_stopped()
            throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
            ProjectConfig config = writeConfig(database);
            CollectorConfig collector = config.collector();
            CollectorConfig.Kafka kafka = collector.kafka().orElseThrow();
            assertEquals(TOPIC, kafka.topic());

            Map<String, Event> expected = new HashMap<>();
            long records = 0;
            Node loaderNode = new Node(OwnstackServer.serve(config, () -> warehouse(config)));
            try (OwnstackServer stateless = OwnstackServer.start(new ServerSettings(config,
                    KafkaEventLog.open(kafka, KafkaLogSettings.forCollector(collector)), Optional.empty(), Clock.systemUTC()))) {
                Node collectorNode = new Node(stateless);
                try {
                    // Ten batches, alternately to each node and from each source, all at once.
                    List<Batch> batches = new ArrayList<>();
                    List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        Batch batch = batch("first-" + i, i % 2 == 0 ? "web" : "backend");
                        batches.add(batch);
                        posts.add(post(i % 2 == 0 ? loaderNode : collectorNode, batch));
                    }
                    // A batch with an event that has neither userId nor anonymousId: acknowledged, its bad event rejected.
                    Batch withReject = batch("with-reject", "web");
                    ObjectNode bad = (ObjectNode) withReject.body().path("batch").get(3);
                    bad.remove("userId");
                    posts.add(post(collectorNode, withReject));
                    acknowledged(posts);
                    batches.forEach(batch -> expected.putAll(batch.events()));
                    expected.putAll(withReject.events());
                    expected.remove(bad.path("messageId").asText());
                    records += 11L * EVENTS_PER_BATCH;

                    // Retries after a lost answer: to the same node (each of them), and to the other node.
                    acknowledged(List.of(post(loaderNode, batches.get(0)), post(collectorNode, batches.get(1)),
                            post(collectorNode, batches.get(2))));
                    records += 3L * EVENTS_PER_BATCH;

                    awaitLoadedThrough(database, records);
                    assertEquals(expected, rows(database), "raw.events holds each acknowledged event once");
                    assertEquals(List.of(List.of("web", bad.path("messageId").asText())),
                            query(database, "SELECT source, message_id FROM ownstack.event_rejects"));
                    JsonNode statelessStatus = status(collectorNode);
                    assertEquals("kafka:" + TOPIC, statelessStatus.path("log").path("id").asText());
                    assertEquals(false, statelessStatus.path("loader").path("running").asBoolean(true), statelessStatus.toString());
                    assertEquals(expected.size(), status(loaderNode).path("loader").path("eventsLoaded").asLong());

                    // The loader node stops; the stateless node keeps acknowledging into the topic meanwhile.
                    loaderNode.server().close();
                    Batch whileNoLoader = batch("no-loader", "backend");
                    acknowledged(List.of(post(collectorNode, whileNoLoader)));
                    expected.putAll(whileNoLoader.events());
                    records += EVENTS_PER_BATCH;
                    List<List<Object>> positionsBefore = positions(database);

                    // A new loader node on the same topic, whose loader the test can ask what it did.
                    KafkaEventLog log = KafkaEventLog.open(kafka, KafkaLogSettings.forCollector(collector));
                    EventLoader loader = new EventLoader(log, () -> warehouse(config), EventLoader.Options.from(collector), Clock.systemUTC());
                    loaderNode = new Node(OwnstackServer.start(new ServerSettings(config, log, Optional.of(loader), Clock.systemUTC())));
                    Batch afterRestart = batch("after-restart", "web");
                    acknowledged(List.of(post(loaderNode, afterRestart)));
                    acknowledged(List.of(post(collectorNode, afterRestart)));
                    expected.putAll(afterRestart.events());
                    records += 2L * EVENTS_PER_BATCH;

                    awaitLoadedThrough(database, records);
                    assertEquals(expected, rows(database));
                    EventLoader.Stats stats = awaitRecordsTaken(loader, 3L * EVENTS_PER_BATCH);
                    assertEquals(List.of(2L * EVENTS_PER_BATCH, (long) EVENTS_PER_BATCH, 0L),
                            List.of(stats.loaded(), stats.duplicates(), stats.rejects()),
                            "the new loader took only the records after the stored position: " + stats
                                    + "; positions when it started: " + positionsBefore);
                    List<List<Object>> positions = positions(database);
                    for (List<Object> position : positions) {
                        assertEquals("kafka:" + TOPIC, position.get(0), "positions are kept per log: " + position);
                    }
                    assertTrue(positions.size() > 1, "the records spread over more than one partition: " + positions);
                } finally {
                    loaderNode.server().close();
                }
            }
        }
    }

    private ProjectConfig writeConfig(PostgresTestDatabase database) throws Exception {
        var pg = database.config();
        Files.writeString(project.resolve("ownstack.yml"), """
                version: 1
                warehouse: {type: postgres, host: %s, port: %d, database: %s, user: %s, password: "${env:PG_PASSWORD}", ssl-mode: disable}
                sources:
                  web: {type: events, write-keys: [%s]}
                  backend: {type: events, write-keys: [%s]}
                server: {bind: 127.0.0.1, port: 0, api-keys: [%s]}
                collector:
                  load-interval: 100ms
                  kafka:
                    bootstrap-servers: "%s"
                    topic: %s
                    # Small producer batches make the sticky partitioner move on after a few requests, so the records
                    # of this test spread over the topic's three partitions rather than fill one.
                    properties: {batch.size: "2048"}
                """.formatted(pg.host(), pg.port(), pg.database(), pg.user(), WRITE_KEYS.get("web"), WRITE_KEYS.get("backend"),
                API_KEY, cluster.bootstrapServers(), TOPIC));
        return new ProjectConfigLoader(name -> name.equals("PG_PASSWORD") ? Optional.of(database.password()) : Optional.empty())
                .load(project);
    }

    private static Warehouse warehouse(ProjectConfig config) {
        return Warehouses.open(config.warehouse(), message -> { });
    }

    /** A collector node and its base URL. */
    private record Node(OwnstackServer server) {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + server.port() + path);
        }
    }

    /** What a row of {@code raw.events} must say about an event. */
    private record Event(String source, String type, String event) {
    }

    /** A {@code /v1/batch} body from one source, and the events it should land, by message id. */
    private record Batch(String source, ObjectNode body, Map<String, Event> events) {
        Batch {
            events = Map.copyOf(events);
        }
    }

    /** Track, identify and page events in turn, with message ids {@code <prefix>-<n>}. */
    private static Batch batch(String prefix, String source) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("context").putObject("library").put("name", "kafka-collector-it");
        ArrayNode items = body.putArray("batch");
        Map<String, Event> events = new HashMap<>();
        for (int n = 0; n < EVENTS_PER_BATCH; n++) {
            String messageId = prefix + "-" + n;
            ObjectNode item = items.addObject().put("messageId", messageId).put("userId", "user-" + n);
            switch (n % 3) {
                case 0 -> {
                    String name = n % 2 == 0 ? "Order Completed" : "Product Viewed";
                    item.put("type", "track").put("event", name).putObject("properties").put("n", n);
                    events.put(messageId, new Event(source, "track", name));
                }
                case 1 -> {
                    item.put("type", "identify").putObject("traits").put("plan", "pro");
                    events.put(messageId, new Event(source, "identify", null));
                }
                default -> {
                    item.put("type", "page").put("name", "Pricing");
                    events.put(messageId, new Event(source, "page", null));
                }
            }
        }
        return new Batch(source, body, events);
    }

    private CompletableFuture<HttpResponse<String>> post(Node node, Batch batch) {
        String credentials = Base64.getEncoder().encodeToString((WRITE_KEYS.get(batch.source()) + ":").getBytes(StandardCharsets.UTF_8));
        return client.sendAsync(HttpRequest.newBuilder(node.uri("/v1/batch"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofString(batch.body().toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void acknowledged(List<CompletableFuture<HttpResponse<String>>> posts) {
        for (CompletableFuture<HttpResponse<String>> post : posts) {
            HttpResponse<String> response = post.join();
            assertEquals(200, response.statusCode(), response.uri() + ": " + response.body());
            assertEquals("{\"success\":true}", response.body());
        }
    }

    private JsonNode status(Node node) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(node.uri("/api/v1/status"))
                .header("Authorization", "Bearer " + API_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /**
     * Waits until the loader has committed the position after {@code records} records of the
     * topic: the next offsets of its partitions add up to the records appended, since offsets
     * count records and nothing else is written to the topic.
     */
    private static void awaitLoadedThrough(PostgresTestDatabase database, long records) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long loaded = -1;
        SQLException lastFailure = null;
        while (System.nanoTime() < deadline) {
            try {
                List<List<Object>> sum = query(database, "SELECT COALESCE(SUM(next_offset), 0) FROM ownstack.event_log_positions");
                loaded = ((Number) sum.get(0).get(0)).longValue();
                lastFailure = null;
            } catch (SQLException e) {
                lastFailure = e; // the loader has not created its tables yet
            }
            if (loaded == records) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the loader's position covers " + loaded + " of " + records + " records"
                + (lastFailure == null ? "" : "; last query failure: " + lastFailure.getMessage()));
    }

    /** Waits (briefly: the position is already committed) until the loader's totals count {@code records} records. */
    private static EventLoader.Stats awaitRecordsTaken(EventLoader loader, long records) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        EventLoader.Stats stats = loader.stats();
        while (stats.loaded() + stats.duplicates() + stats.rejects() < records && System.nanoTime() < deadline) {
            Thread.sleep(20);
            stats = loader.stats();
        }
        return stats;
    }

    /** The rows of {@code raw.events} by message id; fails when a message id is there twice. */
    private static Map<String, Event> rows(PostgresTestDatabase database) throws SQLException {
        Map<String, Event> rows = new HashMap<>();
        Set<String> twice = new HashSet<>();
        for (List<Object> row : query(database, "SELECT message_id, source, type, event FROM raw.events")) {
            if (rows.put((String) row.get(0), new Event((String) row.get(1), (String) row.get(2), (String) row.get(3))) != null) {
                twice.add((String) row.get(0));
            }
        }
        assertTrue(twice.isEmpty(), "in raw.events more than once: " + twice);
        return rows;
    }

    private static List<List<Object>> positions(PostgresTestDatabase database) throws SQLException {
        return query(database, "SELECT log_id, partition, next_offset FROM ownstack.event_log_positions ORDER BY log_id, partition");
    }

    private static List<List<Object>> query(PostgresTestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    row.add(result.getObject(column));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
