package dev.ownstack.activation.destination;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a destination can do, and within which limits. The sync engine sizes batches, runs
 * requests in parallel and paces them from this; the contract suite tests each declared
 * capability.
 *
 * @param operations     the operations {@link Destination#write} accepts
 * @param maxBatchRecords at most this many records per batch
 * @param maxBatchBytes  at most this many bytes of JSON-encoded fields per batch (0: no limit)
 * @param maxConcurrency at most this many batches in flight at once
 * @param rateLimit      the destination's published request limit, if any
 * @param snapshot       whether {@link Destination#finish} wants every record now in the
 *                       destination (a full snapshot file), not only the run's changes
 */
public record Capabilities(Set<Operation> operations, int maxBatchRecords, long maxBatchBytes, int maxConcurrency,
                           Optional<RateLimit> rateLimit, boolean snapshot) {
    public Capabilities {
        operations = Set.copyOf(operations);
        Objects.requireNonNull(rateLimit, "rateLimit");
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("a destination supports at least one operation");
        }
        if (maxBatchRecords < 1) {
            throw new IllegalArgumentException("maxBatchRecords must be at least 1, got " + maxBatchRecords);
        }
        if (maxBatchBytes < 0) {
            throw new IllegalArgumentException("maxBatchBytes must not be negative, got " + maxBatchBytes);
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, got " + maxConcurrency);
        }
    }

    public boolean supports(Operation operation) {
        return operations.contains(operation);
    }
}
