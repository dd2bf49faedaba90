package dev.ownstack.ingest.events;

import dev.ownstack.core.config.CollectorConfig;

/**
 * What one request may carry. {@code maxRequestBytes} bounds the body after decompression;
 * {@code maxNestingDepth} bounds JSON nesting so that a hostile body cannot exhaust the stack.
 */
public record CollectorLimits(int maxEventBytes, int maxRequestBytes, int maxBatchEvents, int maxNestingDepth) {
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

    public static CollectorLimits from(CollectorConfig config) {
        return new CollectorLimits(config.maxEventBytes(), config.maxRequestBytes(), config.maxBatchEvents(), DEFAULT_MAX_NESTING_DEPTH);
    }
}
