package dev.ownstack.activation.sync.delivery;

import java.math.BigDecimal;
import java.util.Map;

/** The size in UTF-8 bytes of a record's fields written as one JSON object, for batch byte limits. Counts without building the text. */
final class JsonSize {
    private JsonSize() {
    }

    static long of(Map<String, Object> fields) {
        long size = 2;
        boolean first = true;
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            size += (first ? 0 : 1) + string(field.getKey()) + 1 + value(field.getValue());
            first = false;
        }
        return size;
    }

    private static long value(Object value) {
        if (value == null) {
            return 4;
        }
        if (value instanceof Boolean || value instanceof Number) {
            return value instanceof BigDecimal decimal ? decimal.toPlainString().length() : value.toString().length();
        }
        return string(value.toString());
    }

    private static long string(String text) {
        long size = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
                size += 2;
            } else if (c < 0x20) {
                size += 6;
            } else if (c < 0x80) {
                size += 1;
            } else if (c < 0x800) {
                size += 2;
            } else if (Character.isHighSurrogate(c)) {
                size += 4;
                i++;
            } else {
                size += 3;
            }
        }
        return size;
    }
}
