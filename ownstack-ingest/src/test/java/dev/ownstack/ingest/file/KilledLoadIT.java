package dev.ownstack.ingest.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ownstack.core.config.OnError;
import dev.ownstack.ingest.LoadProgress;
import dev.ownstack.ingest.LoadResult;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The idempotency contract under a hard kill: a load killed half-way and run again ends with the rows of one load. */
class KilledLoadIT {
    /** Files share transactions of up to 8 MB, about 50 of these files: wait for a few to commit. */
    private static final int FILES_BEFORE_KILL = 150;
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path folder;

    @Test
    void a_load_killed_half_way_and_run_again_has_every_row_exactly_once() throws Exception {
        Path warehouseFile = folder.resolve("warehouse.duckdb");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), LoadFilesMain.class.getName(),
                warehouseFile.toString(), OnlineRetailTest.TABLE.toString(), SharedData.onlineRetailByDay() + "/*.csv")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> output = new ArrayList<>();
        try {
            waitForFiles(child, FILES_BEFORE_KILL, output);
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the killed load did not end");
        }

        try (Warehouse warehouse = DuckDbWarehouse.open(warehouseFile.toString(), Duration.ofSeconds(60), message -> { })) {
            LoadResult rerun = new FileSource(OnlineRetailTest.config(OnError.FAIL), folder).load(warehouse, LoadProgress.NONE);

            int loadedBefore = filesAlreadyLoaded(rerun);
            assertTrue(loadedBefore > 0 && loadedBefore < SharedData.ONLINE_RETAIL_FILES,
                    "the kill should land half-way; files loaded before it: " + loadedBefore + ", child said: " + output);
            assertEquals(SharedData.ONLINE_RETAIL_ROWS, count(warehouse, "SELECT count(*) FROM raw.online_retail"));
            assertEquals(0, count(warehouse, "SELECT count(*) FROM (SELECT _ownstack_file, _ownstack_line FROM raw.online_retail"
                    + " GROUP BY _ownstack_file, _ownstack_line HAVING count(*) > 1)"));
            assertEquals(SharedData.ONLINE_RETAIL_FILES, count(warehouse, "SELECT count(*) FROM ownstack.loaded_files"));
            assertEquals(SharedData.ONLINE_RETAIL_ROWS, count(warehouse, "SELECT sum(rows_loaded) FROM ownstack.loaded_files"));
        }
    }

    /** Reads the child's progress lines until it has started the given number of files. */
    private static void waitForFiles(Process child, int files, List<String> output) throws InterruptedException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader errors = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = errors.readLine(); line != null; line = errors.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("cannot read the child's output: " + e.getMessage());
            }
            lines.add("<end of output>");
        });
        reader.setDaemon(true);
        reader.start();
        Instant deadline = Instant.now().plus(PATIENCE);
        int started = 0;
        while (started < files) {
            String line = lines.poll(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
            if (line == null || line.equals("<end of output>")) {
                fail("the child load ended or stalled after starting " + started + " files; its output: " + output);
            }
            output.add(line);
            if (line.startsWith("progress ") && line.contains(".csv ")) {
                started++;
            }
        }
    }

    private static int filesAlreadyLoaded(LoadResult result) {
        for (String note : result.notes()) {
            Matcher matcher = Pattern.compile("(\\d+) files? already loaded").matcher(note);
            if (matcher.matches()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        return 0;
    }

    private static long count(Warehouse warehouse, String sql) {
        return ((Number) warehouse.queryAll(sql).singleValue()).longValue();
    }
}
