package dev.ownstack.destinations.webhook;

import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.ConfigField.Type;
import dev.ownstack.activation.destination.ConfigSpec;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** {@code type: webhook}: records POSTed as signed JSON batches to an HTTP endpoint (Standard Webhooks). */
public final class WebhookDestinationFactory implements DestinationFactory {
    private static final int DEFAULT_BATCH_SIZE = 100;
    private static final long DEFAULT_MAX_BATCH_BYTES = 262_144L;
    private static final int DEFAULT_CONCURRENCY = 4;
    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.required(WebhookSettings.URL, Type.STRING, "the http:// or https:// address batches are POSTed to"),
            ConfigField.required(WebhookSettings.SECRET, Type.SECRET,
                    "the signing secret, whsec_ followed by the base64 of 24 to 64 random bytes"),
            ConfigField.optional(WebhookSettings.HEADERS, Type.STRING_MAP, "extra request headers, such as Authorization"),
            ConfigField.withDefault(WebhookSettings.BATCH_SIZE, Type.INTEGER, (long) DEFAULT_BATCH_SIZE, "at most this many records per request"),
            ConfigField.withDefault(WebhookSettings.MAX_BATCH_BYTES, Type.INTEGER, DEFAULT_MAX_BATCH_BYTES,
                    "at most this many bytes of record fields (as JSON) per request"),
            ConfigField.withDefault(WebhookSettings.TIMEOUT_SECONDS, Type.INTEGER, 30L, "how long one request may take before it is retried"),
            ConfigField.withDefault(WebhookSettings.CONCURRENCY, Type.INTEGER, (long) DEFAULT_CONCURRENCY, "requests in flight at once"),
            ConfigField.optional(WebhookSettings.REQUESTS_PER_SECOND, Type.INTEGER, "the receiver's rate limit, if it has one"));

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public String description() {
        return "POSTs added, changed and removed records as signed JSON batches (Standard Webhooks) to an HTTP endpoint";
    }

    @Override
    public ConfigSpec spec() {
        return SPEC;
    }

    @Override
    public Capabilities capabilities(DestinationSettings settings) {
        WebhookSettings webhook = WebhookSettings.from(settings);
        return new Capabilities(Set.of(Operation.UPSERT, Operation.UPDATE, Operation.REMOVE), webhook.batchSize(), webhook.maxBatchBytes(),
                webhook.concurrency(), webhook.requestsPerSecond().map(rate -> new RateLimit(rate, Duration.ofSeconds(1))), false);
    }

    @Override
    public Capabilities defaultCapabilities() {
        return new Capabilities(Set.of(Operation.UPSERT, Operation.UPDATE, Operation.REMOVE), DEFAULT_BATCH_SIZE, DEFAULT_MAX_BATCH_BYTES,
                DEFAULT_CONCURRENCY, Optional.empty(), false);
    }

    @Override
    public Destination open(DestinationSettings settings) {
        return new WebhookDestination(WebhookSettings.from(settings), Clock.systemUTC());
    }
}
