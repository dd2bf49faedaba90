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
 * defaults filled in. {@link #toString()} never shows secrets.
 */
public record DestinationSettings(String name, String type, Map<String, Object> values) {
    public DestinationSettings {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String string(String key) {
        return required(key, String.class);
    }

    public Optional<String> optionalString(String key) {
        return Optional.ofNullable((String) values.get(key));
    }

    public long integer(String key) {
        return required(key, Long.class);
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

    @SuppressWarnings("unchecked")
    public List<String> list(String key) {
        Object value = values.get(key);
        return value == null ? List.of() : (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> map(String key) {
        Object value = values.get(key);
        return value == null ? Map.of() : (Map<String, String>) value;
    }

    private <T> T required(String key, Class<T> type) {
        Object value = values.get(key);
        if (value == null) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "destinations." + name + "." + key + ": not set");
        }
        return type.cast(value);
    }
}
