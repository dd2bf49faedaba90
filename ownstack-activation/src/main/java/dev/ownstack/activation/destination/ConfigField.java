package dev.ownstack.activation.destination;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One setting of a destination type, as the configuration file, the REST API and the web app's
 * forms know it.
 *
 * @param name         the key under the destination in {@code ownstack.yml}, in kebab-case
 * @param type         the kind of value
 * @param required     whether it must be given (a field with a default is never required)
 * @param defaultValue the value when not given, as the YAML scalar would be
 * @param options      for {@link Type#ENUM}, the allowed values
 * @param description  one sentence for the user
 */
public record ConfigField(String name, Type type, boolean required, Optional<Object> defaultValue, List<String> options, String description) {
    /**
     * The kinds of setting values. A {@link #SECRET} is write-only: never printed, returned by the
     * API or logged. A {@link #LOCAL_PATH} is a file or folder on this machine: a relative one is
     * read from the definition's directory (the project's folder) and handed on absolute.
     */
    public enum Type {
        STRING, INTEGER, NUMBER, BOOLEAN, SECRET, ENUM, STRING_LIST, STRING_MAP, LOCAL_PATH
    }

    public ConfigField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        options = List.copyOf(options);
        Objects.requireNonNull(description, "description");
        if (required && defaultValue.isPresent()) {
            throw new IllegalArgumentException("setting " + name + " has a default, so it cannot be required");
        }
        if ((type == Type.ENUM) == options.isEmpty()) {
            throw new IllegalArgumentException("setting " + name + ": an enum lists its options, other types have none");
        }
    }

    public static ConfigField required(String name, Type type, String description) {
        return new ConfigField(name, type, true, Optional.empty(), List.of(), description);
    }

    public static ConfigField optional(String name, Type type, String description) {
        return new ConfigField(name, type, false, Optional.empty(), List.of(), description);
    }

    public static ConfigField withDefault(String name, Type type, Object defaultValue, String description) {
        return new ConfigField(name, type, false, Optional.of(defaultValue), List.of(), description);
    }

    public static ConfigField choice(String name, String defaultValue, List<String> options, String description) {
        return new ConfigField(name, Type.ENUM, false, Optional.of(defaultValue), options, description);
    }

    public boolean secret() {
        return type == Type.SECRET;
    }
}
