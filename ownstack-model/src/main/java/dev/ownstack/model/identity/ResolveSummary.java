package dev.ownstack.model.identity;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import dev.ownstack.model.identity.probabilistic.MatchSummary;

/**
 * What one resolution run did.
 *
 * @param recordsBySource records read per identity source, in configuration order
 * @param rowsWithoutId   rows skipped per source because their id column was null
 * @param keys            normalised key values written (a record's repeated values once)
 * @param customers       customers after the run
 * @param newCustomers    customers whose id was minted in this run
 * @param merged          previous customer ids merged into another customer
 * @param split           previous customers whose records now belong to more than one customer
 * @param droppedLinks    links dropped because they would break a per-customer limit
 * @param blockedValues   key values that never link (placeholders, configured, or shared too widely)
 * @param componentsOverLimit components that broke a limit before relinking
 * @param rounds          rounds of the connected-components computation
 * @param matches         what probabilistic matching did, when configured
 */
public record ResolveSummary(long runId, Map<String, Long> recordsBySource, Map<String, Long> rowsWithoutId, long keys, long customers,
                             long newCustomers, long merged, long split, long droppedLinks, long blockedValues, long componentsOverLimit,
                             int rounds, Optional<MatchSummary> matches, Duration elapsed) {
    public ResolveSummary {
        recordsBySource = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recordsBySource));
        rowsWithoutId = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rowsWithoutId));
        Objects.requireNonNull(matches, "matches");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    public long records() {
        return recordsBySource.values().stream().mapToLong(Long::longValue).sum();
    }
}
