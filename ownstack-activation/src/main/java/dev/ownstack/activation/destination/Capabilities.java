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

    /** The operations, lower case, in {@link Operation} order: {@code upsert}, {@code update}, {@code remove}. */
    public java.util.List<String> operationNames() {
        return java.util.Arrays.stream(Operation.values()).filter(operations::contains)
                .map(operation -> operation.name().toLowerCase(java.util.Locale.ROOT)).toList();
    }

    /** One line for lists: e.g. {@code upsert, remove; 10,000 records per request; 4 at once; 100 requests per 20 s}. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(String.join(", ", operationNames()));
        text.append(String.format("; %,d records", maxBatchRecords));
        if (maxBatchBytes > 0) {
            text.append(" or ").append(bytes(maxBatchBytes));
        }
        text.append(" per request; ").append(maxConcurrency).append(" at once");
        rateLimit.ifPresent(limit -> text.append(String.format("; %,d requests per %s", limit.requests(), seconds(limit.period()))));
        if (snapshot) {
            text.append("; full snapshot each run");
        }
        return text.toString();
    }

    /** A size for people: whole MiB from 1 MiB up, else KiB. */
    public static String bytes(long bytes) {
        return bytes >= 1 << 20 ? String.format("%,d MiB", bytes >> 20) : String.format("%,d KiB", bytes / 1024);
    }

    private static String seconds(java.time.Duration period) {
        long millis = period.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format("%.1f s", millis / 1000.0);
    }
}
