package dev.ownstack.activation.sync;

import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.syncs.ConsentConfig;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.config.syncs.SyncDefinition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The syncs and destinations of a project (from {@code ownstack.yml} or the server's store), and
 * what a sync's audience source is compiled with. Implementations are thread-safe.
 */
public interface SyncCatalog {
    Optional<SyncDefinition> sync(String name);

    /** Every sync, in the project's order. */
    List<SyncDefinition> syncs();

    Optional<DestinationDefinition> destination(String name);

    /** The audiences of {@code ownstack.yml} by name; those saved through the API are read from the warehouse. */
    default Map<String, AudienceDefinition> audiences() {
        return Map.of();
    }

    /** The time audience rules count back from ({@code models.as-of}); empty: the time of each run. */
    default Optional<Instant> asOf() {
        return Optional.empty();
    }

    /** Which customers each kind of destination may receive ({@code consent:}). */
    default ConsentConfig consent() {
        return ConsentConfig.NONE;
    }

    static SyncCatalog of(Map<String, SyncDefinition> syncs, Map<String, DestinationDefinition> destinations) {
        return of(syncs, destinations, Map.of(), Optional.empty(), ConsentConfig.NONE);
    }

    static SyncCatalog of(Map<String, SyncDefinition> syncs, Map<String, DestinationDefinition> destinations,
                          Map<String, AudienceDefinition> audiences, Optional<Instant> asOf, ConsentConfig consent) {
        Objects.requireNonNull(consent, "consent");
        Map<String, SyncDefinition> syncsCopy = new LinkedHashMap<>(syncs);
        Map<String, DestinationDefinition> destinationsCopy = new LinkedHashMap<>(destinations);
        Map<String, AudienceDefinition> audiencesCopy = new LinkedHashMap<>(audiences);
        Objects.requireNonNull(asOf, "asOf");
        return new SyncCatalog() {
            @Override
            public Optional<SyncDefinition> sync(String name) {
                return Optional.ofNullable(syncsCopy.get(name));
            }

            @Override
            public List<SyncDefinition> syncs() {
                return List.copyOf(syncsCopy.values());
            }

            @Override
            public Optional<DestinationDefinition> destination(String name) {
                return Optional.ofNullable(destinationsCopy.get(name));
            }

            @Override
            public Map<String, AudienceDefinition> audiences() {
                return Map.copyOf(audiencesCopy);
            }

            @Override
            public Optional<Instant> asOf() {
                return asOf;
            }

            @Override
            public ConsentConfig consent() {
                return consent;
            }
        };
    }
}
