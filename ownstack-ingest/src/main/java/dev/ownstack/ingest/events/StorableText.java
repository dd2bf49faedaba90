package dev.ownstack.ingest.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Text that both warehouses can store. Valid JSON may still carry a NUL character ({@code \u0000})
 * or half of a surrogate pair ({@code \ud800}), which PostgreSQL refuses in {@code text} and
 * {@code jsonb}; one such event would stop every load after it, so it is rejected instead.
 */
final class StorableText {
    private static final char REPLACEMENT = '\uFFFD';

    private StorableText() {
    }

    /**
     * Where in {@code node} (a path such as {@code properties.note}, or {@code ""} for the node
     * itself) the first text that cannot be stored is, or {@code null} when all of it can.
     */
    static String badTextPath(JsonNode node) {
        if (node.isTextual()) {
            return isStorable(node.textValue()) ? null : "";
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!isStorable(field.getKey())) {
                    return field.getKey();
                }
                JsonNode value = field.getValue();
                if (value.isContainerNode() || value.isTextual()) {
                    String inner = badTextPath(value);
                    if (inner != null) {
                        return inner.isEmpty() ? field.getKey() : field.getKey() + "." + inner;
                    }
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode value = node.get(i);
                if (value.isContainerNode() || value.isTextual()) {
                    String inner = badTextPath(value);
                    if (inner != null) {
                        return inner.isEmpty() ? "[" + i + "]" : "[" + i + "]." + inner;
                    }
                }
            }
        }
        return null;
    }

    static boolean isStorable(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code text} with every NUL and unpaired surrogate replaced by U+FFFD, for reject records. */
    static String clean(String text) {
        if (isStorable(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                out.append(REPLACEMENT);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
