package dev.ownstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audience commands on {@link AudienceShop}, built once. Tests create audiences under names
 * of their own, so they share the project.
 */
class AudienceCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUDIENCES = """
            audiences:
              gb:
                rule: {trait: country, operator: equals, value: GB}
              big_spenders:
                description: Spent over 500
                rule: {trait: revenue, operator: greater, value: 500}
            """;

    @TempDir
    static Path project;

    private static String p() {
        return project.toString();
    }

    @BeforeAll
    static void buildTheShop() throws IOException {
        AudienceShop.build(project, AUDIENCES);
    }

    private static void writeProject(String audiences) throws IOException {
        AudienceShop.writeProject(project, audiences);
    }

    /** Runs {@code ownstack audience ARGS -p PROJECT} and expects success. */
    private static Cli.Result audience(String... args) {
        Cli.Result result = run(args);
        assertEquals(0, result.exitCode(), () -> String.join(" ", args) + ":\n" + result.all());
        return result;
    }

    private static Cli.Result run(String... args) {
        List<String> line = new ArrayList<>(List.of("audience"));
        line.addAll(List.of(args));
        line.addAll(List.of("-p", p()));
        return Cli.run(line.toArray(String[]::new));
    }

    /** Runs a command expected to fail as a user error, and returns its stderr. */
    private static String userError(String... args) {
        Cli.Result result = run(args);
        assertEquals(ExitCodes.USER_ERROR, result.exitCode(), () -> String.join(" ", args) + ":\n" + result.all());
        assertEquals("", result.out(), "nothing on stdout when a command fails");
        return result.err();
    }

    /** The first names of the audience's members, through {@code members --columns first_name --format csv}. */
    private static Set<String> members(String audience) {
        List<String> lines = audience("members", audience, "--columns", "first_name", "--format", "csv").out().lines().toList();
        assertEquals("customer_id,first_name", lines.get(0));
        return lines.stream().skip(1).map(line -> line.split(",")[1]).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void lists_the_audiences_of_ownstack_yml_first_then_those_created_here() throws IOException {
        audience("create", "listed_lapsed", "--recipe", "lapsed-buyers");
        audience("compute", "gb");
        JsonNode list = JSON.readTree(audience("list", "--format", "json").out());
        assertEquals("gb", list.get(0).get("name").asText());
        assertEquals("ownstack.yml", list.get(0).get("origin").asText());
        assertTrue(list.get(0).get("size").asInt() == 2 && list.get(0).get("last_run").asInt() >= 1, list.toString());
        assertEquals("big_spenders", list.get(1).get("name").asText());
        assertEquals("Spent over 500", list.get(1).get("description").asText());
        JsonNode lapsed = find(list, "listed_lapsed");
        assertEquals("recipe:lapsed-buyers", lapsed.get("origin").asText());
        assertTrue(lapsed.get("size").isNull(), "never computed: " + lapsed);

        String csv = audience("list", "--format", "csv").out();
        assertTrue(csv.startsWith("name,origin,description,holdout_percent,sample_percent,last_run,size,computed_at\ngb,ownstack.yml,\"\",0,100,"), csv);
        String table = audience("list").out();
        assertTrue(table.lines().anyMatch(line -> line.matches("listed_lapsed +\\| recipe:lapsed-buyers +\\| Lapsed buyers: .*")),
                "a table by default: " + table);
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode row : list) {
            if (row.get("name").asText().equals(name)) {
                return row;
            }
        }
        throw new AssertionError(name + " is not in " + list);
    }

    @Test
    void shows_a_definition_as_yaml_for_ownstack_yml_as_json_for_create_and_as_csv() throws IOException {
        String yaml = audience("show", "big_spenders").out();
        assertTrue(yaml.startsWith("# origin: ownstack.yml\n# "), yaml);
        assertTrue(yaml.endsWith("big_spenders:\n  description: Spent over 500\n  rule:\n    trait: revenue\n    operator: greater\n    value: 500\n"),
                yaml);

        String json = audience("show", "big_spenders", "--format", "json").out();
        assertEquals(JSON.readTree("{\"name\": \"big_spenders\", \"description\": \"Spent over 500\","
                + " \"rule\": {\"trait\": \"revenue\", \"operator\": \"greater\", \"value\": 500}}"), JSON.readTree(json));
        Path copy = project.resolve("big_spenders_copy.json");
        Files.writeString(copy, json.replace("\"big_spenders\"", "\"copied_spenders\""));
        audience("create", "copied_spenders", "--file", copy.toString());
        assertEquals(Set.of("Ann", "Cat"), members("copied_spenders"));
        assertTrue(audience("show", "copied_spenders").out().startsWith("# origin: api, created 20"), "saved with its times");

        assertEquals("name,origin,description,holdout_percent,sample_percent,created_at,updated_at,rule\n"
                + "gb,ownstack.yml,\"\",0,100,,,\"{\"\"trait\"\":\"\"country\"\",\"\"operator\"\":\"\"equals\"\",\"\"value\"\":\"\"GB\"\"}\"\n",
                audience("show", "gb", "--format", "csv").out());
    }

    @Test
    void previews_the_size_a_sample_the_overlap_and_a_breakdown() throws IOException {
        JsonNode preview = JSON.readTree(audience("preview", "big_spenders", "--overlap", "gb", "--breakdown", "country",
                "--columns", "first_name,revenue", "--format", "json").out());
        assertEquals(JSON.readTree("[{\"audience\": \"big_spenders\", \"members\": 2, \"customers\": 5, \"percent\": 40.0}]"), preview.get("Size"));
        // the first members by customer id: Cat's id (cus_b19c...) sorts before Ann's (cus_d03b...)
        assertEquals(JSON.readTree("[{\"first_name\": \"Cat\", \"revenue\": 540.500000000}, {\"first_name\": \"Ann\", \"revenue\": 1100.000000000}]"),
                preview.get("Sample"));
        assertEquals(JSON.readTree("[{\"audience\": \"big_spenders\", \"other\": \"gb\", \"audience_size\": 2, \"other_size\": 2, \"both\": 1,"
                + " \"audience_only\": 1, \"other_only\": 1}]"), preview.get("Overlap"));
        assertEquals(JSON.readTree("[{\"country\": \"GB\", \"members\": 1, \"percent\": 50.0}, {\"country\": \"US\", \"members\": 1, \"percent\": 50.0}]"),
                preview.get("Breakdown"));

        String table = audience("preview", "big_spenders", "--limit", "1").out();
        assertTrue(table.startsWith("Size\naudience     | members | customers | percent\n"), table);
        assertTrue(table.contains("\nSample\ncustomer_id          | email           | first_name | revenue\n"),
                "customer_id, the contact columns and the trait the rule compares: " + table);
        assertTrue(table.contains("| Cat        |") && !table.contains("Ann"), "one member: " + table);
        assertTrue(!table.contains("Overlap") && !table.contains("Breakdown"), "only when asked: " + table);
    }

    @Test
    void previews_and_streams_a_rule_with_an_event_under_any() throws IOException {
        Path rule = project.resolve("viewers_or_gb.json");
        Files.writeString(rule, "{\"any\": [{\"event\": \"Product Viewed\", \"within-days\": 30}, {\"audience\": \"gb\"}]}");
        audience("create", "viewers_or_gb", "--file", rule.toString());
        assertEquals(Set.of("Ann", "Bob", "Dan"), members("viewers_or_gb"));
        String preview = audience("preview", "viewers_or_gb", "--breakdown", "orders", "--format", "csv").out();
        assertTrue(preview.startsWith("# Size\naudience,members,customers,percent\nviewers_or_gb,3,5,60.0\n"), preview);
        assertTrue(preview.endsWith("# Breakdown\norders,members,percent\n\"[0, 1)\",1,33.3\n\"[1, 2)\",1,33.3\n\"[3, 4)\",1,33.3\n"), preview);
    }

    @Test
    void prints_the_sql_for_the_project_engine_or_another_dialect() {
        String duckdb = audience("sql", "big_spenders").out();
        assertEquals("""
                -- audience big_spenders compiled for duckdb as of 2025-01-01T00:00:00Z
                -- parameters in order: 500 decimal
                SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."revenue" > ?
                """, duckdb);
        String postgres = audience("sql", "gb", "--dialect", "postgres").out();
        assertTrue(postgres.startsWith("-- audience gb compiled for postgres as of 2025-01-01T00:00:00Z\n-- parameters in order: \"GB\" text\n"),
                postgres);
        String bigquery = audience("sql", "big_spenders", "--dialect", "bigquery").out();
        assertTrue(bigquery.contains("SELECT c.`customer_id` FROM `model`.`customers` AS c WHERE c.`revenue` > ?"), bigquery);
    }

    @Test
    void streams_members_with_the_chosen_columns_in_every_format() throws IOException {
        assertEquals(Set.of("Ann", "Bob"), members("gb"));
        List<String> csv = audience("members", "gb", "--columns", "email,country", "--format", "csv").out().lines().toList();
        assertEquals("customer_id,email,country", csv.get(0));
        assertEquals(Set.of("ann@example.com,GB", "bob@example.org,GB"),
                csv.stream().skip(1).map(line -> line.substring(line.indexOf(',') + 1)).collect(Collectors.toSet()));
        assertTrue(csv.get(1).startsWith("cus_"), csv.toString());

        JsonNode limited = JSON.readTree(audience("members", "gb", "--limit", "1", "--format", "json").out());
        assertEquals(1, limited.size());
        assertEquals(csv.get(1).split(",")[0], limited.get(0).get("customer_id").asText(), "the first by customer id");
        String table = audience("members", "gb").out();
        assertTrue(table.startsWith("customer_id\n----") && table.endsWith("(2 rows)\n"), table);
    }

    @Test
    void creates_audiences_from_recipes_that_select_the_customers_they_describe() {
        audience("create", "r_lapsed", "--recipe", "lapsed-buyers");
        assertEquals(Set.of("Ann", "Cat"), members("r_lapsed"), "no order since September and July");
        audience("create", "r_lapsed_150", "--recipe", "lapsed-buyers", "--param", "lapsed-days=150");
        assertEquals(Set.of("Cat"), members("r_lapsed_150"), "Ann ordered 108 days before");
        audience("create", "r_new", "--recipe", "new-customers");
        assertEquals(Set.of("Bob", "Dan"), members("r_new"));
        audience("create", "r_browsers", "--recipe", "browsers-never-bought");
        assertEquals(Set.of("Dan"), members("r_browsers"), "Eve viewed in October, Bob completed an order");
        audience("create", "r_repeat", "--recipe", "repeat-buyers");
        assertEquals(Set.of("Ann"), members("r_repeat"));
        audience("create", "r_value", "--recipe", "high-value-at-risk", "--param", "min-spend=1000", "--param", "quiet-days=90");
        assertEquals(Set.of("Ann"), members("r_value"));
        Cli.Result winBack = audience("create", "r_win_back", "--recipe", "win-back", "--param", "inactive-days=100");
        assertEquals("Created audience r_win_back from recipe win-back: 1 of 5 customers now.\n"
                + "Next: ownstack audience preview r_win_back   or   ownstack audience compute r_win_back\n", winBack.out());
        assertTrue(audience("show", "r_win_back").out().contains("holdout-percent: 10"), "the recipe's holdout");
    }

    @Test
    void creates_an_audience_from_a_yaml_definition() throws IOException {
        Path file = project.resolve("quiet.yaml");
        Files.writeString(file, """
                description: No order in the last 90 days
                rule:
                  all:
                    - {transactions: count, operator: equals, value: 0, within-days: 90, type: order}
                    - {not: {audience: gb}}
                """);
        audience("create", "quiet_abroad", "--file", file.toString());
        assertEquals(Set.of("Cat", "Dan", "Eve"), members("quiet_abroad"));
        assertTrue(audience("show", "quiet_abroad").out().contains("description: No order in the last 90 days"));
    }

    @Test
    void computes_runs_and_lists_who_joined_and_who_left() throws IOException {
        try {
            writeProject(AUDIENCES + "  changing:\n    rule: {trait: country, operator: equals, value: GB}\n");
            Cli.Result first = audience("compute", "changing");
            assertTrue(first.out().endsWith("Computed changing, run 1: 2 members; the first run.\n"), first.out());
            assertEquals(Set.of("joined,Ann", "joined,Bob"), changes("changing"));

            writeProject(AUDIENCES + "  changing:\n    rule: {trait: revenue, operator: greater, value: 500}\n");
            Cli.Result second = audience("compute", "changing", "--format", "csv");
            assertTrue(second.out().startsWith("audience,run_id,computed_at,as_of,size,holdout_size,joined,left\nchanging,2,"), second.out());
            assertTrue(second.out().endsWith(",2025-01-01 00:00:00Z,2,0,1,1\n"), second.out());
            assertEquals(Set.of("joined,Cat", "left,Bob"), changes("changing"));
            assertTrue(audience("changes", "changing").out().endsWith("Run 2 against run 1: 1 joined, 1 left.\n"));

            JsonNode runs = JSON.readTree(audience("runs", "changing", "--format", "json").out());
            assertEquals(2, runs.size());
            assertEquals(List.of(1, 2), List.of(runs.get(0).get("run_id").asInt(), runs.get(1).get("run_id").asInt()), "oldest first");
            assertEquals(List.of(2, 2), List.of(runs.get(0).get("size").asInt(), runs.get(1).get("size").asInt()));
            JsonNode latest = JSON.readTree(audience("runs", "changing", "--limit", "1", "--format", "json").out());
            assertEquals(1, latest.size());
            assertEquals(2, latest.get(0).get("run_id").asInt(), "the latest run");
        } finally {
            writeProject(AUDIENCES);
        }
    }

    @Test
    void deletes_an_audience_created_here_with_its_history_but_not_one_in_use_or_of_ownstack_yml() throws IOException {
        audience("create", "doomed", "--recipe", "new-customers");
        audience("compute", "doomed");
        assertEquals("Deleted audience doomed and its membership history.\n", audience("delete", "doomed").out());
        assertTrue(userError("runs", "doomed").contains("error: unknown audience \"doomed\"; there are \"gb\", \"big_spenders\""));

        audience("create", "kept", "--recipe", "new-customers");
        Path rule = project.resolve("uses_kept.json");
        Files.writeString(rule, "{\"audience\": \"kept\"}");
        audience("create", "uses_kept", "--file", rule.toString());
        assertTrue(userError("delete", "kept").contains("audience \"kept\" is used by \"uses_kept\""));
        assertTrue(userError("delete", "gb").contains("audience \"gb\" is defined in ownstack.yml (audiences.gb)"));
    }

    @Test
    void names_the_unknown_audience_dialect_recipe_parameter_column_or_limit() throws IOException {
        assertTrue(userError("show", "nobody").startsWith("error: unknown audience \"nobody\"; there are \"gb\", \"big_spenders\""));
        assertTrue(userError("preview", "gb", "--overlap", "nobody").contains("unknown audience \"nobody\""));
        assertEquals("error: --dialect 'oracle' is not a dialect; use duckdb, postgres, snowflake, bigquery, redshift\n", userError("sql", "gb", "--dialect", "oracle"));
        assertTrue(userError("create", "x", "--recipe", "nope").contains("unknown recipe \"nope\"; the recipes are high-value-at-risk, lapsed-buyers,"));
        assertEquals("error: --param lapsed-days: must be a number, got \"soon\"\n",
                userError("create", "x", "--recipe", "lapsed-buyers", "--param", "lapsed-days=soon"));
        assertEquals("error: --param lapsed-days: must be from 1 to 366000, got 0\n",
                userError("create", "x", "--recipe", "lapsed-buyers", "--param", "lapsed-days=0"));
        assertEquals("error: --param colour: recipe lapsed-buyers has no such parameter; it has lapsed-days, order-type\n",
                userError("create", "x", "--recipe", "lapsed-buyers", "--param", "colour=red"));
        assertEquals("error: --param 'lapsed-days' must be NAME=VALUE, such as --param lapsed-days=90\n",
                userError("create", "x", "--recipe", "lapsed-buyers", "--param", "lapsed-days"));
        assertEquals("error: --param lapsed-days is given twice\n",
                userError("create", "x", "--recipe", "lapsed-buyers", "--param", "lapsed-days=1", "--param", "lapsed-days=2"));
        assertTrue(userError("create", "x", "--recipe", "high-value-at-risk", "--param", "quiet-days=400")
                .contains("--param quiet-days: must be fewer than active-days (365), got 400"));
        assertTrue(userError("create", "9lives", "--recipe", "lapsed-buyers").contains("audience name '9lives' must use letters"));
        assertTrue(userError("create", "x", "--recipe", "lapsed-buyers", "--file", "x.json").contains("mutually exclusive"));
        assertTrue(userError("create", "x").contains("--recipe=RECIPE | --file=FILE"));
        assertTrue(userError("create", "gb", "--recipe", "lapsed-buyers").contains("audience \"gb\" is defined in ownstack.yml"));

        Path typo = project.resolve("typo.json");
        Files.writeString(typo, "{\"trait\": \"countri\", \"operator\": \"equals\", \"value\": \"GB\"}");
        assertTrue(userError("create", "x", "--file", typo.toString()).contains("rule.trait: unknown trait \"countri\""));
        assertTrue(userError("create", "x", "--file", typo.toString(), "--param", "a=1").contains("parameters go with --recipe, not --file"));
        Path broken = project.resolve("broken.json");
        Files.writeString(broken, "{\"trait\": ");
        assertTrue(userError("create", "x", "--file", broken.toString()).contains("broken.json is not valid JSON"));
        assertTrue(userError("create", "x", "--file", project.resolve("absent.json").toString()).contains("absent.json: no such file"));
        assertTrue(userError("show", "x").contains("unknown audience \"x\""), "nothing was saved by the failures above");

        assertTrue(userError("preview", "gb", "--columns", "email,shoe_size").startsWith(
                "error: --columns 'shoe_size': model.customers has no such column; it has customer_id, email, first_name, country,"));
        assertTrue(userError("preview", "gb", "--breakdown", "shoe_size").startsWith("error: --breakdown 'shoe_size': model.customers has"));
        assertEquals("error: --limit 0: must be from 1 to 1000\n", userError("preview", "gb", "--limit", "0"));
        assertEquals("error: --limit 0: must be at least 1\n", userError("members", "gb", "--limit", "0"));
        assertTrue(userError("list", "--format", "xml").contains("'xml' is not an output format"));
        audience("create", "never_computed", "--recipe", "repeat-buyers");
        assertTrue(userError("changes", "never_computed").contains("audience \"never_computed\" has not been computed yet"));
    }

    @Test
    void help_describes_every_subcommand_with_an_example() {
        for (String command : List.of("list", "show", "preview", "sql", "members", "compute", "changes", "runs", "recipes", "create",
                "delete")) {
            Cli.Result help = Cli.run("audience", command, "--help");
            assertEquals(0, help.exitCode(), help.all());
            assertTrue(help.out().contains("Example") && help.out().contains("  ownstack audience " + command), command + ":\n" + help.out());
        }
        Cli.Result top = Cli.run("audience", "--help");
        assertTrue(top.out().contains("  preview  Preview an audience: size, sample, overlap and breakdown."), top.out());
        assertTrue(Cli.run("--help").out().contains("  audience "), "listed by ownstack --help");
    }

    @Test
    void lists_every_recipe_with_its_parameters() throws IOException {
        String table = audience("recipes").out();
        for (String recipe : List.of("high-value-at-risk", "lapsed-buyers", "new-customers", "browsers-never-bought", "repeat-buyers",
                "win-back")) {
            assertTrue(table.contains("\n" + recipe + "\n") || table.startsWith(recipe + "\n"), recipe + " missing:\n" + table);
        }
        assertTrue(table.contains("    lapsed-days=90    whole number from 1 to 366000: no order in this many days\n"), table);
        JsonNode rows = JSON.readTree(audience("recipes", "--format", "json").out());
        JsonNode views = rows.get(0);
        for (JsonNode row : rows) {
            if (row.get("parameter").asText().equals("view-event")) {
                views = row;
            }
        }
        assertEquals("browsers-never-bought", views.get("recipe").asText());
        assertEquals("text", views.get("type").asText());
        assertEquals("Product Viewed", views.get("default").asText());
        assertTrue(views.get("min").isNull());
    }

    @Test
    void the_audience_example_that_init_writes_is_valid_once_uncommented() throws IOException {
        Path fresh = project.resolve("fresh");
        assertEquals(0, Cli.run("init", fresh.toString()).exitCode());
        List<String> lines = Files.readAllLines(fresh.resolve("ownstack.yml"));
        int start = lines.indexOf("# audiences:");
        assertTrue(start > 0, "init writes a commented audiences: section");
        StringBuilder example = new StringBuilder();
        for (String line : lines.subList(start, lines.size())) {
            if (line.isBlank()) {
                break;
            }
            example.append(line.substring(2)).append('\n');
        }
        Files.writeString(fresh.resolve("ownstack.yml"), "warehouse: {type: duckdb, path: warehouse.duckdb}\n" + example);
        Cli.Result listed = Cli.run("audience", "list", "-p", fresh.toString(), "--format", "csv");
        assertEquals(0, listed.exitCode(), listed.all());
        assertTrue(listed.out().contains("\nbig_spenders,ownstack.yml,Spent over 500 and ordered in the last 90 days,10,100,,,\n"), listed.out());
    }

    /** {@code change,first_name} of the last run's changes. */
    private static Set<String> changes(String audience) {
        List<String> lines = audience("changes", audience, "--format", "csv").out().lines().toList();
        assertEquals("change,customer_id", lines.get(0));
        Set<String> names = new TreeSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            names.add(cells[0] + "," + firstName(cells[1]));
        }
        return names;
    }

    private static String firstName(String customerId) {
        Cli.Result result = Cli.run("sql", "-p", p(), "select first_name from model.customers where customer_id = '" + customerId + "'",
                "--format", "csv");
        return result.out().lines().skip(1).findFirst().orElseThrow();
    }
}
