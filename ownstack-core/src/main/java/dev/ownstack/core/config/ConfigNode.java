package dev.ownstack.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cursor over one object of the YAML tree that reads typed values and reports every problem
 * (with its path) to a shared {@link ConfigProblems} instead of throwing, so that a whole file is
 * checked in one pass. Keys that were never read are reported as unknown by {@link #finish()}.
 */
public final class ConfigNode {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)?");
    private static final Pattern BYTE_SIZE = Pattern.compile("(\\d{1,15})\\s*([KMGkmg][iI]?[Bb]|[Bb])?");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private final JsonNode node;
    private final String path;
    private final ConfigProblems problems;
    private final Function<String, Optional<String>> environment;
    private final Set<String> read = new LinkedHashSet<>();

    public ConfigNode(JsonNode node, String path, ConfigProblems problems, Function<String, Optional<String>> environment) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.problems = problems;
        this.environment = environment;
    }

    public String path() {
        return path;
    }

    public ConfigProblems problems() {
        return problems;
    }

    public boolean isObject() {
        return node.isObject();
    }

    public boolean isList() {
        return node.isArray();
    }

    /** The elements of this node when it is a list (for values that may be a text or a list). */
    public List<ConfigNode> elements() {
        List<ConfigNode> elements = new ArrayList<>();
        for (int i = 0; i < node.size() && node.isArray(); i++) {
            elements.add(new ConfigNode(node.get(i), path + "[" + i + "]", problems, environment));
        }
        return elements;
    }

    public boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    private String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private JsonNode take(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    /** The object under {@code key}; an empty node when absent, a problem when not an object. */
    public ConfigNode object(String key) {
        JsonNode value = take(key);
        if (value != null && !value.isObject()) {
            problems.add(pathOf(key), "must be a mapping of keys to values, got " + describe(value));
            value = null;
        }
        return new ConfigNode(value, pathOf(key), problems, environment);
    }

    /** The entries of the object under {@code key}, in file order, each as a node. */
    public Map<String, ConfigNode> entries(String key) {
        JsonNode value = take(key);
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        if (value == null) {
            return entries;
        }
        if (!value.isObject()) {
            problems.add(pathOf(key), "must be a mapping of names to definitions, got " + describe(value));
            return entries;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            entries.put(entry.getKey(), new ConfigNode(entry.getValue(), pathOf(key) + "." + entry.getKey(), problems, environment));
        }
        return entries;
    }

    /** The elements of the list under {@code key}; each element as a node. */
    public List<ConfigNode> list(String key) {
        JsonNode value = take(key);
        List<ConfigNode> elements = new ArrayList<>();
        if (value == null) {
            return elements;
        }
        if (!value.isArray()) {
            problems.add(pathOf(key), "must be a list, got " + describe(value));
            return elements;
        }
        for (int i = 0; i < value.size(); i++) {
            elements.add(new ConfigNode(value.get(i), pathOf(key) + "[" + i + "]", problems, environment));
        }
        return elements;
    }

    /** This node read as a string scalar (for list elements). */
    public Optional<String> asString() {
        if (node.isMissingNode() || node.isNull()) {
            problems.add(path, "must not be empty");
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            problems.add(path, "must be a text value, got " + describe(node));
            return Optional.empty();
        }
        return expand(path, node.asText());
    }

    public Optional<String> string(String key) {
        JsonNode value = take(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            problems.add(pathOf(key), "must be a text value, got " + describe(value));
            return Optional.empty();
        }
        return expand(pathOf(key), value.asText());
    }

    public Optional<String> requiredString(String key) {
        if (!has(key)) {
            read.add(key);
            problems.add(pathOf(key), "is required");
            return Optional.empty();
        }
        Optional<String> value = string(key);
        if (value.isPresent() && value.get().isBlank()) {
            problems.add(pathOf(key), "must not be empty");
            return Optional.empty();
        }
        return value;
    }

    /** A list of strings, also accepting a single string. */
    public List<String> stringList(String key) {
        JsonNode value = node.get(key);
        if (value != null && value.isValueNode() && !value.isNull()) {
            return string(key).map(List::of).orElse(List.of());
        }
        List<String> strings = new ArrayList<>();
        for (ConfigNode element : list(key)) {
            element.asString().ifPresent(strings::add);
        }
        return strings;
    }

    public int integer(String key, int defaultValue, int min, int max) {
        JsonNode value = take(key);
        if (value == null) {
            return defaultValue;
        }
        String text = value.isValueNode() ? expand(pathOf(key), value.asText()).orElse("") : null;
        try {
            if (text == null) {
                throw new NumberFormatException();
            }
            int parsed = Integer.parseInt(text.trim());
            if (parsed < min || parsed > max) {
                problems.add(pathOf(key), "must be between " + min + " and " + max + ", got " + parsed);
                return defaultValue;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(pathOf(key), "must be a whole number, got " + describe(value));
            return defaultValue;
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        JsonNode value = take(key);
        if (value == null) {
            return defaultValue;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        problems.add(pathOf(key), "must be true or false, got " + describe(value));
        return defaultValue;
    }

    /** One of a fixed set of words, mapped to a value. */
    public <T> Optional<T> choice(String key, Map<String, T> allowed) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        T value = allowed.get(text.get());
        if (value == null) {
            problems.add(pathOf(key), "must be one of " + String.join(", ", allowed.keySet()) + ", got '" + text.get() + "'");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /**
     * A secret: normally {@code ${env:NAME}}. A literal value is accepted with a note. Problems
     * about a secret never quote its value.
     */
    public Optional<Secret> secret(String key) {
        JsonNode value = take(key);
        return value == null ? Optional.empty() : secretValue(pathOf(key), value);
    }

    private Optional<Secret> secretValue(String at, JsonNode value) {
        if (!value.isValueNode() || value.isNull()) {
            problems.add(at, "must be a text value such as ${env:NAME}, got " + (value.isNull() ? "nothing"
                    : "a " + value.getNodeType().name().toLowerCase()));
            return Optional.empty();
        }
        String text = value.asText();
        Matcher matcher = ENV_REFERENCE.matcher(text.trim());
        if (matcher.matches()) {
            String name = matcher.group(1);
            Optional<String> resolved = environment.apply(name);
            if (resolved.isEmpty()) {
                problems.add(at, "environment variable " + name + " is not set");
                return Optional.empty();
            }
            return Optional.of(Secret.fromEnvironment(name, resolved.get()));
        }
        problems.note(at, "secret written in the file; prefer ${env:NAME} so it stays out of version control");
        return Optional.of(Secret.literal(text));
    }

    /** A list of secrets, also accepting a single one; each element read as {@link #secret(String)} reads one. */
    public List<Secret> secretList(String key) {
        JsonNode value = node.get(key);
        if (value != null && value.isValueNode() && !value.isNull()) {
            return secret(key).map(List::of).orElse(List.of());
        }
        List<Secret> secrets = new ArrayList<>();
        JsonNode array = take(key);
        if (array == null) {
            return secrets;
        }
        if (!array.isArray()) {
            problems.add(pathOf(key), "must be a list of values such as ${env:NAME}, got " + describe(array));
            return secrets;
        }
        for (int i = 0; i < array.size(); i++) {
            secretValue(pathOf(key) + "[" + i + "]", array.get(i)).ifPresent(secrets::add);
        }
        return secrets;
    }

    /**
     * A duration such as {@code 500ms}, {@code 5s}, {@code 10m}, {@code 24h} or {@code 7d}; a bare
     * number means seconds.
     */
    public java.time.Duration duration(String key, java.time.Duration defaultValue, java.time.Duration min) {
        JsonNode value = take(key);
        if (value == null) {
            return defaultValue;
        }
        String text = value.isValueNode() ? expand(pathOf(key), value.asText()).orElse("").trim() : "";
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            problems.add(pathOf(key), "must be a duration such as 500ms, 5s, 10m, 24h or 7d, got " + describe(value));
            return defaultValue;
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        java.time.Duration parsed = switch (unit) {
            case "ms" -> java.time.Duration.ofMillis(amount);
            case "m" -> java.time.Duration.ofMinutes(amount);
            case "h" -> java.time.Duration.ofHours(amount);
            case "d" -> java.time.Duration.ofDays(amount);
            default -> java.time.Duration.ofSeconds(amount);
        };
        if (parsed.compareTo(min) < 0) {
            problems.add(pathOf(key), "must be at least " + min.toMillis() + "ms, got " + describe(value));
            return defaultValue;
        }
        return parsed;
    }

    /**
     * A size in bytes such as {@code 32KB}, {@code 500 KB}, {@code 1GB} (powers of 1,024, as HTTP
     * limits are usually meant) or a bare number of bytes.
     */
    public long byteSize(String key, long defaultValue, long min, long max) {
        JsonNode value = take(key);
        if (value == null) {
            return defaultValue;
        }
        String text = value.isValueNode() ? expand(pathOf(key), value.asText()).orElse("").trim() : "";
        Matcher matcher = BYTE_SIZE.matcher(text);
        if (!matcher.matches()) {
            problems.add(pathOf(key), "must be a size such as 32KB, 500KB, 2MB or 1GB, got " + describe(value));
            return defaultValue;
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "B" : matcher.group(2).toUpperCase().replace("I", "");
        long parsed = switch (unit) {
            case "KB" -> amount << 10;
            case "MB" -> amount << 20;
            case "GB" -> amount << 30;
            default -> amount;
        };
        if (parsed < min || parsed > max) {
            problems.add(pathOf(key), "must be between " + min + " and " + max + " bytes, got " + describe(value));
            return defaultValue;
        }
        return parsed;
    }

    /** A number from {@code min} to {@code max}, such as {@code 0.2}. */
    public double number(String key, double defaultValue, double min, double max) {
        JsonNode value = take(key);
        if (value == null) {
            return defaultValue;
        }
        String text = value.isValueNode() ? expand(pathOf(key), value.asText()).orElse("").trim() : "";
        try {
            double parsed = Double.parseDouble(text);
            if (!(parsed >= min && parsed <= max)) {
                problems.add(pathOf(key), "must be from " + min + " to " + max + ", got " + describe(value));
                return defaultValue;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(pathOf(key), "must be a number, got " + describe(value));
            return defaultValue;
        }
    }

    /** The keys of this object in file order (none when it is not an object). */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /**
     * A free-form setting handed to a plug-in that checks it against its own spec: a text that is
     * exactly {@code ${env:NAME}} becomes a {@link Secret}, other texts have their references
     * expanded, numbers and booleans stay as they are, lists and mappings are read element by
     * element. Empty when absent or when a referenced variable is not set (reported).
     */
    public Optional<Object> setting(String key) {
        JsonNode value = take(key);
        return value == null ? Optional.empty() : settingValue(pathOf(key), value);
    }

    private Optional<Object> settingValue(String at, JsonNode value) {
        if (value.isTextual()) {
            if (ENV_REFERENCE.matcher(value.asText().trim()).matches()) {
                return secretValue(at, value).map(Object.class::cast);
            }
            return expand(at, value.asText()).map(Object.class::cast);
        }
        if (value.isBoolean()) {
            return Optional.of(value.booleanValue());
        }
        if (value.isIntegralNumber()) {
            return Optional.of(value.longValue());
        }
        if (value.isNumber()) {
            return Optional.of(value.doubleValue());
        }
        if (value.isArray()) {
            List<Object> elements = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                settingValue(at + "[" + i + "]", value.get(i)).ifPresent(elements::add);
            }
            return Optional.of(List.copyOf(elements));
        }
        if (value.isObject()) {
            Map<String, Object> entries = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                settingValue(at + "." + entry.getKey(), entry.getValue()).ifPresent(v -> entries.put(entry.getKey(), v));
            }
            return Optional.of(java.util.Collections.unmodifiableMap(entries));
        }
        return Optional.empty();
    }

    /** The raw tree under {@code key}, for free-form maps handed to an external program. */
    public Optional<JsonNode> raw(String key) {
        return Optional.ofNullable(take(key));
    }

    /**
     * The tree under {@code key} with {@code ${env:NAME}} resolved in every text value, for a
     * free-form mapping handed to an external program (a Singer tap's config). Its values may be
     * secrets: callers keep the result out of messages.
     */
    public Optional<JsonNode> resolvedTree(String key) {
        return raw(key).map(tree -> {
            JsonNode copy = tree.deepCopy();
            resolveInPlace(copy, pathOf(key));
            return copy;
        });
    }

    private void resolveInPlace(JsonNode tree, String at) {
        if (tree instanceof ObjectNode object) {
            for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                JsonNode child = object.get(key);
                if (child.isTextual()) {
                    object.put(key, expand(at + "." + key, child.asText()).orElse(""));
                } else {
                    resolveInPlace(child, at + "." + key);
                }
            }
        } else if (tree instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String element = at + "[" + i + "]";
                if (array.get(i).isTextual()) {
                    array.set(i, array.textNode(expand(element, array.get(i).asText()).orElse("")));
                } else {
                    resolveInPlace(array.get(i), element);
                }
            }
        }
    }

    /** Expands {@code ${env:NAME}} references inside an ordinary (non-secret) value. */
    private Optional<String> expand(String at, String text) {
        Matcher matcher = ENV_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        while (matcher.find()) {
            Optional<String> resolved = environment.apply(matcher.group(1));
            if (resolved.isEmpty()) {
                problems.add(at, "environment variable " + matcher.group(1) + " is not set");
                ok = false;
                matcher.appendReplacement(out, "");
            } else {
                matcher.appendReplacement(out, Matcher.quoteReplacement(resolved.get()));
            }
        }
        matcher.appendTail(out);
        return ok ? Optional.of(out.toString()) : Optional.empty();
    }

    /** Reports every key of this object that no reader asked for. */
    public void finish() {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!read.contains(key)) {
                problems.add(pathOf(key), "unknown key" + suggestion(key));
            }
        }
    }

    private String suggestion(String key) {
        String best = null;
        int bestDistance = 3;
        for (String known : read) {
            int distance = editDistance(key, known);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = known;
            }
        }
        return best == null ? " (known keys: " + String.join(", ", read) + ")" : " (did you mean '" + best + "'?)";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "'" + value.asText() + "'";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.toString();
    }
}
