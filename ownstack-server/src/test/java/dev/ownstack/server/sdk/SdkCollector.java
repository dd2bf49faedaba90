package dev.ownstack.server.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.ProjectConfigLoader;
import dev.ownstack.server.OwnstackServer;
import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.Warehouses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real {@code ownstack serve} collector for the SDK tests: an event source {@code sdk} with a
 * write key, loading every 200 ms into a fresh PostgreSQL database, listening on a free port of
 * 127.0.0.1. {@link #awaitRows} reads {@code raw.events} over its own connection.
 */
final class SdkCollector implements AutoCloseable {
    static final String WRITE_KEY = "sdk-test-write-key";
    private static final String API_KEY = "sdk-test-api-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PostgresTestDatabase database;
    private final OwnstackServer server;

    private SdkCollector(PostgresTestDatabase database, OwnstackServer server) {
        this.database = database;
        this.server = server;
    }

    /** Starts a collector whose source admits the given browser origins ({@code *} for any). */
    static SdkCollector start(Path folder, List<String> allowedOrigins) throws IOException {
        PostgresTestDatabase database = PostgresTestDatabase.create();
        var pg = database.config();
        String origins = String.join(", ", allowedOrigins.stream().map(origin -> "\"" + origin + "\"").toList());
        Files.writeString(folder.resolve("ownstack.yml"), """
                version: 1
                warehouse: {type: postgres, host: %s, port: %d, database: %s, user: %s, password: "${env:PG_PASSWORD}"}
                sources:
                  sdk: {type: events, write-keys: [%s], allowed-origins: [%s]}
                server: {bind: 127.0.0.1, port: 0, api-keys: [%s]}
                collector: {load-interval: 200ms}
                """.formatted(pg.host(), pg.port(), pg.database(), pg.user(), WRITE_KEY, origins, API_KEY));
        ProjectConfig config = new ProjectConfigLoader(name -> name.equals("PG_PASSWORD")
                ? Optional.of(database.password()) : Optional.empty()).load(folder);
        OwnstackServer server = OwnstackServer.serve(config, () -> openWarehouse(config));
        return new SdkCollector(database, server);
    }

    private static Warehouse openWarehouse(ProjectConfig config) {
        return Warehouses.open(config.warehouse(), message -> { });
    }

    int port() {
        return server.port();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    /** How many collector requests went to each endpoint (by its long name, so /v1/b counts as batch). */
    Map<String, Long> requestsByEndpoint() throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url() + "/metrics")).header("Authorization", "Bearer " + API_KEY)
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        Map<String, Long> requests = new HashMap<>();
        java.util.regex.Matcher line = java.util.regex.Pattern.compile(
                "^ownstack_collector_requests_total\\{endpoint=\"(\\w+)\",status=\"200\"} (\\d+)", java.util.regex.Pattern.MULTILINE)
                .matcher(metrics.body());
        while (line.find()) {
            requests.merge(line.group(1), Long.parseLong(line.group(2)), Long::sum);
        }
        return requests;
    }

    /**
     * Waits until every message id is in {@code raw.events}, then returns the rows by message id;
     * fails when one is missing after the timeout or any is there twice.
     */
    Map<String, Row> awaitRows(Collection<String> messageIds, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Row> rows = Map.of();
        while (System.nanoTime() < deadline) {
            rows = rows(messageIds);
            if (rows.size() == messageIds.size()) {
                return rows;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("only " + rows.size() + " of " + messageIds.size() + " events landed in raw.events within "
                + timeout.toSeconds() + " s");
    }

    private Map<String, Row> rows(Collection<String> messageIds) throws SQLException, IOException {
        Map<String, Row> rows = new HashMap<>();
        try (Connection connection = database.connection()) {
            if (!connection.getMetaData().getTables(null, "raw", "events", null).next()) {
                return rows;
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT message_id, source, type, event, name, user_id,"
                    + " anonymous_id, original_timestamp, timestamp, sent_at, received_at, ip, properties::text, traits::text,"
                    + " context::text FROM raw.events WHERE message_id = ANY (?)")) {
                statement.setArray(1, connection.createArrayOf("text", messageIds.toArray()));
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        Row row = new Row(result.getString(1), result.getString(2), result.getString(3), result.getString(4),
                                result.getString(5), result.getString(6), result.getString(7),
                                result.getObject(8, OffsetDateTime.class), result.getObject(9, OffsetDateTime.class),
                                result.getObject(10, OffsetDateTime.class), result.getObject(11, OffsetDateTime.class),
                                result.getString(12), tree(result.getString(13)), tree(result.getString(14)), tree(result.getString(15)));
                        if (rows.put(row.messageId(), row) != null) {
                            throw new AssertionError("message " + row.messageId() + " is in raw.events more than once");
                        }
                    }
                }
            }
        }
        return rows;
    }

    private static JsonNode tree(String text) throws IOException {
        return text == null ? null : JSON.readTree(text);
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            database.close();
        }
    }

    /** One row of raw.events, with its JSON columns parsed. */
    record Row(String messageId, String source, String type, String event, String name, String userId, String anonymousId,
               OffsetDateTime originalTimestamp, OffsetDateTime timestamp, OffsetDateTime sentAt, OffsetDateTime receivedAt,
               String ip, JsonNode properties, JsonNode traits, JsonNode context) {
    }
}
