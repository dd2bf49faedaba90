package dev.ownstack.ingest.events.kafka;

import dev.ownstack.core.config.CollectorConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * The properties of the producer, consumer and admin clients of a {@link KafkaEventLog}. Three
 * layers, later ones winning: tuning defaults, the user's {@code collector.kafka.properties}
 * (security, TLS, timeouts, batching), then the settings the log's guarantees depend on, which
 * the user cannot turn off.
 */
final class KafkaClientProperties {
    private KafkaClientProperties() {
    }

    /** Acknowledged means written to every in-sync replica, without duplicates from the client's own retries. */
    static Map<String, Object> producer(CollectorConfig.Kafka kafka, KafkaLogSettings settings) {
        Map<String, Object> properties = new HashMap<>();
        // lz4 ships with kafka-clients (pure Java, native code optional) and is the cheapest codec on CPU.
        properties.put("compression.type", "lz4");
        properties.put("linger.ms", "5");
        properties.put("batch.size", String.valueOf(256 << 10));
        properties.put("buffer.memory", String.valueOf(Math.max(64L << 20, 2 * settings.maxPendingBytes())));
        // send() blocks only for topic metadata or a full buffer: fail fast, the SDK retries.
        properties.put("max.block.ms", "1000");
        properties.put("request.timeout.ms", "10000");
        properties.put("delivery.timeout.ms", "30000");
        properties.putAll(kafka.properties());
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        properties.put("acks", "all");
        properties.put("enable.idempotence", "true");
        return properties;
    }

    /**
     * Reads only what was acknowledged, from positions the loader keeps in the warehouse: no
     * consumer group, no committed offsets, and an error rather than a silent jump when a
     * position is no longer (or not yet) in the topic.
     */
    static Map<String, Object> consumer(CollectorConfig.Kafka kafka) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("max.poll.records", "10000");
        properties.put("request.timeout.ms", "10000");
        properties.putAll(kafka.properties());
        properties.remove("group.id");
        properties.remove("group.instance.id");
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        properties.put("isolation.level", "read_committed");
        properties.put("enable.auto.commit", "false");
        properties.put("auto.offset.reset", "none");
        return properties;
    }

    static Map<String, Object> admin(CollectorConfig.Kafka kafka, KafkaLogSettings settings) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("request.timeout.ms", String.valueOf(settings.timeoutMillis()));
        properties.put("default.api.timeout.ms", String.valueOf(settings.timeoutMillis()));
        properties.putAll(kafka.properties());
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        return properties;
    }
}
