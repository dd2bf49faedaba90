package dev.ownstack.server.syncs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.sync.SyncRun;
import dev.ownstack.activation.sync.SyncRunStatus;
import dev.ownstack.core.config.AlertsConfig;
import dev.ownstack.core.config.Secret;
import dev.ownstack.server.api.ApiJson;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts a JSON message to {@code alerts.webhook} when a sync run failed or stopped for approval,
 * signed as Standard Webhooks do (https://www.standardwebhooks.com/): headers {@code webhook-id},
 * {@code webhook-timestamp} and {@code webhook-signature: v1,BASE64(HMAC-SHA256(key, id.timestamp.body))},
 * where the key is the base64 part of a {@code whsec_} secret, or the secret's bytes otherwise.
 * A failed delivery is logged, never thrown: an alert must not fail the run it reports. Thread-safe.
 */
public final class SyncAlerts {
    private static final System.Logger LOG = System.getLogger(SyncAlerts.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** No alerts configured: {@link #report} does nothing. */
    public static final SyncAlerts NONE = new SyncAlerts(Optional.empty(), Clock.systemUTC());

    private final Optional<AlertsConfig> config;
    private final Clock clock;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public SyncAlerts(Optional<AlertsConfig> config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether a run of this status is worth an alert. */
    public static boolean alerts(SyncRunStatus status) {
        return status == SyncRunStatus.FAILED || status == SyncRunStatus.AWAITING_APPROVAL;
    }

    /** Sends the alert for the run when its status calls for one; returns whether the receiver accepted it (2xx). */
    public boolean report(SyncRun run) {
        if (config.isEmpty() || !alerts(run.status())) {
            return false;
        }
        return send(body(run));
    }

    /** Sends an alert for a run that could not even start (the warehouse or the destination could not be opened). */
    public boolean reportFailure(String sync, String message) {
        if (config.isEmpty()) {
            return false;
        }
        ObjectNode body = envelope("sync.run.failed");
        ObjectNode data = body.putObject("data");
        data.put("sync", sync);
        data.put("status", "failed");
        data.put("message", message);
        return send(body);
    }

    ObjectNode body(SyncRun run) {
        boolean approval = run.status() == SyncRunStatus.AWAITING_APPROVAL;
        ObjectNode body = envelope(approval ? "sync.run.awaiting_approval" : "sync.run.failed");
        ObjectNode data = body.putObject("data");
        data.put("sync", run.sync());
        data.put("runId", run.runId());
        data.put("status", SyncJson.status(run.status()));
        data.put("message", run.message());
        data.set("planned", SyncJson.planned(run.planned()));
        data.put("failed", run.failed());
        if (approval) {
            data.put("approve", "ownstack sync approve " + run.runId());
        }
        return body;
    }

    private ObjectNode envelope(String type) {
        ObjectNode body = ApiJson.NODES.objectNode();
        body.put("type", type);
        body.put("timestamp", clock.instant().toString());
        return body;
    }

    private boolean send(ObjectNode body) {
        AlertsConfig alerts = config.orElseThrow();
        String id = "msg_" + UUID.randomUUID();
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(alerts.webhook()).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        alerts.secret().ifPresent(secret -> request.header("webhook-signature", "v1," + sign(secret, id, timestamp, payload)));
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                LOG.log(System.Logger.Level.WARNING, "the alert webhook " + alerts.webhook() + " answered " + response.statusCode());
                return false;
            }
            return true;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the alert webhook " + alerts.webhook() + " could not be reached: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The Standard Webhooks signature of a message, base64. */
    static String sign(Secret secret, String id, String timestamp, byte[] payload) {
        String text = secret.reveal();
        byte[] key = text.startsWith("whsec_") ? Base64.getDecoder().decode(text.substring("whsec_".length()))
                : text.getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(payload));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
