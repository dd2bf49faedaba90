package dev.ownstack.server.syncs;

import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.core.config.Secret;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The destinations of a project (those of {@code ownstack.yml}, and for the server those saved
 * through the API too) with the connector types on the class path: what the CLI and the REST API
 * list and check. Settings are shown with every secret masked: a
 * {@code ${env:NAME}} value as its reference, any other value of a secret field as {@code ****}.
 * Immutable; {@link #check} opens a connection of its own.
 */
public final class DestinationCatalog {
    public static final String MASK = "****";

    private final Map<String, DestinationDefinition> definitions;
    private final Map<String, SyncDefinition> syncs;
    private final Destinations types;

    public DestinationCatalog(Map<String, DestinationDefinition> definitions, Map<String, SyncDefinition> syncs, Destinations types) {
        this.definitions = new LinkedHashMap<>(definitions);
        this.syncs = new LinkedHashMap<>(syncs);
        this.types = Objects.requireNonNull(types, "types");
    }

    public List<DestinationDefinition> all() {
        return List.copyOf(definitions.values());
    }

    public Destinations types() {
        return types;
    }

    /** @throws OwnstackException {@code NOT_FOUND} naming the destinations there are */
    public DestinationDefinition get(String name) {
        DestinationDefinition definition = definitions.get(name);
        if (definition == null) {
            throw new OwnstackException(ErrorCode.NOT_FOUND, "no destination named '" + name + "'; "
                    + (definitions.isEmpty() ? "there are none (add them under destinations: in ownstack.yml, or with POST /api/destinations)"
                    : "defined: " + String.join(", ", definitions.keySet())));
        }
        return definition;
    }

    /** The syncs that write to the destination, in file order. */
    public List<String> syncsOf(String destination) {
        return syncs.values().stream().filter(sync -> sync.destination().equals(destination)).map(SyncDefinition::name).toList();
    }

    /** The factory of the destination's type, when one is on the class path. */
    public Optional<DestinationFactory> factory(DestinationDefinition definition) {
        return types.all().stream().filter(factory -> factory.type().equals(definition.type())).findFirst();
    }

    /** What is wrong with the destination's settings for its type (unknown type, missing or ill-typed settings); empty when nothing. */
    public List<String> problems(DestinationDefinition definition) {
        try {
            types.settings(definition);
            return List.of();
        } catch (OwnstackException e) {
            if (e.code() != ErrorCode.CONFIG_INVALID) {
                throw e;
            }
            List<String> lines = List.of(e.getMessage().split("\n"));
            return lines.size() == 1 ? lines : lines.subList(1, lines.size()).stream().map(String::strip).toList();
        }
    }

    /** The settings with secrets masked, in file order. */
    public Map<String, Object> shownSettings(DestinationDefinition definition) {
        Map<String, Boolean> secretFields = new LinkedHashMap<>();
        factory(definition).ifPresent(factory -> factory.spec().fields().forEach(field -> secretFields.put(field.name(), field.secret())));
        Map<String, Object> shown = new LinkedHashMap<>();
        definition.settings().forEach((key, value) -> shown.put(key, secretFields.getOrDefault(key, false) ? masked(value) : shown(value)));
        return shown;
    }

    private static Object masked(Object value) {
        return value instanceof Secret secret ? secret.toString() : MASK;
    }

    private static Object shown(Object value) {
        if (value instanceof Secret secret) {
            return secret.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DestinationCatalog::shown).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, element) -> copy.put(String.valueOf(key), shown(element)));
            return copy;
        }
        return value;
    }

    /**
     * Checks the settings against the type's spec, opens the destination and asks it whether it
     * answers with them.
     *
     * @throws OwnstackException {@code NOT_FOUND} for an unknown name, {@code CONFIG_INVALID} for bad settings
     */
    public CheckResult check(String name) {
        DestinationDefinition definition = get(name);
        DestinationFactory factory = types.factory(definition.type());
        DestinationSettings settings = factory.spec().validate(definition);
        try (Destination destination = factory.open(settings)) {
            return destination.check();
        }
    }

    /** The kind of value a field takes, in words: {@code text}, {@code whole number}, {@code one of csv, jsonl}, ... */
    public static String kind(ConfigField field) {
        return switch (field.type()) {
            case STRING -> "text";
            case INTEGER -> "whole number";
            case NUMBER -> "number";
            case BOOLEAN -> "true or false";
            case SECRET -> "secret";
            case ENUM -> "one of " + String.join(", ", field.options());
            case STRING_LIST -> "list of text";
            case STRING_MAP -> "map of text";
            case LOCAL_PATH -> "file or folder path (relative: from the project's folder)";
        };
    }
}
