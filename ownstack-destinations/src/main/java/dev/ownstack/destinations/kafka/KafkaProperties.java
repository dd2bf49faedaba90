package dev.ownstack.destinations.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The client properties of a Kafka destination, in three layers, later ones winning: defaults,
 * the user's {@code properties} (security, TLS, SASL, tuning), then what the destination's
 * guarantees depend on.
 */
final class KafkaProperties {
    private KafkaProperties() {
    }

    /**
     * Acknowledged means written to every in-sync replica; the idempotent producer never writes a
     * record twice because of its own retries, and keeps each key's records in order.
     */
    static Map<String, Object> producer(KafkaSettings settings) {
        long timeoutMillis = settings.timeout().toMillis();
        Map<String, Object> properties = new HashMap<>();
        properties.put("compression.type", "lz4");
        properties.put("linger.ms", "5");
        properties.put("request.timeout.ms", String.valueOf(Math.min(30_000, Math.max(1_000, timeoutMillis - 5))));
        properties.put("client.id", "ownstack-" + settings.name());
        properties.putAll(settings.properties());
        properties.put("bootstrap.servers", settings.bootstrapServers());
        properties.put("acks", "all");
        properties.put("enable.idempotence", "true");
        properties.put("delivery.timeout.ms", String.valueOf(timeoutMillis));
        properties.put("max.block.ms", String.valueOf(timeoutMillis));
        properties.put("key.serializer", ByteArraySerializer.class.getName());
        properties.put("value.serializer", ByteArraySerializer.class.getName());
        return properties;
    }

    /** For checking the topic: the same security settings, answers bounded by the timeout. */
    static Map<String, Object> admin(KafkaSettings settings) {
        String timeout = String.valueOf(settings.timeout().toMillis());
        Map<String, Object> properties = new HashMap<>();
        properties.put("client.id", "ownstack-" + settings.name() + "-admin");
        properties.putAll(settings.properties());
        properties.keySet().removeIf(KafkaProperties::producerOnly);
        properties.put("bootstrap.servers", settings.bootstrapServers());
        properties.put("request.timeout.ms", timeout);
        properties.put("default.api.timeout.ms", timeout);
        return properties;
    }

    // The admin client warns about every property it does not know; the common producer tuning ones are left out.
    private static boolean producerOnly(String property) {
        return property.startsWith("batch.") || property.startsWith("linger.") || property.startsWith("compression.")
                || property.startsWith("buffer.") || property.startsWith("max.in.flight") || property.startsWith("partitioner.")
                || property.equals("retries") || property.startsWith("max.request.size");
    }
}
