package dev.ownstack.core.config.identity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code identity:} section of {@code ownstack.yml}: match keys in priority order (first is
 * highest), the sources whose rows are records, and the region phone numbers without a country
 * code are read in.
 *
 * @param defaultRegion ISO 3166-1 alpha-2 region for phone numbers written without a country code
 * @param probabilistic Fellegi-Sunter matching on top of the match keys; empty when the project does not use it
 */
public record IdentityConfig(String defaultRegion, List<MatchKey> keys, List<IdentitySource> sources,
                             Optional<ProbabilisticConfig> probabilistic) {
    public IdentityConfig {
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        keys = List.copyOf(keys);
        sources = List.copyOf(sources);
        Objects.requireNonNull(probabilistic, "probabilistic");
    }

    public Optional<MatchKey> key(String name) {
        return keys.stream().filter(key -> key.name().equals(name)).findFirst();
    }

    public Optional<IdentitySource> source(String name) {
        return sources.stream().filter(source -> source.name().equals(name)).findFirst();
    }

    /** The key's position in priority order, 0 for the highest. */
    public int priority(String keyName) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).name().equals(keyName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no match key named " + keyName);
    }
}
