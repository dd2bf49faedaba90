package dev.ownstack.destinations.webhook;

import static dev.ownstack.destinations.webhook.WebhookSecretTest.VECTOR_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RateLimit;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookDestinationFactoryTest {
    private final WebhookDestinationFactory factory = new WebhookDestinationFactory();

    @Test
    void is_found_by_its_type_through_the_service_loader() {
        assertTrue(Destinations.load().factory("webhook") instanceof WebhookDestinationFactory);
    }

    @Test
    void marks_the_secret_as_secret() {
        assertTrue(factory.spec().fields().stream().filter(field -> field.name().equals("secret")).allMatch(field -> field.secret()));
    }

    @Test
    void declares_every_operation_with_the_defaults() {
        Capabilities capabilities = factory.capabilities(WebhookTestSettings.settings("https://example.com/hook", VECTOR_SECRET, Map.of()));

        assertEquals(new Capabilities(Set.of(Operation.UPSERT, Operation.UPDATE, Operation.REMOVE), 100, 262_144, 4, Optional.empty(), false),
                capabilities);
    }

    @Test
    void sizes_batches_and_paces_requests_from_the_settings() {
        Capabilities capabilities = factory.capabilities(WebhookTestSettings.settings("https://example.com/hook", VECTOR_SECRET,
                Map.of("batch-size", 25, "max-batch-bytes", 20_000, "concurrency", 2, "requests-per-second", 10)));

        assertEquals(25, capabilities.maxBatchRecords());
        assertEquals(20_000, capabilities.maxBatchBytes());
        assertEquals(2, capabilities.maxConcurrency());
        assertEquals(Optional.of(new RateLimit(10, Duration.ofSeconds(1))), capabilities.rateLimit());
    }

    @Test
    void reports_every_unusable_setting_at_once() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> factory.open(WebhookTestSettings.settings("ftp://example.com/x",
                "whsec_short", Map.of("batch-size", 0, "timeout-seconds", 601,
                        "headers", Map.of("webhook-signature", "v1,forged", "Bad Header", "x", "X-Ok", "fine")))));

        assertEquals(ErrorCode.CONFIG_INVALID, error.code());
        String message = error.getMessage();
        assertTrue(message.contains("has 6 problems"), message);
        assertTrue(message.contains("destinations.crm.url: must be an http:// or https:// URL"), message);
        assertTrue(message.contains("destinations.crm.secret: "), message);
        assertTrue(message.contains("destinations.crm.batch-size: must be between 1 and 10000, got 0"), message);
        assertTrue(message.contains("destinations.crm.timeout-seconds: must be between 1 and 600, got 601"), message);
        assertTrue(message.contains("destinations.crm.headers.webhook-signature: set by the webhook destination itself"), message);
        assertTrue(message.contains("destinations.crm.headers.Bad Header: not a valid HTTP header name"), message);
        assertFalse(message.contains("forged"), message);
    }
}
