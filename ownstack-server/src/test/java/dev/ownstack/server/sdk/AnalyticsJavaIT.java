package dev.ownstack.server.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official analytics-java 3.5.4 client (it posts to {@code /v1/import/} with the write key in
 * the body only) delivers to the collector, and every event lands once with its fields.
 */
class AnalyticsJavaIT {
    private static final int EVENTS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void analytics_java_delivers_every_event_exactly_once_with_its_fields() throws Exception {
        try (SdkCollector collector = SdkCollector.start(folder, List.of("*"))) {
            Map<String, Message> delivered = new ConcurrentHashMap<>();
            Set<String> failures = ConcurrentHashMap.newKeySet();
            CountDownLatch done = new CountDownLatch(EVENTS);
            Analytics analytics = Analytics.builder(SdkCollector.WRITE_KEY).endpoint(collector.url())
                    .flushQueueSize(250).flushInterval(1, TimeUnit.SECONDS)
                    .callback(new Callback() {
                        @Override
                        public void success(Message message) {
                            delivered.put(message.messageId(), message);
                            done.countDown();
                        }

                        @Override
                        public void failure(Message message, Throwable throwable) {
                            failures.add(message.messageId() + ": " + throwable);
                            done.countDown();
                        }
                    }).build();
            Instant base = Instant.parse("2026-11-01T12:00:00Z");
            for (int i = 0; i < EVENTS; i++) {
                Date at = Date.from(base.plusSeconds(i));
                String user = "java-user-" + (i % 17);
                switch (i % 3) {
                    case 0 -> analytics.enqueue(TrackMessage.builder("Order Completed").userId(user).timestamp(at)
                            .properties(Map.of("order_id", "o-" + i, "revenue", 12.5, "items", List.of("a", "b"))));
                    case 1 -> analytics.enqueue(IdentifyMessage.builder().userId(user).timestamp(at)
                            .traits(Map.of("email", user + "@example.com", "plan", "pro")));
                    default -> analytics.enqueue(PageMessage.builder("Pricing").anonymousId("java-anon-" + i).timestamp(at)
                            .properties(Map.of("path", "/pricing")));
                }
            }
            analytics.flush();
            assertTrue(done.await(60, TimeUnit.SECONDS), "the client reported " + (EVENTS - done.getCount()) + " of " + EVENTS);
            analytics.shutdown();
            assertTrue(failures.isEmpty(), "the client saw failures: " + failures);
            assertEquals(EVENTS, delivered.size());

            Map<String, SdkCollector.Row> rows = collector.awaitRows(delivered.keySet(), Duration.ofSeconds(30));
            for (Message message : delivered.values()) {
                SdkCollector.Row row = rows.get(message.messageId());
                assertEquals("sdk", row.source());
                assertEquals(message.type().name(), row.type());
                assertEquals(message.userId(), row.userId());
                assertEquals(message.anonymousId(), row.anonymousId());
                assertEquals(message.timestamp().toInstant(), row.originalTimestamp().toInstant(), "originalTimestamp");
                assertTrue(Duration.between(row.originalTimestamp(), row.timestamp()).abs().toSeconds() < 5,
                        "no real clock skew here, so the corrected timestamp stays near the client's: " + row);
                assertEquals("analytics-java", row.context().at("/library/name").asText(), "the envelope context is merged");
                assertEquals("127.0.0.1", row.ip());
                if (message instanceof TrackMessage track) {
                    assertEquals(track.event(), row.event());
                    assertEquals(JSON.valueToTree(track.properties()), row.properties());
                } else if (message instanceof IdentifyMessage identify) {
                    assertNull(row.event());
                    assertEquals(JSON.valueToTree(identify.traits()), row.traits());
                } else {
                    PageMessage page = (PageMessage) message;
                    assertEquals(page.name(), row.name());
                    assertEquals(JSON.valueToTree(page.properties()), row.properties());
                }
            }
        }
    }
}
