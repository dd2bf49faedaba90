package dev.ownstack.server.syncs;

import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.config.syncs.SyncDefinition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The syncs and destinations a project has at one moment: those of {@code ownstack.yml} in file
 * order, then those saved through the API by name. Immutable.
 *
 * @param savedSyncs        the names of the syncs saved through the API (the others are read-only here)
 * @param savedDestinations the names of the destinations saved through the API
 * @param loadProblems      what kept a saved destination or sync from being read as it was saved,
 *                          by path ({@code destinations.NAME}, {@code syncs.NAME}): a secret
 *                          variable no longer set, a key that cannot open its secrets, a sync whose
 *                          destination is gone
 */
record SyncSetup(Map<String, SyncDefinition> syncs, Map<String, DestinationDefinition> destinations, Set<String> savedSyncs,
                 Set<String> savedDestinations, Map<String, List<String>> loadProblems) {
    SyncSetup {
        syncs = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(syncs, "syncs")));
        destinations = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(destinations, "destinations")));
        savedSyncs = Set.copyOf(savedSyncs);
        savedDestinations = Set.copyOf(savedDestinations);
        loadProblems = Map.copyOf(loadProblems);
    }

    List<String> loadProblems(String path) {
        return loadProblems.getOrDefault(path, List.of());
    }
}
