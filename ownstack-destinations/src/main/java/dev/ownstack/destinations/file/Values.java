package dev.ownstack.destinations.file;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The forms of a record's values in files. */
final class Values {
    private Values() {
    }

    /**
     * The value as files hold it: text, Long, BigDecimal (finite floating point numbers, without
     * trailing zeros), Boolean or null; times, dates and anything else become their ISO-8601 or
     * other text.
     */
    static Object normal(Object value) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            return plain(new BigDecimal(value.toString()));
        }
        if (value instanceof BigDecimal decimal) {
            return plain(decimal);
        }
        return String.valueOf(value);
    }

    /** Every value of the fields {@link #normal normal}, order kept. */
    static Map<String, Object> normal(Map<String, Object> fields) {
        Map<String, Object> normal = new LinkedHashMap<>();
        fields.forEach((name, value) -> normal.put(name, normal(value)));
        return normal;
    }

    /** The text of a normal value: numbers without exponent. */
    static String text(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return String.valueOf(value);
    }

    private static BigDecimal plain(BigDecimal decimal) {
        BigDecimal stripped = decimal.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
