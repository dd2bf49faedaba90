package dev.ownstack.core.config;

import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.models.ModelsConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated {@code ownstack.yml}. Sections that later versions fill ({@code destinations},
 * {@code syncs}) are reserved: the loader knows their names so that the file format never has to
 * break. {@code audiences} are the audiences defined in the file, by name, in file order.
 */
public record ProjectConfig(Path directory, String name, WarehouseConfig warehouse, Map<String, SourceConfig> sources,
                            ServerConfig server, CollectorConfig collector, Optional<IdentityConfig> identity,
                            Optional<ModelsConfig> models, Map<String, AudienceDefinition> audiences, List<String> notes) {
    public static final String FILE_NAME = "ownstack.yml";
    public static final List<String> RESERVED_SECTIONS = List.of("destinations", "syncs");

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
        notes = List.copyOf(notes);
    }

    /** A configuration without audiences. */
    public ProjectConfig(Path directory, String name, WarehouseConfig warehouse, Map<String, SourceConfig> sources, ServerConfig server,
                         CollectorConfig collector, Optional<IdentityConfig> identity, Optional<ModelsConfig> models, List<String> notes) {
        this(directory, name, warehouse, sources, server, collector, identity, models, Map.of(), notes);
    }

    public Optional<SourceConfig> source(String sourceName) {
        return Optional.ofNullable(sources.get(sourceName));
    }

    /** This configuration with another {@code server:} section (for command-line overrides). */
    public ProjectConfig withServer(ServerConfig newServer) {
        return new ProjectConfig(directory, name, warehouse, sources, newServer, collector, identity, models, audiences, notes);
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
