package dev.ownstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path folder;

    @Test
    void init_creates_a_project_that_validates() throws IOException {
        Path project = folder.resolve("acme");
        Cli.Result init = Cli.run("init", project.toString());
        assertEquals(0, init.exitCode(), init.all());
        assertTrue(Files.exists(project.resolve("ownstack.yml")));
        assertTrue(Files.isDirectory(project.resolve("data")));
        assertTrue(Files.readAllLines(project.resolve(".gitignore")).containsAll(List.of("*.duckdb", ".ownstack-secret.key")));

        Cli.Result validate = Cli.run("validate", "--project", project.toString());
        assertEquals(0, validate.exitCode(), validate.all());
        assertTrue(validate.err().contains("is valid: project 'acme', warehouse duckdb"), validate.err());
        assertTrue(validate.out().contains("orders | file"), validate.out());
        assertTrue(validate.err().contains("note: sources.orders: no file matches 'data/orders*.csv' in folder"), validate.err());
    }

    @Test
    void init_refuses_to_overwrite_a_project() {
        assertEquals(0, Cli.run("init", folder.toString()).exitCode());
        Cli.Result again = Cli.run("init", folder.toString());
        assertEquals(ExitCodes.USER_ERROR, again.exitCode());
        assertTrue(again.err().contains("ownstack.yml already exists; use --force"), again.err());
    }

    @Test
    void validate_prints_all_five_mistakes_with_paths_and_exits_with_the_user_error_code() throws IOException {
        Files.writeString(folder.resolve("ownstack.yml"), """
                warehouse:
                  type: postgres
                  port: fifty
                  user: ownstack
                  password: ${env:OWNSTACK_TEST_UNSET_VARIABLE}
                sources:
                  orders:
                    type: file
                    path: data/*.csv
                    on-eror: skip
                    format: xml
                """);
        Cli.Result result = Cli.run("validate", "--project", folder.toString());
        assertEquals(ExitCodes.USER_ERROR, result.exitCode());
        for (String expected : List.of("warehouse.port: must be a whole number, got 'fifty'", "warehouse.database: is required",
                "warehouse.password: environment variable OWNSTACK_TEST_UNSET_VARIABLE is not set",
                "sources.orders.format: must be one of csv, jsonl, parquet, got 'xml'",
                "sources.orders.on-eror: unknown key (did you mean 'on-error'?)")) {
            assertTrue(result.err().contains("  - " + expected), () -> "missing '" + expected + "' in:\n" + result.err());
        }
        assertTrue(result.err().startsWith("error: " + folder.resolve("ownstack.yml") + " has 5 problems"), result.err());
        assertEquals("", result.out());
    }

    @Test
    void no_secret_value_appears_in_any_output() throws Exception {
        String secret = "Sup3r-s3cret-value-" + System.nanoTime();
        Files.writeString(folder.resolve("ownstack.yml"), """
                warehouse:
                  type: postgres
                  host: 127.0.0.1
                  port: 1
                  database: nowhere
                  user: ownstack
                  password: ${env:OWNSTACK_TEST_SECRET}
                sources:
                  crm:
                    type: singer
                    command: [tap-that-does-not-exist]
                    config: {token: "${env:OWNSTACK_TEST_SECRET}"}
                """);
        Map<String, String> environment = Map.of("OWNSTACK_TEST_SECRET", secret);
        for (List<String> args : List.of(List.of("validate"), List.of("validate", "--format", "json"),
                List.of("sql", "select 1"), List.of("ingest"), List.of("ingest", "crm", "--output", "json"))) {
            Cli.Result result = Cli.runProcess(folder, environment, args.toArray(String[]::new));
            assertFalse(result.all().contains(secret), () -> "secret printed by " + args + ":\n" + result.all());
            if (args.get(0).equals("validate")) {
                assertEquals(0, result.exitCode(), result.all());
            } else {
                assertEquals(ExitCodes.EXTERNAL_FAILURE, result.exitCode(), () -> args + ": " + result.all());
            }
        }
    }

    @Test
    void sql_prints_csv_with_a_header_and_nothing_else() throws IOException {
        Files.writeString(folder.resolve("ownstack.yml"), "warehouse: {type: duckdb, path: w.duckdb}\n");
        Cli.Result result = Cli.run("sql", "--project", folder.toString(), "--format", "csv",
                "select * from (values (1, 'a,b', NULL), (2, 'say \"hi\"', 2.5)) t(id, text, amount) order by id");
        assertEquals(0, result.exitCode(), result.all());
        assertEquals("id,text,amount\n1,\"a,b\",\n2,\"say \"\"hi\"\"\",2.5\n", result.out().replace("\r\n", "\n"));
    }

    @Test
    void sql_prints_json_and_tables() throws IOException {
        Files.writeString(folder.resolve("ownstack.yml"), "warehouse: {type: duckdb, path: w.duckdb}\n");
        Cli.Result json = Cli.run("sql", "-p", folder.toString(), "--format", "json", "select 1 as n, 'x' as s, DATE '2024-02-03' as d");
        assertEquals("[\n  {\"n\": 1, \"s\": \"x\", \"d\": \"2024-02-03\"}\n]\n", json.out());
        Cli.Result table = Cli.run("sql", "-p", folder.toString(), "select 42 as answer");
        assertEquals("answer\n------\n42\n(1 row)\n", table.out());
    }

    @Test
    void sql_reports_a_bad_query_as_a_user_error() throws IOException {
        Files.writeString(folder.resolve("ownstack.yml"), "warehouse: {type: duckdb, path: w.duckdb}\n");
        Cli.Result result = Cli.run("sql", "-p", folder.toString(), "select * from raw.missing");
        assertEquals(ExitCodes.USER_ERROR, result.exitCode(), result.all());
        assertTrue(result.err().contains("missing"), result.err());
    }

    @Test
    void statements_without_rows_report_what_they_changed() throws IOException {
        Files.writeString(folder.resolve("ownstack.yml"), "warehouse: {type: duckdb, path: w.duckdb}\n");
        assertEquals(0, Cli.run("sql", "-p", folder.toString(), "create table t (a int)").exitCode());
        Cli.Result insert = Cli.run("sql", "-p", folder.toString(), "insert into t values (1), (2)");
        assertEquals("OK, 2 rows changed\n", insert.err());
    }

    @Test
    void a_missing_project_file_says_how_to_create_one() {
        Cli.Result result = Cli.run("validate", "--project", folder.toString());
        assertEquals(ExitCodes.USER_ERROR, result.exitCode());
        assertTrue(result.err().contains("no ownstack.yml in project folder"), result.err());
        assertTrue(result.err().contains("ownstack init"), result.err());
    }

    @Test
    void unknown_options_are_usage_errors() {
        Cli.Result result = Cli.run("sql", "--formt", "csv", "select 1");
        assertEquals(ExitCodes.USER_ERROR, result.exitCode());
        assertTrue(result.err().contains("'--formt'"), result.err());
        assertTrue(result.err().contains("Possible solutions: --format"), result.err());
    }

    @Test
    void generate_writes_only_the_files_named_by_files() throws IOException {
        Path out = folder.resolve("contacts");
        Cli.Result result = Cli.run("generate", "--customers", "50", "--out", out.toString(), "--files", "shop_customers,truth");
        assertEquals(0, result.exitCode(), result.all());
        try (var files = Files.list(out)) {
            assertEquals(List.of("manifest.json", "shop_customers.csv", "truth.csv"),
                    files.map(path -> path.getFileName().toString()).sorted().toList());
        }
        Cli.Result wrong = Cli.run("generate", "--out", out.toString(), "--files", "shop");
        assertEquals(ExitCodes.USER_ERROR, wrong.exitCode());
        assertTrue(wrong.err().contains("--files: unknown file 'shop'"), wrong.err());
    }

    @Test
    void help_lists_every_command_and_the_exit_codes() {
        Cli.Result result = Cli.run("--help");
        assertEquals(0, result.exitCode());
        for (String command : List.of("init", "validate", "ingest", "generate", "sql", "demo")) {
            assertTrue(result.out().contains("  " + command + " "), command + " missing from:\n" + result.out());
        }
        assertTrue(result.out().contains("2  user error"), result.out());
    }
}
