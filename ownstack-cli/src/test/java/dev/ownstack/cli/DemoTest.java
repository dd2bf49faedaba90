package dev.ownstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
    @TempDir
    Path folder;

    @Test
    void demo_generates_loads_and_shows_the_warehouse_and_reruns_cleanly() {
        Path demo = folder.resolve("demo");
        Cli.Result result = Cli.run("demo", "--dir", demo.toString(), "--customers", "300");
        assertEquals(0, result.exitCode(), result.all());
        assertTrue(result.out().contains("Loaded"), result.out());
        assertTrue(result.out().contains("3/6  Started the collector on http://127.0.0.1:"), result.out());
        assertTrue(result.out().matches("(?s).*     ([0-9,]+) events acknowledged in .*     \\1 events landed in raw.events.*"),
                "every event sent through the collector landed: " + result.out());
        assertTrue(result.out().contains("raw.orders"), result.out());
        assertTrue(result.out().contains("raw.events"), result.out());
        assertTrue(result.out().contains("curl -u demo-write-key: http://127.0.0.1:8080/v1/track"), result.out());
        assertTrue(Files.exists(demo.resolve("warehouse.duckdb")));

        Cli.Result validate = Cli.run("validate", "-p", demo.toString());
        assertEquals(0, validate.exitCode(), validate.all());

        Cli.Result again = Cli.run("ingest", "-p", demo.toString(), "--output", "csv");
        assertEquals(0, again.exitCode(), again.all());
        for (String line : again.out().strip().split("\n")) {
            if (!line.startsWith("source,")) {
                assertEquals("0", line.split(",")[2], "a second ingest must add nothing: " + line);
            }
        }

        Cli.Result rerun = Cli.run("demo", "--dir", demo.toString(), "--customers", "300");
        assertEquals(0, rerun.exitCode(), rerun.all());
        assertEquals(result.out().lines().filter(line -> line.startsWith("raw.")).toList(),
                rerun.out().lines().filter(line -> line.startsWith("raw.")).toList(), "same seed, same tables and counts");
    }

    @Test
    void demo_refuses_a_folder_that_is_not_an_earlier_demo() throws IOException {
        Files.writeString(folder.resolve("precious.txt"), "keep me");
        Cli.Result result = Cli.run("demo", "--dir", folder.toString());
        assertEquals(ExitCodes.USER_ERROR, result.exitCode());
        assertTrue(result.err().contains("is not an earlier demo"), result.err());
        assertTrue(Files.exists(folder.resolve("precious.txt")));
    }
}
