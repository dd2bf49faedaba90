package dev.ownstack.model.master;

import dev.ownstack.core.table.TableName;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one build of the master models did.
 *
 * @param rows     rows of each model table built, in the order of {@link ModelTables#ALL}
 * @param absent   model tables not built this time (and dropped if an earlier build made them),
 *                 with the reason: no transactions configured, no events table
 * @param asOf     the "now" traits were computed at, UTC
 * @param elapsed  wall time of the build
 */
public record ModelBuildSummary(Map<TableName, Long> rows, Map<TableName, String> absent, LocalDateTime asOf, Duration elapsed) {
    public ModelBuildSummary {
        rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        absent = Collections.unmodifiableMap(new LinkedHashMap<>(absent));
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    public double seconds() {
        return elapsed.toNanos() / 1e9;
    }

    /** One line per table, for the CLI: {@code model.customers  1,234 rows}. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        rows.forEach((table, count) -> lines.add(String.format("%-26s %,d rows", table, count)));
        absent.forEach((table, reason) -> lines.add(String.format("%-26s not built: %s", table, reason)));
        return lines;
    }
}
