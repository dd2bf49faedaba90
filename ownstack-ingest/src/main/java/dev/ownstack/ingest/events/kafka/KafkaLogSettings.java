package dev.ownstack.ingest.events.kafka;

import dev.ownstack.core.config.CollectorConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link KafkaEventLog} uses its topic, beyond what the client properties say.
 *
 * @param partitions partitions of the topic when ownstack creates it (an existing topic keeps its own)
 * @param maxPendingBytes JSON bytes sent but not yet acknowledged beyond which appends fail with
 *     {@code OVERLOADED}; at least the collector's largest request, or such a request never fits
 * @param timeout the longest one administrative call (finding or creating the topic, reading its
 *     end offsets, listing its partitions) may take before it fails with {@code IO_FAILED}
 */
public record KafkaLogSettings(int partitions, long maxPendingBytes, Duration timeout) {
    public static final KafkaLogSettings DEFAULTS = new KafkaLogSettings(3, 32L << 20, Duration.ofSeconds(10));

    /** The defaults, with room for at least four of the collector's largest requests waiting for acknowledgement. */
    public static KafkaLogSettings forCollector(CollectorConfig collector) {
        return new KafkaLogSettings(DEFAULTS.partitions(), Math.max(DEFAULTS.maxPendingBytes(), 4L * collector.maxRequestBytes()),
                DEFAULTS.timeout());
    }

    public KafkaLogSettings {
        Objects.requireNonNull(timeout, "timeout");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
        }
        if (maxPendingBytes < 1) {
            throw new IllegalArgumentException("maxPendingBytes must be at least 1: " + maxPendingBytes);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    long timeoutMillis() {
        return timeout.toMillis();
    }
}
