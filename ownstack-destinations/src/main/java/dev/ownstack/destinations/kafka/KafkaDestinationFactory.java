package dev.ownstack.destinations.kafka;

import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.ConfigField.Type;
import dev.ownstack.activation.destination.ConfigSpec;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.activation.destination.Operation;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code type: kafka}: records written to an existing Kafka topic, keyed by the sync identifier, the fields as a JSON value. */
public final class KafkaDestinationFactory implements DestinationFactory {
    /** Batches in flight at once: the producer pipelines them over its connections. */
    private static final int CONCURRENCY = 4;
    private static final int DEFAULT_BATCH_SIZE = 500;

    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.required(KafkaSettings.BOOTSTRAP_SERVERS, Type.STRING, "the cluster's host:port list, comma separated"),
            ConfigField.required(KafkaSettings.TOPIC, Type.STRING, "the topic records are written to; it must exist"),
            ConfigField.choice(KafkaSettings.REMOVE_AS, KafkaSettings.Removal.TOMBSTONE.setting,
                    List.of(KafkaSettings.Removal.TOMBSTONE.setting, KafkaSettings.Removal.FLAG.setting),
                    "a removed record as a tombstone (null value, for compacted topics) or as the value {\"removed\":true}"),
            ConfigField.optional(KafkaSettings.PROPERTIES, Type.STRING_MAP,
                    "Kafka client properties such as security.protocol, sasl.jaas.config or ssl.truststore.location"),
            ConfigField.withDefault(KafkaSettings.BATCH_SIZE, Type.INTEGER, (long) DEFAULT_BATCH_SIZE, "at most this many records per batch"),
            ConfigField.withDefault(KafkaSettings.TIMEOUT_SECONDS, Type.INTEGER, 30L,
                    "how long a batch may wait for the cluster's acknowledgement before it is retried"));

    @Override
    public String type() {
        return "kafka";
    }

    @Override
    public String description() {
        return "writes records to an existing Kafka topic, keyed by the sync identifier, fields as JSON, removals as tombstones or flags";
    }

    @Override
    public ConfigSpec spec() {
        return SPEC;
    }

    @Override
    public Capabilities capabilities(DestinationSettings settings) {
        KafkaSettings kafka = KafkaSettings.from(settings);
        // A topic cannot tell whether a record exists, so UPDATE (update only if present) is not offered.
        return new Capabilities(Set.of(Operation.UPSERT, Operation.REMOVE), kafka.batchSize(), 0, CONCURRENCY, Optional.empty(), false);
    }

    @Override
    public Capabilities defaultCapabilities() {
        return new Capabilities(Set.of(Operation.UPSERT, Operation.REMOVE), DEFAULT_BATCH_SIZE, 0, CONCURRENCY, Optional.empty(), false);
    }

    @Override
    public Destination open(DestinationSettings settings) {
        return new KafkaDestination(KafkaSettings.from(settings));
    }
}
