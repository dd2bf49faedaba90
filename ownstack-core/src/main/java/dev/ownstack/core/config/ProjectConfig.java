package dev.ownstack.core.config;

import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.models.ModelsConfig;
import dev.ownstack.core.config.scores.ScoresConfig;
import dev.ownstack.core.config.syncs.ConsentConfig;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.config.syncs.SyncDefinition;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated {@code ownstack.yml}. {@code audiences}, {@code destinations} and {@code syncs} are
 * the definitions in the file, by name, in file order; {@code alerts} is where sync failures are
 * reported; {@code consent} says which customers each kind of destination may receive; {@code scores}
 * are the scoring models whose outputs become customer traits.
 */
public record ProjectConfig(Path directory, String name, WarehouseConfig warehouse, Map<String, SourceConfig> sources,
                            ServerConfig server, CollectorConfig collector, Optional<IdentityConfig> identity,
                            Optional<ModelsConfig> models, Map<String, AudienceDefinition> audiences,
                            Map<String, DestinationDefinition> destinations, Map<String, SyncDefinition> syncs,
                            Optional<AlertsConfig> alerts, ConsentConfig consent, ScoresConfig scores,
                            List<String> notes) {
    public static final String FILE_NAME = "ownstack.yml";

    public ProjectConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(collector, "collector");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(models, "models");
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        audiences = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(audiences));
        destinations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(destinations));
        syncs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(syncs));
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(scores, "scores");
        notes = List.copyOf(notes);
    }

    /** A configuration without scoring models. */
    public ProjectConfig(Path directory, String name, WarehouseConfig warehouse, Map<String, SourceConfig> sources,
                         ServerConfig server, CollectorConfig collector, Optional<IdentityConfig> identity,
                         Optional<ModelsConfig> models, Map<String, AudienceDefinition> audiences,
                         Map<String, DestinationDefinition> destinations, Map<String, SyncDefinition> syncs,
                         Optional<AlertsConfig> alerts, ConsentConfig consent, List<String> notes) {
        this(directory, name, warehouse, sources, server, collector, identity, models, audiences, destinations, syncs, alerts, consent,
                ScoresConfig.NONE, notes);
    }

    /** A configuration without destinations, syncs or alerts. */
    public ProjectConfig(Path directory, String name, WarehouseConfig warehouse, Map<String, SourceConfig> sources, ServerConfig server,
                         CollectorConfig collector, Optional<IdentityConfig> identity, Optional<ModelsConfig> models,
                         Map<String, AudienceDefinition> audiences, List<String> notes) {
        this(directory, name, warehouse, sources, server, collector, identity, models, audiences, Map.of(), Map.of(), Optional.empty(), ConsentConfig.NONE, notes);
    }

    /** A configuration without audiences. */
    public ProjectConfig(Path directory, String name, WarehouseConfig warehouse, Map<String, SourceConfig> sources, ServerConfig server,
                         CollectorConfig collector, Optional<IdentityConfig> identity, Optional<ModelsConfig> models, List<String> notes) {
        this(directory, name, warehouse, sources, server, collector, identity, models, Map.of(), notes);
    }

    /** This configuration with other destinations and syncs (a demo project adds its own). */
    public ProjectConfig withSyncs(Map<String, DestinationDefinition> newDestinations, Map<String, SyncDefinition> newSyncs) {
        return new ProjectConfig(directory, name, warehouse, sources, server, collector, identity, models, audiences, newDestinations, newSyncs,
                alerts, consent, scores, notes);
    }

    public Optional<SourceConfig> source(String sourceName) {
        return Optional.ofNullable(sources.get(sourceName));
    }

    /** This configuration with another {@code server:} section (for command-line overrides). */
    public ProjectConfig withServer(ServerConfig newServer) {
        return new ProjectConfig(directory, name, warehouse, sources, newServer, collector, identity, models, audiences, destinations, syncs,
                alerts, consent, scores, notes);
    }

    /** The sources {@code ownstack ingest} loads: files, JDBC tables and Singer taps. */
    public List<SourceConfig> batchSources() {
        return sources.values().stream().filter(source -> !(source instanceof SourceConfig.Events)).toList();
    }

    /** The event sources the collector of {@code ownstack serve} accepts traffic for. */
    public List<SourceConfig.Events> eventSources() {
        return sources.values().stream().filter(SourceConfig.Events.class::isInstance).map(SourceConfig.Events.class::cast).toList();
    }
}
