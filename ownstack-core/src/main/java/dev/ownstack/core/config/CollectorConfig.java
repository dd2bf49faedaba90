package dev.ownstack.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code collector:} section: limits on what SDKs may send, where accepted events wait on
 * disk (or in Kafka) until the loader moves them into {@code raw.events}, and how often it does.
 *
 * @param logDirectory the local append-only log (unused when {@code kafka} is set)
 * @param loadInterval the longest an accepted event waits before the loader starts a batch
 * @param loadBatchEvents the most events one load transaction takes
 * @param dedupWindow how far back {@code (source, messageId)} duplicates are looked for
 * @param maxEventBytes one event's limit, as serialised JSON
 * @param maxRequestBytes one request's limit, after decompression
 * @param maxBatchEvents events per batch request
 * @param maxBacklogBytes accepted but not yet loaded bytes beyond which the collector answers 503
 */
public record CollectorConfig(Path logDirectory, Duration loadInterval, int loadBatchEvents, Duration dedupWindow,
                              int maxEventBytes, int maxRequestBytes, int maxBatchEvents, long maxBacklogBytes,
                              Optional<Kafka> kafka) {
    public static final String DEFAULT_LOG_DIRECTORY = ".ownstack/events";
    public static final Duration DEFAULT_LOAD_INTERVAL = Duration.ofSeconds(5);
    public static final int DEFAULT_LOAD_BATCH_EVENTS = 100_000;
    public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofHours(24);
    public static final int DEFAULT_MAX_EVENT_BYTES = 32 << 10;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 500 << 10;
    public static final int DEFAULT_MAX_BATCH_EVENTS = 2_500;
    public static final long DEFAULT_MAX_BACKLOG_BYTES = 2L << 30;

    public CollectorConfig {
        Objects.requireNonNull(logDirectory, "logDirectory");
        Objects.requireNonNull(loadInterval, "loadInterval");
        Objects.requireNonNull(dedupWindow, "dedupWindow");
        Objects.requireNonNull(kafka, "kafka");
    }

    /** The defaults, with the log under the project folder. */
    public static CollectorConfig defaults(Path projectDirectory) {
        return new CollectorConfig(projectDirectory.resolve(DEFAULT_LOG_DIRECTORY).toAbsolutePath().normalize(),
                DEFAULT_LOAD_INTERVAL, DEFAULT_LOAD_BATCH_EVENTS, DEFAULT_DEDUP_WINDOW, DEFAULT_MAX_EVENT_BYTES,
                DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_BATCH_EVENTS, DEFAULT_MAX_BACKLOG_BYTES, Optional.empty());
    }

    /**
     * Kafka as the durable log, for several collector nodes: the collector acknowledges an event
     * once the topic has it ({@code acks=all}), and loaders consume the topic.
     *
     * @param properties extra client properties (such as {@code security.protocol}); values may
     *     be secrets and are left out of {@link #toString()}
     */
    public record Kafka(String bootstrapServers, String topic, Map<String, String> properties) {
        public Kafka {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(topic, "topic");
            properties = Map.copyOf(properties);
        }

        @Override
        public String toString() {
            return "Kafka[bootstrapServers=" + bootstrapServers + ", topic=" + topic + ", properties=" + properties.keySet() + "]";
        }
    }
}
