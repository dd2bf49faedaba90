package dev.ownstack.activation.bench;

import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.testing.InMemoryDestination;
import dev.ownstack.activation.sync.SyncCatalog;
import dev.ownstack.activation.sync.SyncRun;
import dev.ownstack.activation.sync.SyncService;
import dev.ownstack.activation.sync.testing.FixedSenderProvider;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.config.syncs.SyncGuardrails;
import dev.ownstack.core.config.syncs.SyncMode;
import dev.ownstack.core.config.syncs.SyncSource;
import dev.ownstack.core.config.syncs.SyncTrigger;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The diff of a mirror sync over a query source of RECORDS rows on DuckDB, after 1% of them
 * changed: 0.4% removed, 0.4% changed, 0.2% added. The first sync goes through the engine to a
 * destination that accepts everything at once (its time is printed too). Then the diff alone
 * (a dry run: stage the source with its hashes, write the diff table, count) is timed
 * REPETITIONS times, next to the raw limit measured in the same run: a plain
 * {@code SELECT count(*)} over the full outer join of the source and the state that finds the
 * same keys. Prints the medians and their ratio, then the real run that sends the 1%.
 *
 * <pre>java ... SyncDiffBenchmark [RECORDS] [REPETITIONS] [DUCKDB_FILE]</pre>
 */
public final class SyncDiffBenchmark {
    private static final String SYNC = "bench-people";

    private SyncDiffBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long records = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path file = Path.of(args.length > 2 ? args[2] : "ownstack-activation/target/sync-diff-bench.duckdb");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + ".wal"));
        try (Warehouse warehouse = DuckDbWarehouse.open(file.toString(), Duration.ofSeconds(60), System.out::println)) {
            time("generate " + records + " source rows", () -> {
                warehouse.execute("CREATE SCHEMA IF NOT EXISTS model");
                warehouse.execute("CREATE TABLE model.bench_people AS SELECT 'k' || lpad(CAST(i AS VARCHAR), 10, '0') AS id, 'user' || i"
                        + " || '@example.com' AS email, 'Name ' || i AS name, CAST(i % 1000 AS DOUBLE) / 10 AS score FROM range(" + records
                        + ") AS r(i)");
                return null;
            });
            SyncService service = service(warehouse);
            SyncRun first = time("first sync through the engine (no-op destination)", () -> service.run(SYNC, false));
            System.out.printf(Locale.ROOT, "  %s: added %d%n", first.status(), first.added());

            time("change 1% (0.4% removed, 0.4% changed, 0.2% added)", () -> {
                warehouse.execute("DELETE FROM model.bench_people WHERE CAST(substr(id, 2) AS BIGINT) % 250 = 0");
                warehouse.execute("UPDATE model.bench_people SET name = name || ' changed' WHERE CAST(substr(id, 2) AS BIGINT) % 250 = 1");
                warehouse.execute("INSERT INTO model.bench_people SELECT 'n' || lpad(CAST(i AS VARCHAR), 10, '0'), 'new' || i || '@example.com',"
                        + " 'New ' || i, 0.5 FROM range(" + records / 500 + ") AS r(i)");
                return null;
            });
            String raw = "SELECT count(*) FROM model.bench_people AS s FULL JOIN (SELECT record_key, fields_hash FROM ownstack.sync_state"
                    + " WHERE sync = '" + SYNC + "') AS t ON t.record_key = s.id WHERE s.id IS NULL OR t.record_key IS NULL";
            List<Long> diffs = new ArrayList<>();
            List<Long> raws = new ArrayList<>();
            SyncRun dry = null;
            for (int i = 0; i < repetitions; i++) {
                long start = System.nanoTime();
                dry = service.run(SYNC, true);
                diffs.add(System.nanoTime() - start);
                start = System.nanoTime();
                warehouse.queryAll(raw).singleValue();
                raws.add(System.nanoTime() - start);
            }
            long diff = median(diffs);
            long limit = median(raws);
            System.out.printf(Locale.ROOT, "diff of %d records with 1%% changed (dry run, median of %d): %.2f s; plan %s%n", records, repetitions,
                    diff / 1e9, dry.planned());
            System.out.printf(Locale.ROOT, "raw limit (count over the anti-join of source and state, median): %.2f s; ratio %.1fx%n",
                    limit / 1e9, (double) diff / limit);
            SyncRun sent = time("run sending the 1% (no-op destination)", () -> service.run(SYNC, false));
            System.out.printf(Locale.ROOT, "  %s: added %d, changed %d, removed %d%n", sent.status(), sent.added(), sent.changed(),
                    sent.removed());
        }
    }

    private static SyncService service(Warehouse warehouse) {
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("email", "email");
        mapping.put("name", "name");
        mapping.put("score", "score");
        SyncDefinition sync = new SyncDefinition(SYNC, new SyncSource.Query("SELECT id, email, name, score FROM model.bench_people"), "noop",
                "id", mapping, SyncMode.MIRROR, new SyncTrigger.Manual(), new SyncGuardrails(1.0, true), SyncDefinition.DEFAULT_RETRY_WINDOW);
        Destination noop = new Destination() {
            @Override
            public CheckResult check() {
                return CheckResult.ok("accepts everything");
            }

            @Override
            public BatchResult write(RecordBatch batch) {
                return BatchResult.allAccepted(batch);
            }
        };
        return new SyncService(warehouse, SyncCatalog.of(Map.of(SYNC, sync), Map.of("noop", new DestinationDefinition("noop", "noop", Map.of()))),
                new FixedSenderProvider().with("noop", noop, InMemoryDestination.withBatches(1000, false)), Clock.systemUTC());
    }

    private static <T> T time(String what, Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        System.out.printf(Locale.ROOT, "%s: %.2f s%n", what, (System.nanoTime() - start) / 1e9);
        return result;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
