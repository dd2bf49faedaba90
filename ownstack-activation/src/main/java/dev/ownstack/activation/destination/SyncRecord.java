package dev.ownstack.activation.destination;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One record as the destination receives it.
 *
 * @param key           the value of the sync's identifier; unique within a sync
 * @param fields        destination field name → value (String, Long, Double, Boolean, BigDecimal,
 *                      Instant, LocalDate or null), in the sync's mapping order; for
 *                      {@link Operation#REMOVE} the fields last sent
 * @param destinationId the destination's own id for the record, when an earlier write returned one
 */
public record SyncRecord(String key, Map<String, Object> fields, Optional<String> destinationId) {
    public SyncRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(destinationId, "destinationId");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public SyncRecord(String key, Map<String, Object> fields) {
        this(key, fields, Optional.empty());
    }
}
