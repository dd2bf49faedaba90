package dev.ownstack.core.config.syncs;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A configured destination: a connector type and its settings. The settings are checked
 * against the connector's configuration spec when the destination is opened (the core does not
 * know the connectors); values written as {@code ${env:NAME}} arrive as
 * {@link dev.ownstack.core.config.Secret}s, everything else as the YAML scalar, list or map.
 *
 * @param name      letters, digits, {@code _} and {@code -}, starting with a letter
 * @param type      the connector, e.g. {@code file}, {@code webhook}, {@code kafka}
 * @param settings  the connector's settings by name, in file order
 * @param directory the folder relative local paths in the settings are read from: the project's
 *                  folder for destinations of {@code ownstack.yml}
 */
public record DestinationDefinition(String name, String type, Map<String, Object> settings, Path directory) {
    public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,62}");

    public DestinationDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(directory, "directory");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("destination name '" + name + "' must use letters, digits, _ and -, start with a letter"
                    + " and be at most 63 characters");
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** A destination whose relative local paths are read from the working folder. */
    public DestinationDefinition(String name, String type, Map<String, Object> settings) {
        this(name, type, settings, Path.of(""));
    }
}
