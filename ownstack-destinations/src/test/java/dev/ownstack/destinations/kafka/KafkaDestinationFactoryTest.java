package dev.ownstack.destinations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.core.config.Secret;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KafkaDestinationFactoryTest {
    private final KafkaDestinationFactory factory = new KafkaDestinationFactory();

    @Test
    void is_found_by_its_type_through_the_service_loader() {
        assertTrue(Destinations.load().factory("kafka") instanceof KafkaDestinationFactory);
    }

    @Test
    void offers_upserts_and_removals_but_not_update_only() {
        Capabilities capabilities = factory.capabilities(KafkaTestSettings.settings("localhost:9092", "customers", Map.of()));

        assertEquals(new Capabilities(Set.of(Operation.UPSERT, Operation.REMOVE), 500, 0, 4, Optional.empty(), false), capabilities);
    }

    @Test
    void passes_security_properties_through_but_keeps_its_guarantees() {
        KafkaSettings settings = KafkaSettings.from(KafkaTestSettings.settings("broker-1:9093,broker-2:9093", "customers",
                Map.of("properties", Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                        "sasl.jaas.config", Secret.fromEnvironment("KAFKA_JAAS", "org.apache.kafka.common.security.scram.ScramLoginModule required;"),
                        "linger.ms", "50"), "timeout-seconds", 12)));

        Map<String, Object> producer = KafkaProperties.producer(settings);
        Map<String, Object> admin = KafkaProperties.admin(settings);

        assertEquals("SASL_SSL", producer.get("security.protocol"));
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required;", producer.get("sasl.jaas.config"));
        assertEquals("50", producer.get("linger.ms"));
        assertEquals("all", producer.get("acks"));
        assertEquals("true", producer.get("enable.idempotence"));
        assertEquals("12000", producer.get("delivery.timeout.ms"));
        assertEquals("broker-1:9093,broker-2:9093", producer.get("bootstrap.servers"));
        assertEquals("SASL_SSL", admin.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", admin.get("sasl.mechanism"));
        assertEquals(null, admin.get("linger.ms"));
    }

    @Test
    void reports_every_unusable_setting_at_once() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> factory.open(KafkaTestSettings.settings(" ", "bad topic!",
                Map.of("properties", Map.of("acks", "1", "enable.idempotence", "false"), "batch-size", 0, "remove-as", "flag"))));

        assertEquals(ErrorCode.CONFIG_INVALID, error.code());
        String message = error.getMessage();
        assertTrue(message.contains("has 5 problems"), message);
        assertTrue(message.contains("destinations.stream.bootstrap-servers: must list at least one host:port"), message);
        assertTrue(message.contains("destinations.stream.topic: 'bad topic!' is not a Kafka topic name"), message);
        assertTrue(message.contains("destinations.stream.properties.acks: set by the destination"), message);
        assertTrue(message.contains("destinations.stream.properties.enable.idempotence: set by the destination"), message);
        assertTrue(message.contains("destinations.stream.batch-size: must be between 1 and 100000, got 0"), message);
    }

    @Test
    void rejects_an_unknown_way_to_remove() {
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> KafkaTestSettings.settings("localhost:9092", "customers", Map.of("remove-as", "delete")));

        assertTrue(error.getMessage().contains("destinations.stream.remove-as: must be one of tombstone, flag, got 'delete'"), error.getMessage());
    }
}
