package dev.ownstack.activation.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns warehouse values into the values a {@link dev.ownstack.activation.destination.SyncRecord}
 * carries, and a record's fields into the JSON text {@code ownstack.sync_state} keeps (read back
 * for removals: times and dates come back as their ISO text, decimals as {@code BigDecimal}).
 */
final class RecordValues {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private RecordValues() {
    }

    /** String, Long, Double, Boolean, BigDecimal, Instant (timestamps; local ones taken as UTC), LocalDate or null. */
    static Object value(Object warehouseValue) {
        if (warehouseValue == null || warehouseValue instanceof String || warehouseValue instanceof Long || warehouseValue instanceof Double
                || warehouseValue instanceof Boolean || warehouseValue instanceof BigDecimal || warehouseValue instanceof LocalDate) {
            return warehouseValue;
        }
        if (warehouseValue instanceof Integer || warehouseValue instanceof Short || warehouseValue instanceof Byte) {
            return ((Number) warehouseValue).longValue();
        }
        if (warehouseValue instanceof Float f) {
            return f.doubleValue();
        }
        if (warehouseValue instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (warehouseValue instanceof LocalDateTime time) {
            return time.toInstant(ZoneOffset.UTC);
        }
        return warehouseValue.toString();
    }

    static String json(Map<String, Object> fields) {
        Map<String, Object> plain = new LinkedHashMap<>();
        fields.forEach((name, value) -> plain.put(name, value instanceof Instant || value instanceof LocalDate ? value.toString() : value));
        try {
            return JSON.writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot write a record's fields as JSON: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> fields(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "the fields kept in " + SyncTables.STATE + " are not JSON: " + e.getMessage(), e);
        }
    }
}
