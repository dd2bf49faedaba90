package dev.ownstack.activation.destination;

import dev.ownstack.core.config.Secret;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The settings a destination type takes. {@link #validate} turns a definition's raw settings into checked {@link DestinationSettings}. */
public record ConfigSpec(List<ConfigField> fields) {
    public ConfigSpec {
        fields = List.copyOf(fields);
    }

    public static ConfigSpec of(ConfigField... fields) {
        return new ConfigSpec(List.of(fields));
    }

    /**
     * Checks every setting of the definition against the spec and reports all problems at once.
     *
     * @throws OwnstackException {@code CONFIG_INVALID} naming each unknown, missing or ill-typed
     *     setting as {@code destinations.<name>.<setting>} with the value given (secrets are never
     *     quoted)
     */
    public DestinationSettings validate(DestinationDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        String prefix = "destinations." + definition.name() + ".";
        List<String> problems = new ArrayList<>();
        Map<String, ConfigField> byName = new LinkedHashMap<>();
        for (ConfigField field : fields) {
            byName.put(field.name(), field);
        }
        for (String key : definition.settings().keySet()) {
            if (!byName.containsKey(key)) {
                problems.add(prefix + key + ": unknown setting of a " + definition.type() + " destination; known: "
                        + String.join(", ", byName.keySet()));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigField field : fields) {
            Object raw = definition.settings().get(field.name());
            if (raw == null) {
                if (field.required()) {
                    problems.add(prefix + field.name() + ": required (" + field.description() + ")");
                } else if (field.defaultValue().isPresent()) {
                    Object value = field.defaultValue().get();
                    values.put(field.name(), field.type() == ConfigField.Type.LOCAL_PATH ? localPath(definition, (String) value) : value);
                }
                continue;
            }
            String problem = check(field, raw);
            if (problem != null) {
                problems.add(prefix + field.name() + ": " + problem);
            } else if (field.type() == ConfigField.Type.LOCAL_PATH) {
                values.put(field.name(), localPath(definition, (String) raw));
            } else {
                values.put(field.name(), convert(field, raw));
            }
        }
        if (!problems.isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "destination " + definition.name() + " (" + definition.type() + ") has "
                    + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n  " + String.join("\n  ", problems));
        }
        return new DestinationSettings(definition.name(), definition.type(), values);
    }

    /** A local path as an absolute one, a relative path read from the definition's directory (the project's folder). */
    private static String localPath(DestinationDefinition definition, String path) {
        return definition.directory().resolve(path).toAbsolutePath().normalize().toString();
    }

    private static String check(ConfigField field, Object raw) {
        String shown = field.secret() || raw instanceof Secret ? "****" : "'" + raw + "'";
        return switch (field.type()) {
            case STRING -> raw instanceof String || raw instanceof Secret ? null : "must be text, got " + shown;
            case LOCAL_PATH -> raw instanceof String text && !text.isBlank() ? null : "must be a file or folder path, got " + shown;
            case SECRET -> raw instanceof String || raw instanceof Secret ? null : "must be text (best as ${env:NAME})";
            case INTEGER -> integer(raw) != null ? null : "must be a whole number, got " + shown;
            case NUMBER -> number(raw) != null ? null : "must be a number, got " + shown;
            case BOOLEAN -> raw instanceof Boolean || "true".equals(raw) || "false".equals(raw) ? null : "must be true or false, got " + shown;
            case ENUM -> field.options().contains(String.valueOf(raw)) ? null
                    : "must be one of " + String.join(", ", field.options()) + ", got " + shown;
            case STRING_LIST -> raw instanceof List<?> list && list.stream().allMatch(item -> item instanceof String || item instanceof Secret)
                    ? null : "must be a list of text values, got " + shown;
            case STRING_MAP -> raw instanceof Map<?, ?> map && map.values().stream().allMatch(v -> v instanceof String || v instanceof Secret)
                    ? null : "must be a map of names to text values, got " + shown;
        };
    }

    private static Object convert(ConfigField field, Object raw) {
        return switch (field.type()) {
            // Text given as ${env:NAME} stays a Secret, so that the settings never print it; the accessors reveal it.
            case STRING -> raw instanceof Secret secret ? secret : String.valueOf(raw);
            case ENUM -> raw instanceof Secret secret ? secret.reveal() : String.valueOf(raw);
            case LOCAL_PATH -> String.valueOf(raw);
            case SECRET -> raw instanceof Secret secret ? secret : Secret.literal((String) raw);
            case INTEGER -> integer(raw);
            case NUMBER -> number(raw);
            case BOOLEAN -> raw instanceof Boolean b ? b : Boolean.valueOf((String) raw);
            case STRING_LIST -> List.copyOf((List<?>) raw);
            case STRING_MAP -> {
                Map<String, Object> map = new LinkedHashMap<>();
                ((Map<?, ?>) raw).forEach((k, v) -> map.put(String.valueOf(k), v));
                yield Collections.unmodifiableMap(map);
            }
        };
    }

    private static Long integer(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Double number(Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof String text) {
            try {
                return new BigDecimal(text.trim()).doubleValue();
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
