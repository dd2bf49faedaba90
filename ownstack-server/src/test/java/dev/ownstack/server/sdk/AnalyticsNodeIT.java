package dev.ownstack.server.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official {@code @segment/analytics-node} SDK, run by Node.js, delivers to the collector
 * ({@code /v1/batch} with Basic auth and the write key in the body), and every event lands once.
 */
class AnalyticsNodeIT {
    private static final int EVENTS = 400;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void analytics_node_delivers_every_event_exactly_once_with_its_fields() throws Exception {
        Path sdk = SdkPackages.installed();
        try (SdkCollector collector = SdkCollector.start(folder, List.of("*"))) {
            Path out = folder.resolve("sent.jsonl");
            Path err = folder.resolve("node.err");
            Process node = new ProcessBuilder("node", "send-node.mjs", collector.url(), SdkCollector.WRITE_KEY,
                    Integer.toString(EVENTS), "node-run").directory(sdk.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(node.waitFor(90, TimeUnit.SECONDS), "the Node SDK did not finish");
            assertEquals(0, node.exitValue(), () -> "the Node SDK failed: " + read(err));

            List<JsonNode> sent = new ArrayList<>();
            for (String line : Files.readAllLines(out)) {
                sent.add(JSON.readTree(line));
            }
            assertEquals(EVENTS, sent.size(), "the SDK reports every event it delivered");
            Map<String, SdkCollector.Row> rows = collector.awaitRows(sent.stream().map(e -> e.get("messageId").asText()).toList(),
                    Duration.ofSeconds(30));
            for (JsonNode event : sent) {
                SdkCollector.Row row = rows.get(event.get("messageId").asText());
                assertTrue(row.messageId().startsWith("node-next-"), row.messageId());
                assertEquals(event.get("type").asText(), row.type());
                assertEquals(event.get("event").isNull() ? null : event.get("event").asText(), row.event());
                assertEquals(event.get("userId").isNull() ? null : event.get("userId").asText(), row.userId());
                assertEquals(event.get("anonymousId").isNull() ? null : event.get("anonymousId").asText(), row.anonymousId());
                assertEquals(Instant.parse(event.get("timestamp").asText()), row.originalTimestamp().toInstant());
                assertTrue(Duration.between(row.originalTimestamp(), row.timestamp()).abs().toSeconds() < 5, row.toString());
                if (!event.get("properties").isNull()) {
                    assertEquals(event.get("properties"), row.properties());
                }
                if (!event.get("traits").isNull()) {
                    assertEquals(event.get("traits"), row.traits());
                }
                assertEquals("@segment/analytics-node", row.context().at("/library/name").asText());
                assertEquals("sdk", row.source());
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
