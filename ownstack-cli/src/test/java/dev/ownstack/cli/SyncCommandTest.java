package dev.ownstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.ProjectConfigLoader;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.server.syncs.ProjectSyncs;
import dev.ownstack.server.syncs.SyncAlerts;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ownstack sync} and {@code ownstack destination} on a DuckDB file and a file destination. */
class SyncCommandTest {
    private static final TableName PEOPLE = new TableName("model", "people");

    @TempDir
    Path project;

    private Path outbox;

    @BeforeEach
    void writeProject() throws IOException {
        outbox = Files.createDirectories(project.resolve("outbox"));
        Files.writeString(project.resolve("ownstack.yml"), """
                warehouse: {type: duckdb, path: warehouse.duckdb}
                destinations:
                  outbox: {type: file, path: '%s', format: csv}
                  nowhere: {type: file, path: '%s'}
                  broken: {type: file, format: xml}
                syncs:
                  people:
                    source: {query: 'select id, email from model.people'}
                    destination: outbox
                    identifier: id
                    mapping: {email: email}
                    mode: mirror
                    schedule: '0 3 * * *'
                """.formatted(outbox, project.resolve("missing")));
        people(10, 0);
    }

    /** Replaces model.people with people {@code from}..{@code count - 1}. */
    private void people(int count, int from) {
        try (Warehouse warehouse = DuckDbWarehouse.open(project.resolve("warehouse.duckdb").toString(), java.time.Duration.ofSeconds(30), message -> { })) {
            warehouse.execute("drop table if exists model.people");
            warehouse.ensureTable(PEOPLE, List.of(new Column("id", ColumnType.STRING), new Column("email", ColumnType.STRING)), List.of());
            try (RowWriter writer = warehouse.append(PEOPLE, List.of("id", "email"))) {
                for (int i = from; i < count; i++) {
                    writer.write(new Object[] {String.format("p%02d", i), "p" + i + "@example.com"});
                }
            }
        }
    }

    private Cli.Result run(String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        line.addAll(List.of("-p", project.toString()));
        return Cli.run(line.toArray(String[]::new));
    }

    private Cli.Result ok(String... args) {
        Cli.Result result = run(args);
        assertEquals(0, result.exitCode(), () -> String.join(" ", args) + ":\n" + result.all());
        return result;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.walk(outbox)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void lists_syncs_with_their_trigger_and_next_run() {
        String out = ok("sync", "list", "--format", "csv").out();
        List<String> lines = out.lines().toList();
        assertEquals("name,source,destination,mode,trigger,last_run,last_status,last_started_at,next_run", lines.get(0));
        assertTrue(lines.get(1).startsWith("people,\"query select id, email from model.people\",outbox,mirror,schedule 0 3 * * *,,,,"), out);
        assertTrue(lines.get(1).endsWith(" 03:00:00Z"), out);
    }

    @Test
    void a_dry_run_shows_what_it_would_send_and_sends_nothing() throws IOException {
        Cli.Result result = ok("sync", "run", "people", "--dry-run", "--sample", "2");
        assertTrue(result.out().contains("Dry run of people (run 1): would send 10 to add, 0 to change and 0 to remove"), result.out());
        assertTrue(result.out().contains("add    | p00 | {email=p0@example.com}"), result.out());
        assertTrue(result.out().contains("add    | p01 | {email=p1@example.com}"), result.out());
        assertEquals(List.of(), files());
    }

    @Test
    void runs_a_sync_prints_its_summary_and_lists_its_runs() throws IOException {
        Cli.Result first = ok("sync", "run", "people");
        assertTrue(first.out().contains("Run 1 of people succeeded in "), first.out());
        assertTrue(first.out().contains(": added 10, changed 0, removed 0."), first.out());
        assertTrue(files().stream().anyMatch(file -> file.toString().endsWith("_manifest.json")), files().toString());

        Cli.Result second = ok("sync", "run", "people");
        assertTrue(second.out().contains("added 0, changed 0, removed 0."), second.out());

        List<String> runs = ok("sync", "runs", "people", "--format", "csv").out().lines().toList();
        assertEquals("sync,run,status,started_at,duration_s,added,changed,removed,failed,message", runs.get(0));
        assertEquals(3, runs.size());
        assertTrue(runs.get(1).startsWith("people,2,succeeded,"), runs.toString());
        assertEquals("key,operation,error_class,message,attempts,first_failed_at,last_failed_at,run",
                ok("sync", "errors", "people", "--format", "csv").out().strip());
    }

    @Test
    void a_guardrail_stop_exits_5_with_the_approve_command_and_approving_sends_the_removals() {
        ok("sync", "run", "people");
        people(10, 5);
        Cli.Result dry = ok("sync", "run", "people", "--dry-run");
        assertTrue(dry.out().contains("A real run now would stop for approval: sync people would remove 5 and change 0 of the 10 records"),
                dry.out());
        assertTrue(dry.out().contains("remove | p00 |"), dry.out());
        Cli.Result stopped = run("sync", "run", "people");
        assertEquals(ExitCodes.AWAITING_APPROVAL, stopped.exitCode(), stopped.all());
        assertTrue(stopped.out().contains("Run 3 of people stopped before sending anything: "), stopped.out());
        assertTrue(stopped.out().contains("It would send 0 to add, 0 to change and 5 to remove (the destination held 10)."), stopped.out());
        assertTrue(stopped.out().contains("To send it: ownstack sync approve 3"), stopped.out());

        Cli.Result approved = ok("sync", "approve", "3");
        assertTrue(approved.out().contains("removed 5."), approved.out());
        assertTrue(approved.out().contains("It sent the changes of approved run 3."), approved.out());
        Cli.Result again = run("sync", "approve", "3");
        assertEquals(ExitCodes.USER_ERROR, again.exitCode(), again.all());
    }

    @Test
    void names_an_unknown_sync() {
        Cli.Result result = run("sync", "run", "nope");
        assertEquals(ExitCodes.USER_ERROR, result.exitCode(), result.all());
        assertEquals("error: no sync named 'nope'; defined: people\n", result.err());
    }

    @Test
    void lists_destinations_and_types_and_checks_them() {
        List<String> destinations = ok("destination", "list", "--format", "csv").out().lines().toList();
        assertEquals("name,type,settings,syncs,defined in,problems", destinations.get(0));
        assertTrue(destinations.get(1).startsWith("outbox,file,\"path=" + outbox + ", format=csv\",people,ownstack.yml,"), destinations.toString());
        assertTrue(destinations.get(3).contains("destinations.broken.path: required"), destinations.toString());

        Cli.Result typesResult = Cli.run("destination", "types", "--format", "csv");
        assertEquals(0, typesResult.exitCode(), typesResult.all());
        String types = typesResult.out();
        assertTrue(types.contains("\nfile,"), types);
        assertTrue(types.contains("\nwebhook,data,\"upsert, update, remove\",100 / 256 KiB,4,-,"), types);
        String file = Cli.run("destination", "types", "file", "--format", "csv").out();
        assertTrue(file.contains("\nformat,\"one of csv, jsonl\",false,csv,false,"), file);

        Cli.Result good = ok("destination", "check", "outbox");
        assertTrue(good.out().startsWith("ok: outbox: "), good.out());
        Cli.Result bad = run("destination", "check", "nowhere");
        assertEquals(ExitCodes.EXTERNAL_FAILURE, bad.exitCode(), bad.all());
        assertTrue(bad.out().startsWith("failed: nowhere: "), bad.out());
        Cli.Result broken = run("destination", "check", "broken");
        assertEquals(ExitCodes.USER_ERROR, broken.exitCode(), broken.all());
        assertTrue(broken.err().contains("destinations.broken.format: must be one of csv, jsonl, got 'xml'"), broken.err());
    }

    @Test
    void lists_and_checks_the_destinations_saved_in_the_app_too() throws IOException {
        ProjectConfig config = ProjectConfigLoader.withSystemEnvironment().load(project);
        try (ProjectSyncs syncs = new ProjectSyncs(config, () -> DuckDbWarehouse.open(project.resolve("warehouse.duckdb").toString(),
                java.time.Duration.ofSeconds(30), message -> { }), Destinations.load(), Clock.systemUTC(), SyncAlerts.NONE)) {
            syncs.saveDestination("saved_box", new ObjectMapper().readTree("{\"type\": \"file\", \"settings\": {\"path\": \""
                    + outbox.toString().replace("\\", "\\\\") + "\", \"format\": \"jsonl\"}}"), true, "ann");
        }
        List<String> destinations = ok("destination", "list", "--format", "csv").out().lines().toList();
        assertTrue(destinations.contains("saved_box,file,\"path=" + outbox + ", format=jsonl\",\"\",app,\"\""), destinations.toString());
        Cli.Result check = ok("destination", "check", "saved_box");
        assertTrue(check.out().startsWith("ok: saved_box: "), check.out());
    }

    @Test
    void validate_checks_destination_settings_against_their_connector() throws IOException {
        Cli.Result broken = run("validate");
        assertEquals(ExitCodes.USER_ERROR, broken.exitCode(), broken.all());
        assertTrue(broken.err().contains("has 2 problems in its destinations"), broken.err());
        assertTrue(broken.err().contains("  - destinations.broken.path: required"), broken.err());
        assertTrue(broken.err().contains("  - destinations.broken.format: must be one of csv, jsonl, got 'xml'"), broken.err());

        Files.writeString(project.resolve("ownstack.yml"), Files.readString(project.resolve("ownstack.yml"))
                .replace("  broken: {type: file, format: xml}\n", ""));
        Cli.Result valid = ok("validate");
        assertTrue(valid.err().contains("2 destinations, 1 syncs"), valid.err());
    }
}
