package dev.ownstack.activation.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ownstack.activation.destination.testing.RecordServer;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync process killed with SIGKILL half-way through sending, to a destination that outlives it
 * (an HTTP server in the test's JVM): the next run marks the killed run ABANDONED and leaves the
 * destination holding exactly the source. On DuckDB; an IT because it starts a second JVM.
 */
class SyncKilledRunIT {
    static final int PEOPLE = 3000;
    static final int BATCHES_BEFORE_KILL = 30;

    @TempDir
    Path folder;

    @Test
    void a_run_killed_mid_sync_is_abandoned_and_the_next_run_leaves_the_destination_equal_to_the_source() throws Exception {
        String file = folder.resolve("warehouse.duckdb").toString();
        try (Warehouse warehouse = DuckDbWarehouse.open(file, Duration.ofSeconds(60), message -> { })) {
            warehouse.execute("CREATE SCHEMA model");
            warehouse.execute("CREATE TABLE model.people AS SELECT 'p' || lpad(i::VARCHAR, 5, '0') AS id, 'p' || i || '@example.com' AS email,"
                    + " 'Person ' || i AS name, i / 10.0 AS score FROM range(1, ?) t(i)", PEOPLE + 1);
        }
        try (RecordServer server = new RecordServer(15)) {
            String java = ProcessHandle.current().info().command().orElseThrow();
            Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), KilledSyncMain.class.getName(),
                    file, server.url()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
                while (server.acknowledged() < BATCHES_BEFORE_KILL) {
                    if (!child.isAlive() || Instant.now().isAfter(deadline)) {
                        fail("the child sync ended or stalled after " + server.acknowledged() + " batches (exit " + (child.isAlive() ? "none"
                                : child.exitValue()) + ")");
                    }
                    Thread.sleep(5);
                }
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the killed sync did not end");
            }
            int before = server.records().size();
            assertTrue(before > 0 && before < PEOPLE, "the kill should land mid-sync; the destination had " + before + " records");

            try (Warehouse warehouse = DuckDbWarehouse.open(file, Duration.ofSeconds(60), message -> { })) {
                SyncService service = KilledSyncMain.service(warehouse, server.url(), Clock.systemUTC());
                SyncRun rerun = service.run("people", false);
                assertEquals(SyncRunStatus.SUCCEEDED, rerun.status(), rerun.message());
                List<SyncRun> runs = service.runs("people", 10);
                assertEquals(List.of(SyncRunStatus.SUCCEEDED, SyncRunStatus.ABANDONED), runs.stream().map(SyncRun::status).toList());
                assertEquals(source(warehouse), server.records());
            }
        }
    }

    /** The source as the server holds it after JSON: id → {email, full_name, score}. */
    static Map<String, Object> source(Warehouse warehouse) {
        Map<String, Object> records = new TreeMap<>();
        for (Object[] row : warehouse.queryAll(SyncChaosTest.QUERY).rows()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("email", row[1]);
            fields.put("full_name", row[2]);
            fields.put("score", ((Number) row[3]).doubleValue());
            records.put((String) row[0], fields);
        }
        return records;
    }
}
