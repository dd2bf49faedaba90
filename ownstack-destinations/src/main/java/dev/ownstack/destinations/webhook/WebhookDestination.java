package dev.ownstack.destinations.webhook;

import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.destinations.http.VendorHttp;
import dev.ownstack.destinations.http.VendorResponse;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * POSTs each batch as one signed Standard Webhooks request
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md):
 * {@code webhook-id} is the batch id, the same on every retry so that receivers can drop
 * duplicates; {@code webhook-timestamp} and {@code webhook-signature} are made per attempt over
 * the exact bytes sent. Redirects are never followed. Thread-safe: one HTTP client serves every
 * thread of the sync engine.
 */
final class WebhookDestination implements Destination {
    private final WebhookSettings settings;
    private final Clock clock;
    private final VendorHttp http;

    WebhookDestination(WebhookSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = new VendorHttp(where(), settings.timeout(), clock);
    }

    @Override
    public CheckResult check() {
        Instant now = clock.instant();
        try {
            WebhookAnswer answer = post("ping_" + UUID.randomUUID(), WebhookPayload.ping(now));
            if (answer.status() >= 200 && answer.status() < 300) {
                return CheckResult.ok(where() + " answered " + answer.status() + " to a signed ping");
            }
            return CheckResult.failed(answer.failure(where(), now).getMessage());
        } catch (DestinationException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public BatchResult write(RecordBatch batch) {
        WebhookAnswer answer = post(batch.id(), WebhookPayload.batch(batch));
        return answer.result(batch, where(), clock.instant());
    }

    private WebhookAnswer post(String id, byte[] body) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .setHeader("user-agent", "ownstack-webhooks/1");
        settings.headers().forEach(request::setHeader);
        request.setHeader("content-type", "application/json")
                .setHeader("webhook-id", id)
                .setHeader("webhook-timestamp", Long.toString(timestamp))
                .setHeader("webhook-signature", settings.secret().sign(id, timestamp, body));
        VendorResponse response = http.send(request.build());
        return new WebhookAnswer(response.status(), response.headers().firstValue("retry-after"), response.body());
    }

    private String where() {
        return "webhook " + settings.name() + " at " + settings.endpoint();
    }
}
