package dev.ownstack.server.syncs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ownstack.activation.sync.SyncPlanCounts;
import dev.ownstack.activation.sync.SyncRun;
import dev.ownstack.activation.sync.SyncRunStatus;
import dev.ownstack.core.config.AlertsConfig;
import dev.ownstack.core.config.Secret;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncAlertsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T14:00:00Z");
    private static final String KEY = "whsec_" + Base64.getEncoder().encodeToString("a key of 24 random bytes".getBytes(StandardCharsets.UTF_8));

    private record Received(Map<String, String> headers, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private volatile int status = 204;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/alerts", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(Map.of("id", exchange.getRequestHeaders().getFirst("webhook-id"),
                    "timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    "signature", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-signature"))), body));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private SyncAlerts alerts(Optional<Secret> secret) {
        return new SyncAlerts(Optional.of(new AlertsConfig(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts"),
                secret)), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SyncRun run(SyncRunStatus status, String message) {
        return new SyncRun("vip-to-crm", 42, status, NOW.minusSeconds(5), Optional.of(NOW), new SyncPlanCounts(1, 2, 500, 1000), 0, 0, 0, 0,
                message, List.of(), Optional.empty(), Map.of());
    }

    @Test
    void posts_a_signed_message_when_a_run_stops_for_approval() throws Exception {
        assertTrue(alerts(Optional.of(Secret.literal(KEY))).report(run(SyncRunStatus.AWAITING_APPROVAL, "would remove 50% of the records")));
        assertEquals(1, received.size());
        Received alert = received.get(0);
        JsonNode body = new ObjectMapper().readTree(alert.body());
        assertEquals("sync.run.awaiting_approval", body.path("type").asText());
        assertEquals("vip-to-crm", body.path("data").path("sync").asText());
        assertEquals(42, body.path("data").path("runId").asLong());
        assertEquals(500, body.path("data").path("planned").path("removes").asLong());
        assertEquals("ownstack sync approve 42", body.path("data").path("approve").asText());
        assertEquals(Long.toString(NOW.getEpochSecond()), alert.headers().get("timestamp"));

        // verified independently of the signing code, as a receiver following standardwebhooks.com would
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("a key of 24 random bytes".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((alert.headers().get("id") + "." + alert.headers().get("timestamp") + "." + alert.body())
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("v1," + Base64.getEncoder().encodeToString(expected), alert.headers().get("signature"));
    }

    @Test
    void posts_when_a_run_fails_and_not_for_other_outcomes() throws Exception {
        SyncAlerts alerts = alerts(Optional.empty());
        for (SyncRunStatus status : SyncRunStatus.values()) {
            alerts.report(run(status, "status " + status));
        }
        assertEquals(2, received.size());
        List<String> types = received.stream().map(r -> r.body().contains("sync.run.failed") ? "failed" : "approval").sorted().toList();
        assertEquals(List.of("approval", "failed"), types);
        assertEquals("null", received.get(0).headers().get("signature"));
    }

    @Test
    void a_receiver_that_refuses_or_is_gone_does_not_throw() {
        status = 500;
        assertFalse(alerts(Optional.empty()).report(run(SyncRunStatus.FAILED, "authentication failed")));
        receiver.stop(0);
        assertFalse(alerts(Optional.empty()).reportFailure("vip-to-crm", "cannot open the warehouse"));
    }

    @Test
    void without_alerts_configured_nothing_is_sent() {
        assertFalse(SyncAlerts.NONE.report(run(SyncRunStatus.FAILED, "x")));
        assertEquals(List.of(), received);
    }
}
