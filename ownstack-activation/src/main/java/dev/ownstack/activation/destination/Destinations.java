package dev.ownstack.activation.destination;

import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The destination types on the class path, by type name. */
public final class Destinations {
    private final Map<String, DestinationFactory> factories;

    public Destinations(Collection<DestinationFactory> factories) {
        Map<String, DestinationFactory> byType = new TreeMap<>();
        for (DestinationFactory factory : factories) {
            DestinationFactory before = byType.put(factory.type(), factory);
            if (before != null) {
                throw new IllegalStateException("two destination types named " + factory.type() + ": " + before.getClass().getName()
                        + " and " + factory.getClass().getName());
            }
        }
        this.factories = Collections.unmodifiableMap(byType);
    }

    /** Every {@link DestinationFactory} registered with {@link ServiceLoader}. */
    public static Destinations load() {
        return new Destinations(ServiceLoader.load(DestinationFactory.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    public List<DestinationFactory> all() {
        return List.copyOf(factories.values());
    }

    /** @throws OwnstackException {@code CONFIG_INVALID} naming the type and the known types */
    public DestinationFactory factory(String type) {
        DestinationFactory factory = factories.get(Objects.requireNonNull(type, "type"));
        if (factory == null) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "unknown destination type '" + type + "'; known types: "
                    + (factories.isEmpty() ? "none" : String.join(", ", factories.keySet())));
        }
        return factory;
    }

    /** The kind of tool the type is, for consent; {@code DATA} for a type no connector provides. */
    public DestinationCategory category(String type) {
        DestinationFactory factory = factories.get(Objects.requireNonNull(type, "type"));
        return factory == null ? DestinationCategory.DATA : factory.category();
    }

    /** Checks the definition's settings against its type's spec. */
    public DestinationSettings settings(DestinationDefinition definition) {
        return factory(definition.type()).spec().validate(definition);
    }
}
