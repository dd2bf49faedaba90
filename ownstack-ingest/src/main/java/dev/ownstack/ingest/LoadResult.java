package dev.ownstack.ingest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of a source did: rows added per table (an upsert counts rows written), rows
 * rejected to {@code ownstack.load_rejects}, and short notes such as "303 files already loaded".
 */
public record LoadResult(String source, Map<String, Long> rowsByTable, long rowsRejected, List<String> notes, Duration elapsed) {
    public LoadResult {
        Objects.requireNonNull(source, "source");
        rowsByTable = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rowsByTable));
        notes = List.copyOf(notes);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    public long rowsLoaded() {
        return rowsByTable.values().stream().mapToLong(Long::longValue).sum();
    }
}
