package dev.ownstack.ingest.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.table.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Turns a value as read from a file (see {@link RecordVisitor#record}) into the value a column of
 * the given type holds, or {@link TextValues#INVALID}. Text that is blank becomes null in every
 * column but a string one. Conversions never lose information silently: 1.5 is not a bigint.
 */
final class ValueConversion {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ValueConversion() {
    }

    static Object convert(Object value, ColumnType type) {
        if (value == null) {
            return null;
        }
        if (type == ColumnType.STRING) {
            return value instanceof String ? value : value.toString();
        }
        if (value instanceof String text) {
            return text.isBlank() ? null : fromText(text, type);
        }
        return switch (type) {
            case STRING -> value.toString();
            case BIGINT -> toBigint(value);
            case DOUBLE -> value instanceof Number number ? (Object) number.doubleValue() : TextValues.INVALID;
            case DECIMAL -> toDecimal(value);
            case BOOLEAN -> value instanceof Boolean ? value : TextValues.INVALID;
            case DATE -> value instanceof LocalDate ? value : TextValues.INVALID;
            case TIMESTAMP -> value instanceof LocalDateTime ? value
                    : value instanceof LocalDate date ? date.atStartOfDay() : TextValues.INVALID;
            case TIMESTAMPTZ -> toTimestampWithZone(value);
            case JSON -> toJson(value);
        };
    }

    private static Object fromText(String text, ColumnType type) {
        return switch (type) {
            case STRING -> text;
            case BIGINT -> TextValues.parseBigint(text);
            case DOUBLE -> TextValues.parseDouble(text);
            case DECIMAL -> TextValues.parseDecimal(text);
            case BOOLEAN -> TextValues.parseBoolean(text);
            case DATE, TIMESTAMP, TIMESTAMPTZ -> convert(TextValues.parseTemporal(text), type);
            case JSON -> isJson(text) ? text.strip() : TextValues.INVALID;
        };
    }

    private static Object toBigint(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigDecimal decimal) {
            try {
                return decimal.longValueExact();
            } catch (ArithmeticException e) {
                // a fraction or beyond 64 bits: not a bigint
                return TextValues.INVALID;
            }
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            boolean whole = number == Math.rint(number) && Math.abs(number) < 0x1p63;
            return whole ? (Object) (long) number : TextValues.INVALID;
        }
        return TextValues.INVALID;
    }

    private static Object toDecimal(Object value) {
        if (value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        return TextValues.INVALID;
    }

    /** A timestamp without zone is taken as UTC, as is midnight of a date. */
    private static Object toTimestampWithZone(Object value) {
        if (value instanceof OffsetDateTime) {
            return value;
        }
        if (value instanceof LocalDateTime timestamp) {
            return timestamp.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay().atOffset(ZoneOffset.UTC);
        }
        return TextValues.INVALID;
    }

    private static Object toJson(Object value) {
        if (value instanceof JsonText json) {
            return json.text();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value == TextValues.INVALID) {
            return value;
        }
        return MAPPER.getNodeFactory().textNode(value.toString()).toString();
    }

    private static boolean isJson(String text) {
        try {
            MAPPER.readTree(text);
            return true;
        } catch (JsonProcessingException e) {
            // not a JSON document: the caller reports the value as not of type json
            return false;
        }
    }
}
