package dev.ownstack.warehouse.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one warehouse file, as the CLI and the server will be: DuckDB lets one process
 * hold the file, so the second waits for the first instead of failing.
 */
class DuckDbFileSharingTest {
    @TempDir
    Path folder;

    private final List<Process> holders = new ArrayList<>();

    /**
     * Loads DuckDB's native library before a holder starts: the first connection in a JVM unpacks
     * and loads it, which on a busy machine can take longer than the holder holds the file.
     */
    @BeforeEach
    void loadTheDriver() {
        DuckDbWarehouse.inMemory().close();
    }

    @AfterEach
    void stopHolders() throws InterruptedException {
        for (Process holder : holders) {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void opening_a_file_another_process_holds_waits_for_it_and_then_sees_its_rows() throws Exception {
        Path file = folder.resolve("warehouse.duckdb");
        Process holder = startHolder(file, 250, Duration.ofSeconds(2), Duration.ZERO);
        List<String> messages = new CopyOnWriteArrayList<>();

        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(file.toString(), Duration.ofSeconds(30), messages::add)) {
            Object rows = warehouse.queryAll("SELECT count(*) FROM " + warehouse.dialect().table(DuckDbFileHolder.TABLE)
                    + " WHERE pid = ?", holder.pid()).singleValue();

            assertEquals(250L, rows);
        }
        assertEquals(1, messages.size(), messages.toString());
        assertTrue(messages.get(0).contains(file.toString()), messages.get(0));
        assertTrue(holder.waitFor(30, TimeUnit.SECONDS), "the holder exits");
        assertEquals(0, holder.exitValue(), "the holder's exit code");
    }

    @Test
    void a_process_that_closes_the_warehouse_releases_the_file_while_it_keeps_running() throws Exception {
        Path file = folder.resolve("released.duckdb");
        Process holder = startHolder(file, 10, Duration.ofSeconds(1), Duration.ofSeconds(60));
        List<String> messages = new CopyOnWriteArrayList<>();

        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(file.toString(), Duration.ofSeconds(30), messages::add)) {
            assertTrue(holder.isAlive(), "the holder still runs: closing, not exiting, released the file");
            assertEquals(10L, warehouse.queryAll("SELECT count(*) FROM " + warehouse.dialect().table(DuckDbFileHolder.TABLE)).singleValue());
        }
        assertEquals(1, messages.size(), messages.toString());
    }

    @Test
    void when_the_wait_runs_out_the_error_is_warehouse_busy_naming_the_file() throws Exception {
        Path file = folder.resolve("busy.duckdb");
        startHolder(file, 1, Duration.ofSeconds(20), Duration.ZERO);
        List<String> messages = new CopyOnWriteArrayList<>();

        OwnstackException error = assertThrows(OwnstackException.class,
                () -> DuckDbWarehouse.open(file.toString(), Duration.ofMillis(300), messages::add));

        assertEquals(ErrorCode.WAREHOUSE_BUSY, error.code());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("after waiting 300 ms"), error.getMessage());
        assertTrue(DuckDbWarehouse.isFileLockConflict(error.getCause().getMessage()), error.getCause().getMessage());
        assertEquals(1, messages.size(), messages.toString());
    }

    @Test
    void the_lock_check_matches_duckdbs_conflict_message_and_nothing_else() {
        assertTrue(DuckDbWarehouse.isFileLockConflict("IO Error: Could not set lock on file \"/data/warehouse.duckdb\": Conflicting lock"
                + " is held in /usr/lib/jvm/java-17-openjdk-amd64/bin/java (PID 5502). See also https://duckdb.org/docs/current/connect/concurrency"));
        assertFalse(DuckDbWarehouse.isFileLockConflict("IO Error: Could not set lock on file \"/nfs/warehouse.duckdb\": No locks available"));
        assertFalse(DuckDbWarehouse.isFileLockConflict("Catalog Error: Table with name lock does not exist!"));
        assertFalse(DuckDbWarehouse.isFileLockConflict("IO Error: Cannot open file \"/data/warehouse.duckdb\": Permission denied"));
        assertFalse(DuckDbWarehouse.isFileLockConflict(null));
    }

    @Test
    void many_threads_of_one_process_open_and_close_the_file_at_once() throws Exception {
        Path file = folder.resolve("busy.duckdb");
        try (Warehouse warehouse = DuckDbWarehouse.open(file.toString(), Duration.ofSeconds(30), message -> { })) {
            warehouse.execute("CREATE TABLE rounds (round INTEGER)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> opened = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                opened.add(pool.submit(() -> {
                    long count = 0;
                    for (int round = 0; round < 25; round++) {
                        // A write leaves work for the close (a checkpoint), when DuckDB still holds the file for a moment.
                        try (Warehouse warehouse = DuckDbWarehouse.open(file.toString(), Duration.ofSeconds(30), message -> { })) {
                            warehouse.execute("INSERT INTO rounds VALUES (" + round + ")");
                            count += ((Number) warehouse.queryAll("SELECT 1").singleValue()).longValue();
                        }
                    }
                    return count;
                }));
            }
            for (Future<Long> each : opened) {
                assertEquals(25L, each.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void the_attach_check_matches_duckdbs_message_of_a_file_still_attached_in_this_process() {
        assertTrue(DuckDbWarehouse.isAttachConflict("Resource In Use Error: Unique file handle conflict: Cannot attach \"warehouse\" - the"
                + " database file \"/tmp/demo/warehouse.duckdb\" is already attached by database \"warehouse\""));
        assertFalse(DuckDbWarehouse.isAttachConflict("IO Error: Cannot open file \"/data/warehouse.duckdb\": Permission denied"));
        assertFalse(DuckDbWarehouse.isAttachConflict(null));
    }

    @Test
    void two_warehouses_in_one_process_share_the_file_without_waiting() {
        Path file = folder.resolve("shared.duckdb");
        List<String> messages = new CopyOnWriteArrayList<>();

        try (DuckDbWarehouse first = DuckDbWarehouse.open(file.toString(), Duration.ofSeconds(1), messages::add);
             DuckDbWarehouse second = DuckDbWarehouse.open(file.toString(), Duration.ofSeconds(1), messages::add)) {
            first.execute("CREATE TABLE seen (id BIGINT)");
            first.execute("INSERT INTO seen VALUES (1)");

            assertEquals(1L, second.queryAll("SELECT count(*) FROM seen").singleValue());
        }
        assertEquals(List.of(), messages);
    }

    /** Starts {@link DuckDbFileHolder} in a second JVM and returns once it holds the file. */
    private Process startHolder(Path file, int rows, Duration hold, Duration linger) throws IOException, InterruptedException {
        Path ready = folder.resolve(file.getFileName() + ".ready");
        String java = ProcessHandle.current().info().command().orElseThrow(() -> new AssertionError("no java command"));
        Process holder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                DuckDbFileHolder.class.getName(), file.toString(), ready.toString(), Integer.toString(rows), Long.toString(hold.toMillis()),
                Long.toString(linger.toMillis()))
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve(file.getFileName() + ".log").toFile())
                .start();
        holders.add(holder);
        Instant deadline = Instant.now().plusSeconds(60);
        while (!Files.exists(ready)) {
            if (!holder.isAlive()) {
                throw new AssertionError("the holder process exited with " + holder.exitValue() + ": "
                        + Files.readString(folder.resolve(file.getFileName() + ".log")));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the holder process did not open " + file + " within 60 s");
            }
            Thread.sleep(20);
        }
        return holder;
    }
}
