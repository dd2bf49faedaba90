package dev.ownstack.destinations.webhook;

import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.RecordBatch;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs each batch as one signed Standard Webhooks request
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md):
 * {@code webhook-id} is the batch id, the same on every retry so that receivers can drop
 * duplicates; {@code webhook-timestamp} and {@code webhook-signature} are made per attempt over
 * the exact bytes sent. Redirects are never followed. Thread-safe: one HTTP client serves every
 * thread of the sync engine.
 */
final class WebhookDestination implements Destination {
    /** Enough for an error list of a full batch; the rest of a longer answer is read and dropped. */
    private static final int MAX_ANSWER_BYTES = 4 << 20;

    private final WebhookSettings settings;
    private final Clock clock;
    private final HttpClient client;

    WebhookDestination(WebhookSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout())
                .build();
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
        CompletableFuture<HttpResponse<byte[]>> sent = client.sendAsync(request.build(), info -> new LimitedBody(MAX_ANSWER_BYTES));
        try {
            // The request timeout ends at the response headers; this one also bounds reading the body.
            HttpResponse<byte[]> response = sent.get(settings.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return new WebhookAnswer(response.statusCode(), response.headers().firstValue("retry-after"), response.body());
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw timedOut(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                throw timedOut(e.getCause());
            }
            throw new DestinationException(ErrorClass.RETRYABLE, "cannot reach " + where() + ": " + describe(e.getCause()),
                    Optional.empty(), e.getCause());
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            throw new DestinationException(ErrorClass.RETRYABLE, "interrupted while sending to " + where(), Optional.empty(), e);
        }
    }

    private DestinationException timedOut(Throwable cause) {
        return new DestinationException(ErrorClass.RETRYABLE, where() + " did not answer within " + settings.timeout().toSeconds()
                + " s (timeout-seconds)", Optional.empty(), cause);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
    }

    private String where() {
        return "webhook " + settings.name() + " at " + settings.endpoint();
    }
}
