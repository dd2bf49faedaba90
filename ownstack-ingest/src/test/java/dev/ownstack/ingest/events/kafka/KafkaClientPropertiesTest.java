package dev.ownstack.ingest.events.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ownstack.core.config.CollectorConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {
    private static final CollectorConfig.Kafka KAFKA = new CollectorConfig.Kafka("kafka-1:9092", "events", Map.of(
            "acks", "1",
            "enable.idempotence", "false",
            "linger.ms", "20",
            "security.protocol", "SSL",
            "group.id", "loaders",
            "isolation.level", "read_uncommitted",
            "auto.offset.reset", "earliest",
            "bootstrap.servers", "elsewhere:9092"));

    @Test
    void the_producer_keeps_acks_all_and_idempotence_whatever_the_properties_say() {
        Map<String, Object> producer = KafkaClientProperties.producer(KAFKA, KafkaLogSettings.DEFAULTS);
        assertEquals("all", producer.get("acks"));
        assertEquals("true", producer.get("enable.idempotence"));
        assertEquals("kafka-1:9092", producer.get("bootstrap.servers"));
    }

    @Test
    void the_properties_override_tuning_defaults_and_add_client_settings() {
        Map<String, Object> producer = KafkaClientProperties.producer(KAFKA, KafkaLogSettings.DEFAULTS);
        assertEquals("20", producer.get("linger.ms"));
        assertEquals("SSL", producer.get("security.protocol"));
        assertEquals("lz4", producer.get("compression.type"));
        assertEquals("SSL", KafkaClientProperties.admin(KAFKA, KafkaLogSettings.DEFAULTS).get("security.protocol"));
    }

    @Test
    void the_consumer_reads_committed_records_without_a_group_and_never_jumps() {
        Map<String, Object> consumer = KafkaClientProperties.consumer(KAFKA);
        assertEquals("read_committed", consumer.get("isolation.level"));
        assertEquals("false", consumer.get("enable.auto.commit"));
        assertEquals("none", consumer.get("auto.offset.reset"));
        assertFalse(consumer.containsKey("group.id"));
        assertEquals("SSL", consumer.get("security.protocol"));
    }

    @Test
    void the_producer_buffer_holds_twice_the_pending_limit() {
        KafkaLogSettings settings = new KafkaLogSettings(3, 100L << 20, KafkaLogSettings.DEFAULTS.timeout());
        assertEquals(String.valueOf(200L << 20), KafkaClientProperties.producer(KAFKA, settings).get("buffer.memory"));
    }
}
