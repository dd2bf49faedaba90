package dev.ownstack.destinations.kafka;

import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/** Kafka settings as the configuration loader would produce them. */
final class KafkaTestSettings {
    private KafkaTestSettings() {
    }

    static DestinationSettings settings(String servers, String topic, Map<String, Object> more) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("bootstrap-servers", servers);
        values.put("topic", topic);
        values.putAll(more);
        return new KafkaDestinationFactory().spec().validate(new DestinationDefinition("stream", "kafka", values));
    }
}
