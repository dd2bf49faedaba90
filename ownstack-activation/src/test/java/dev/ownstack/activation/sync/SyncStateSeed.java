package dev.ownstack.activation.sync;

import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Fills a sync's state as if every record of its source had been sent and accepted, straight in
 * SQL (DuckDB's {@code json_object} for the fields): for benchmarks that start from a synced
 * destination of millions of records without sending them.
 */
public final class SyncStateSeed {
    private SyncStateSeed() {
    }

    /** @return the records written to the state */
    public static long seed(Warehouse warehouse, SyncCatalog catalog, SyncDefinition sync, Clock clock) {
        SyncSourceSql source = SyncSourceSql.resolve(warehouse, catalog, sync, clock);
        SyncTables.ensure(warehouse);
        try (Warehouse reader = warehouse.openSibling()) {
            Diff diff = new Diff(reader, sync, source, "seed");
            try {
                diff.compute(clock.instant());
                String fields = IntStream.range(0, source.fields().size()).mapToObj(i -> reader.dialect().stringLiteral(source.fields().get(i)
                        .name()) + ", \"f_" + i + "\"").collect(Collectors.joining(", "));
                return reader.execute("INSERT INTO ownstack.sync_state SELECT ?, record_key, fields_hash, CAST(json_object(" + fields
                        + ") AS VARCHAR), NULL, ?, 0 FROM " + reader.dialect().table(diff.table()) + " WHERE kind = 'add'", sync.name(),
                        SyncHistory.utc(Instant.now(clock)));
            } finally {
                diff.drop();
            }
        }
    }
}
