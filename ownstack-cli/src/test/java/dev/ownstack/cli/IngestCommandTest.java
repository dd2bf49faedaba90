package dev.ownstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {
    @TempDir
    Path project;

    @BeforeEach
    void project() throws IOException {
        Files.writeString(project.resolve("ownstack.yml"), """
                warehouse: {type: duckdb, path: w.duckdb}
                sources:
                  people:
                    type: file
                    path: data/people-*.csv
                    columns: {age: bigint}
                    on-error: skip
                """);
        Files.createDirectories(project.resolve("data"));
        Files.writeString(project.resolve("data/people-1.csv"), "id,name,age\n1,Ada,36\n2,Grace,45\n");
        Files.writeString(project.resolve("data/people-2.csv"), "id,name,age\n3,Alan,forty-one\n4,Edsger,72\n");
    }

    @Test
    void ingest_runs_configured_sources_once_and_a_rerun_adds_nothing() {
        Cli.Result first = Cli.run("ingest", "-p", project.toString());
        assertEquals(0, first.exitCode(), first.all());
        assertTrue(first.out().contains("Loaded 3 rows from 1 source, 1 rejected (see ownstack.load_rejects)."), first.out());

        Cli.Result second = Cli.run("ingest", "-p", project.toString(), "--output", "json");
        assertEquals(0, second.exitCode(), second.all());
        assertTrue(second.out().contains("\"rows_added\": 0"), second.out());

        Cli.Result count = Cli.run("sql", "-p", project.toString(), "--format", "csv", "select count(*) as n from raw.people");
        assertEquals("n\n3\n", count.out());
        Cli.Result reject = Cli.run("sql", "-p", project.toString(), "--format", "csv", "select column_name from ownstack.load_rejects");
        assertEquals("column_name\nage\n", reject.out());
    }

    @Test
    void a_one_off_file_load_needs_no_configuration() throws IOException {
        Files.writeString(project.resolve("events.jsonl"), "{\"event\":\"Signed Up\",\"user\":{\"id\":7}}\n{\"event\":\"Logged In\"}\n");
        Cli.Result result = Cli.run("ingest", "-p", project.toString(), "--file", project.resolve("events.jsonl").toString(),
                "--into", "events", "--output", "csv");
        assertEquals(0, result.exitCode(), result.all());
        assertTrue(result.out().startsWith("source,table,rows_added"), result.out());
        assertTrue(result.out().contains("raw.events,2,"), result.out());
    }

    @Test
    void unknown_sources_and_bad_arguments_are_named() {
        Cli.Result unknown = Cli.run("ingest", "-p", project.toString(), "nope");
        assertEquals(ExitCodes.USER_ERROR, unknown.exitCode());
        assertTrue(unknown.err().contains("no source named 'nope' in ownstack.yml; sources are: people"), unknown.err());

        Cli.Result noInto = Cli.run("ingest", "-p", project.toString(), "--file", "x.csv");
        assertEquals(ExitCodes.USER_ERROR, noInto.exitCode());
        assertTrue(noInto.err().contains("--file x.csv needs --into TABLE"), noInto.err());

        Cli.Result badFormat = Cli.run("ingest", "-p", project.toString(), "--file", "x.csv", "--into", "t", "--format", "xml");
        assertEquals(ExitCodes.USER_ERROR, badFormat.exitCode());
        assertTrue(badFormat.err().contains("--format 'xml' is not a file format"), badFormat.err());
    }

    @Test
    void a_bad_row_under_fail_names_file_line_and_column() throws IOException {
        Files.writeString(project.resolve("ownstack.yml"), """
                warehouse: {type: duckdb, path: w.duckdb}
                sources:
                  people: {type: file, path: data/people-*.csv, columns: {age: bigint}}
                """);
        Cli.Result result = Cli.run("ingest", "-p", project.toString());
        assertEquals(ExitCodes.USER_ERROR, result.exitCode(), result.all());
        assertTrue(result.err().contains("people-2.csv:2"), result.err());
        assertTrue(result.err().contains("age"), result.err());
        assertTrue(result.err().contains("forty-one"), result.err());
    }
}
