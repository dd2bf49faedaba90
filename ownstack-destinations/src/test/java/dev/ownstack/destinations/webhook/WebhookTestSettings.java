package dev.ownstack.destinations.webhook;

import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/** Webhook settings as the configuration loader would produce them. */
final class WebhookTestSettings {
    private WebhookTestSettings() {
    }

    static DestinationSettings settings(DestinationDefinition definition) {
        return new WebhookDestinationFactory().spec().validate(definition);
    }

    static DestinationSettings settings(String url, String secret, Map<String, Object> more) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("url", url);
        values.put("secret", secret);
        values.putAll(more);
        return settings(new DestinationDefinition("crm", "webhook", values));
    }
}
