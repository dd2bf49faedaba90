package dev.ownstack.activation.destination;

import dev.ownstack.core.config.Secret;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A destination's settings, checked against its type's {@link ConfigSpec}: each value has its
 * field's type (String, Long, Double, Boolean, {@link Secret}, List of String, Map of String),
 * defaults filled in. Text written as {@code ${env:NAME}} (a header's token in a map, say) stays
 * a {@link Secret} in {@link #values()}, so {@link #toString()} never shows secrets; the typed
 * accessors reveal it.
 */
public record DestinationSettings(String name, String type, Map<String, Object> values) {
    public DestinationSettings {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String string(String key) {
        return text(required(key, Object.class));
    }

    public Optional<String> optionalString(String key) {
        return Optional.ofNullable(values.get(key)).map(DestinationSettings::text);
    }

    public long integer(String key) {
        return required(key, Long.class);
    }

    /**
     * The whole-number setting, when it lies in {@code [min, max]}; otherwise {@code min}, with a
     * problem naming {@code destinations.<name>.<key>}, the range and the value added to {@code problems}.
     */
    public long integer(String key, long min, long max, java.util.List<String> problems) {
        long value = integer(key);
        if (value < min || value > max) {
            problems.add("destinations." + name + "." + key + ": must be between " + min + " and " + max + ", got " + value);
            return min;
        }
        return value;
    }

    public double number(String key) {
        return required(key, Double.class);
    }

    public boolean bool(String key) {
        return required(key, Boolean.class);
    }

    public Secret secret(String key) {
        return required(key, Secret.class);
    }

    public Optional<Secret> optionalSecret(String key) {
        return Optional.ofNullable((Secret) values.get(key));
    }

    public List<String> list(String key) {
        Object value = values.get(key);
        return value == null ? List.of() : ((List<?>) value).stream().map(DestinationSettings::text).toList();
    }

    public Map<String, String> map(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((name, text) -> map.put(String.valueOf(name), text(text)));
        return Collections.unmodifiableMap(map);
    }

    private static String text(Object value) {
        return value instanceof Secret secret ? secret.reveal() : (String) value;
    }

    private <T> T required(String key, Class<T> type) {
        Object value = values.get(key);
        if (value == null) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "destinations." + name + "." + key + ": not set");
        }
        return type.cast(value);
    }
}
