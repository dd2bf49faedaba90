package dev.ownstack.ingest.singer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.core.table.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * JSON Schema property types as warehouse columns, and record values as column values. Types may
 * be a list with {@code "null"} or {@code anyOf} branches; {@code format: date-time} is a
 * timestamp with time zone, {@code format: date} a date; integer is bigint, number double;
 * objects and arrays keep their JSON. A property without a type holds any JSON.
 */
final class JsonSchemaTypes {
    private JsonSchemaTypes() {
    }

    static ColumnType columnType(JsonNode property) {
        Set<String> types = new LinkedHashSet<>();
        Set<String> formats = new LinkedHashSet<>();
        collect(property, types, formats);
        boolean typed = !types.isEmpty();
        types.remove("null");
        if (types.isEmpty()) {
            return typed ? ColumnType.STRING : ColumnType.JSON;
        }
        if (types.equals(Set.of("integer"))) {
            return ColumnType.BIGINT;
        }
        if (Set.of("integer", "number").containsAll(types)) {
            return ColumnType.DOUBLE;
        }
        if (types.equals(Set.of("boolean"))) {
            return ColumnType.BOOLEAN;
        }
        if (types.equals(Set.of("string"))) {
            if (formats.contains("date-time")) {
                return ColumnType.TIMESTAMPTZ;
            }
            return formats.contains("date") ? ColumnType.DATE : ColumnType.STRING;
        }
        return types.contains("object") || types.contains("array") ? ColumnType.JSON : ColumnType.STRING;
    }

    private static void collect(JsonNode schema, Set<String> types, Set<String> formats) {
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        } else if (type.isArray()) {
            type.forEach(each -> types.add(each.asText()));
        }
        if (schema.path("format").isTextual()) {
            formats.add(schema.get("format").asText());
        }
        for (String combinator : new String[] {"anyOf", "oneOf"}) {
            schema.path(combinator).forEach(branch -> collect(branch, types, formats));
        }
    }

    /** Returned by {@link #value} for a JSON value that does not fit the column's type. */
    static final Object MISMATCH = new Object();

    /** The value for a column of {@code type}: null for JSON null or absent, {@link #MISMATCH} when it does not fit. */
    static Object value(ColumnType type, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        Object value = switch (type) {
            case BIGINT -> node.isIntegralNumber() && node.canConvertToLong() ? Long.valueOf(node.longValue())
                    : node.isFloatingPointNumber() && isWhole(node.decimalValue()) ? Long.valueOf(node.longValue()) : null;
            case DOUBLE -> node.isNumber() ? Double.valueOf(node.doubleValue()) : null;
            case DECIMAL -> node.isNumber() ? node.decimalValue() : null;
            case BOOLEAN -> node.isBoolean() ? Boolean.valueOf(node.booleanValue()) : null;
            case DATE -> node.isTextual() ? date(node.asText()) : null;
            case TIMESTAMP -> node.isTextual() ? timestamp(node.asText()).map(t -> t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime())
                    .orElse(null) : null;
            case TIMESTAMPTZ -> node.isTextual() ? timestamp(node.asText()).orElse(null) : null;
            case STRING -> node.isValueNode() ? node.asText() : node.toString();
            case JSON -> node.toString();
        };
        return value == null ? MISMATCH : value;
    }

    private static boolean isWhole(BigDecimal number) {
        return (number.signum() == 0 || number.stripTrailingZeros().scale() <= 0)
                && number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0 && number.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0;
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** ISO 8601 with offset or Z; without an offset the time is UTC; a date alone is its midnight UTC. */
    static Optional<OffsetDateTime> timestamp(String text) {
        String iso = text.trim().replace(' ', 'T');
        try {
            return Optional.of(OffsetDateTime.parse(iso));
        } catch (DateTimeParseException e) {
            // try the forms without an offset
        }
        try {
            return Optional.of(LocalDateTime.parse(iso).atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // try a date alone
        }
        try {
            return Optional.of(LocalDate.parse(iso).atStartOfDay().atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
