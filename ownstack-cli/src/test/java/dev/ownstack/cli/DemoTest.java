package dev.ownstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
    @TempDir
    Path folder;

    @Test
    void demo_generates_loads_and_shows_the_warehouse_and_reruns_cleanly() {
        Path demo = folder.resolve("demo");
        Cli.Result result = Cli.run("demo", "--dir", demo.toString(), "--customers", "300", "--no-serve");
        assertEquals(0, result.exitCode(), result.all());
        assertTrue(result.out().contains("Loaded"), result.out());
        assertTrue(result.out().contains("3/8  Started the collector on http://127.0.0.1:"), result.out());
        assertTrue(result.out().matches("(?s).*     ([0-9,]+) events acknowledged in .*     \\1 events landed in raw.events.*"),
                "every event sent through the collector landed: " + result.out());
        assertTrue(result.out().contains("raw.orders"), result.out());
        assertTrue(result.out().contains("raw.events"), result.out());
        assertTrue(result.out().contains("curl -u demo-write-key: http://127.0.0.1:8080/v1/track"), result.out());
        assertTrue(Files.exists(demo.resolve("warehouse.duckdb")));

        Cli.Result validate = Cli.run("validate", "-p", demo.toString());
        assertEquals(0, validate.exitCode(), validate.all());
        checkAudiences(demo, result.out());

        Cli.Result again = Cli.run("ingest", "-p", demo.toString(), "--output", "csv");
        assertEquals(0, again.exitCode(), again.all());
        for (String line : again.out().strip().split("\n")) {
            if (!line.startsWith("source,")) {
                assertEquals("0", line.split(",")[2], "a second ingest must add nothing: " + line);
            }
        }

        Cli.Result rerun = Cli.run("demo", "--dir", demo.toString(), "--customers", "300", "--no-serve");
        assertEquals(0, rerun.exitCode(), rerun.all());
        assertEquals(result.out().lines().filter(line -> line.startsWith("raw.")).toList(),
                rerun.out().lines().filter(line -> line.startsWith("raw.")).toList(), "same seed, same tables and counts");
    }

    /** The audience step's sizes are those recorded, and every recipe finds customers in the demo's models. */
    private static void checkAudiences(Path demo, String out) {
        Matcher step = Pattern.compile("\n6/8  Computing the audiences: big_spenders of ownstack.yml, and lapsed_buyers made from the recipe"
                + " lapsed-buyers\n     big_spenders: ([0-9,]+) members; lapsed_buyers: ([0-9,]+) members \\(of ([0-9,]+) customers\\),"
                + " computed in [0-9.]+ s\n7/8  Syncing the audiences: ").matcher(out);
        assertTrue(step.find(), out);
        long bigSpenders = Long.parseLong(step.group(1).replace(",", ""));
        long lapsed = Long.parseLong(step.group(2).replace(",", ""));
        long customers = Long.parseLong(step.group(3).replace(",", ""));
        assertTrue(bigSpenders > 0 && lapsed > 0 && bigSpenders < customers && lapsed < customers, out);
        checkSyncs(demo, out, bigSpenders, lapsed);

        Cli.Result list = Cli.run("audience", "list", "-p", demo.toString(), "--format", "csv");
        assertEquals(0, list.exitCode(), list.all());
        List<String> rows = list.out().lines().skip(1).toList();
        assertEquals(2, rows.size(), list.out());
        assertTrue(rows.get(0).startsWith("big_spenders,ownstack.yml,") && rows.get(0).contains(",1," + bigSpenders + ","), list.out());
        assertTrue(rows.get(1).startsWith("lapsed_buyers,recipe:lapsed-buyers,") && rows.get(1).contains(",1," + lapsed + ","), list.out());

        for (String recipe : List.of("high-value-at-risk", "lapsed-buyers", "new-customers", "browsers-never-bought", "repeat-buyers",
                "win-back")) {
            Cli.Result created = Cli.run("audience", "create", "try_" + recipe.replace('-', '_'), "--recipe", recipe, "-p", demo.toString());
            assertEquals(0, created.exitCode(), created.all());
            assertTrue(created.out().matches("(?s)Created audience \\S+ from recipe " + recipe + ": [1-9][0-9,]* of [0-9,]+ customers now\\..*"),
                    "the recipe compiles on the demo's models and selects some customers: " + created.out());
        }
    }

    /** Each audience reached its destination whole, and the second runs sent nothing. */
    private static void checkSyncs(Path demo, String out, long bigSpenders, long lapsed) {
        assertTrue(out.matches("(?s).*\n     Run 1 of big-spenders-to-outbox succeeded in [0-9.]+ s: added " + String.format("%,d", bigSpenders)
                + ", changed 0, removed 0\\.\n     Run 2 of lapsed-buyers-to-crm succeeded in [0-9.]+ s: added " + String.format("%,d", lapsed)
                + ", changed 0, removed 0\\.\n     The receiver got " + String.format("%,d", lapsed) + " records.upserted in .*"), out);
        assertTrue(out.matches("(?s).*\n     Run 3 of big-spenders-to-outbox succeeded in [0-9.]+ s: added 0, changed 0, removed 0\\."
                + "\n     Run 4 of lapsed-buyers-to-crm succeeded in [0-9.]+ s: added 0, changed 0, removed 0\\.\n8/8  What is in the warehouse.*"), out);
        assertTrue(Files.exists(demo.resolve("outbox/big-spenders-to-outbox/1/_manifest.json")), out);

        Cli.Result runs = Cli.run("sync", "runs", "big-spenders-to-outbox", "-p", demo.toString(), "--format", "csv");
        assertEquals(0, runs.exitCode(), runs.all());
        List<String> rows = runs.out().lines().skip(1).toList();
        assertEquals(2, rows.size(), runs.out());
        assertTrue(rows.get(1).startsWith("big-spenders-to-outbox,1,succeeded,"), runs.out());
    }

    @Test
    void demo_refuses_a_folder_that_is_not_an_earlier_demo() throws IOException {
        Files.writeString(folder.resolve("precious.txt"), "keep me");
        Cli.Result result = Cli.run("demo", "--dir", folder.toString(), "--no-serve");
        assertEquals(ExitCodes.USER_ERROR, result.exitCode());
        assertTrue(result.err().contains("is not an earlier demo"), result.err());
        assertTrue(Files.exists(folder.resolve("precious.txt")));
    }
}
