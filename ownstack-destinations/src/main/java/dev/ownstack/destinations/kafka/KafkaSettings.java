package dev.ownstack.destinations.kafka;

import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Kafka destination's settings, checked beyond their types.
 *
 * @param name             the destination's name (for messages)
 * @param bootstrapServers {@code host:port} list of the cluster
 * @param topic            the topic records are written to; it must exist
 * @param removal          how a removed record is written
 * @param properties       client properties passed through (security, TLS, SASL, tuning)
 * @param batchSize        at most this many records per batch
 * @param timeout          how long a batch may wait for the cluster's acknowledgement
 */
record KafkaSettings(String name, String bootstrapServers, String topic, Removal removal, Map<String, String> properties, int batchSize,
                     Duration timeout) {
    static final String BOOTSTRAP_SERVERS = "bootstrap-servers";
    static final String TOPIC = "topic";
    static final String REMOVE_AS = "remove-as";
    static final String PROPERTIES = "properties";
    static final String BATCH_SIZE = "batch-size";
    static final String TIMEOUT_SECONDS = "timeout-seconds";

    /** The client properties the destination's guarantees depend on: not the user's to change. */
    static final Set<String> FIXED_PROPERTIES = Set.of("bootstrap.servers", "acks", "enable.idempotence", "key.serializer",
            "value.serializer", "transactional.id", "delivery.timeout.ms", "max.block.ms");
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** How a removed record is written: a tombstone (null value, for compacted topics) or the value {@code {"removed":true}}. */
    enum Removal {
        TOMBSTONE("tombstone"), FLAG("flag");

        final String setting;

        Removal(String setting) {
            this.setting = setting;
        }

        static Removal of(String setting) {
            return setting.equals(FLAG.setting) ? FLAG : TOMBSTONE;
        }
    }

    KafkaSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(removal, "removal");
        properties = Map.copyOf(properties);
        Objects.requireNonNull(timeout, "timeout");
    }

    /** @throws OwnstackException {@code CONFIG_INVALID} listing every problem, each as {@code destinations.<name>.<setting>} */
    static KafkaSettings from(DestinationSettings settings) {
        String prefix = "destinations." + settings.name() + ".";
        List<String> problems = new ArrayList<>();
        String servers = settings.string(BOOTSTRAP_SERVERS).trim();
        if (servers.isEmpty()) {
            problems.add(prefix + BOOTSTRAP_SERVERS + ": must list at least one host:port");
        }
        String topic = settings.string(TOPIC);
        if (!TOPIC_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            problems.add(prefix + TOPIC + ": '" + topic + "' is not a Kafka topic name (letters, digits, '.', '_' and '-', at most 249)");
        }
        Map<String, String> properties = settings.map(PROPERTIES);
        for (String property : properties.keySet()) {
            if (FIXED_PROPERTIES.contains(property)) {
                problems.add(prefix + PROPERTIES + "." + property + ": set by the destination (" + fixedBecause(property) + ")");
            }
        }
        long batchSize = settings.integer(BATCH_SIZE);
        if (batchSize < 1 || batchSize > 100_000) {
            problems.add(prefix + BATCH_SIZE + ": must be between 1 and 100000, got " + batchSize);
        }
        long timeoutSeconds = settings.integer(TIMEOUT_SECONDS);
        if (timeoutSeconds < 1 || timeoutSeconds > 600) {
            problems.add(prefix + TIMEOUT_SECONDS + ": must be between 1 and 600, got " + timeoutSeconds);
        }
        if (!problems.isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "destination " + settings.name() + " (kafka) has " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + ":\n  " + String.join("\n  ", problems));
        }
        return new KafkaSettings(settings.name(), servers, topic, Removal.of(settings.string(REMOVE_AS)), properties, (int) batchSize,
                Duration.ofSeconds(timeoutSeconds));
    }

    private static String fixedBecause(String property) {
        return switch (property) {
            case "bootstrap.servers" -> "use " + BOOTSTRAP_SERVERS;
            case "delivery.timeout.ms", "max.block.ms" -> "use " + TIMEOUT_SECONDS;
            default -> "records are acknowledged by every in-sync replica, written once, with the destination's own encoding";
        };
    }

    /** For messages: which topic where. */
    String where() {
        return "Kafka topic " + topic + " at " + bootstrapServers;
    }
}
