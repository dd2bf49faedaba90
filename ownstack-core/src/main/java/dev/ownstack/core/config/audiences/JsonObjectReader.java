package dev.ownstack.core.config.audiences;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the keys of one JSON object of a rule, reporting problems with their paths. Unlike the
 * configuration reader it never expands {@code ${env:...}}: rule values come from API callers too.
 */
final class JsonObjectReader {
    private final JsonNode node;
    private final String path;
    private final List<String> problems;
    private final Set<String> known = new LinkedHashSet<>();

    JsonObjectReader(JsonNode node, String path, List<String> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String at, String message) {
        problems.add(at.isEmpty() ? message : at + ": " + message);
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /** The value under the key, absent when missing or null; the key counts as known. */
    Optional<JsonNode> get(String key) {
        known.add(key);
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    Optional<String> text(String key) {
        Optional<JsonNode> value = get(key);
        if (value.isPresent() && !value.get().isTextual()) {
            problem(pathOf(key), "must be text, got " + describe(value.get()));
            return Optional.empty();
        }
        return value.map(JsonNode::asText);
    }

    Optional<String> requiredText(String key) {
        if (!has(key)) {
            known.add(key);
            problem(pathOf(key), "is required");
            return Optional.empty();
        }
        Optional<String> text = text(key);
        if (text.isPresent() && text.get().isEmpty()) {
            problem(pathOf(key), "must not be empty");
            return Optional.empty();
        }
        return text;
    }

    Optional<Boolean> bool(String key) {
        Optional<JsonNode> value = get(key);
        if (value.isPresent() && !value.get().isBoolean()) {
            problem(pathOf(key), "must be true or false, got " + describe(value.get()));
            return Optional.empty();
        }
        return value.map(JsonNode::booleanValue);
    }

    /** A whole number from min to max. */
    Optional<Long> whole(String key, long min, long max) {
        Optional<JsonNode> value = get(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return wholeValue(value.get(), pathOf(key), min, max);
    }

    Optional<Long> wholeValue(JsonNode value, String at, long min, long max) {
        if (!value.isNumber() || !isWhole(value)) {
            problem(at, "must be a whole number from " + min + " to " + max + ", got " + describe(value));
            return Optional.empty();
        }
        long number = value.decimalValue().longValue();
        if (value.decimalValue().compareTo(java.math.BigDecimal.valueOf(min)) < 0
                || value.decimalValue().compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
            problem(at, "must be a whole number from " + min + " to " + max + ", got " + describe(value));
            return Optional.empty();
        }
        return Optional.of(number);
    }

    private static boolean isWhole(JsonNode value) {
        return value.isIntegralNumber() || value.decimalValue().stripTrailingZeros().scale() <= 0;
    }

    /** Reports every key no reader asked for, naming the keys this kind of object has. */
    void finish() {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                unknown.add(key);
            }
        }
        for (String key : unknown) {
            problem(pathOf(key), "unknown key \"" + key + "\"; expected one of " + String.join(", ", known));
        }
    }

    static String describe(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isTextual()) {
            return '"' + value.asText() + '"';
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.toString();
    }
}
