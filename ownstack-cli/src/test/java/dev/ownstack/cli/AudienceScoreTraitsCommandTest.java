package dev.ownstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Score traits through the audience commands, on {@link AudienceShop} with churn scores written
 * for Ann and Bob (as the insights module writes them): Ann in decile 10, Bob in decile 4, the
 * others unscored.
 */
class AudienceScoreTraitsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUDIENCES = """
            audiences:
              at_risk:
                rule: {trait: churn_decile, operator: equals, value: 10}
              not_at_risk:
                rule: {trait: churn_decile, operator: not-equals, value: 10}
            """;

    @TempDir
    static Path project;

    @BeforeAll
    static void buildTheShopAndScoreIt() throws IOException {
        AudienceShop.build(project, AUDIENCES);
        try (Warehouse warehouse = DuckDbWarehouse.open(project.resolve("warehouse.duckdb").toString(), Duration.ofSeconds(60), message -> { })) {
            List<Object[]> ids = warehouse.queryAll("SELECT customer_id, first_name FROM model.customers WHERE first_name IN ('Ann', 'Bob')"
                    + " ORDER BY first_name").rows();
            TableName scores = new TableName("model", "customer_scores");
            warehouse.ensureTable(scores, List.of(new Column("customer_id", ColumnType.STRING), new Column("churn_probability", ColumnType.DOUBLE),
                    new Column("churn_decile", ColumnType.BIGINT)), List.of());
            try (RowWriter writer = warehouse.append(scores, List.of("customer_id", "churn_probability", "churn_decile"))) {
                writer.write(new Object[] {ids.get(0)[0], 0.97, 10L});
                writer.write(new Object[] {ids.get(1)[0], 0.35, 4L});
            }
            List<Column> owners = List.of(new Column("model", ColumnType.STRING), new Column("column_name", ColumnType.STRING),
                    new Column("output", ColumnType.STRING), new Column("type", ColumnType.STRING), new Column("version", ColumnType.STRING),
                    new Column("scored_at", ColumnType.TIMESTAMP));
            TableName scoreColumns = new TableName("ownstack", "score_columns");
            warehouse.ensureTable(scoreColumns, owners, List.of());
            try (RowWriter writer = warehouse.append(scoreColumns, owners.stream().map(Column::name).toList())) {
                LocalDateTime at = LocalDateTime.parse("2024-12-31T06:00");
                writer.write(new Object[] {"churn", "churn_probability", "probability", "DOUBLE", "7", at});
                writer.write(new Object[] {"churn", "churn_decile", "decile", "BIGINT", "7", at});
            }
        }
    }

    private static Cli.Result audience(String... args) {
        List<String> line = new ArrayList<>(List.of("audience"));
        line.addAll(List.of(args));
        line.addAll(List.of("-p", project.toString()));
        return Cli.run(line.toArray(String[]::new));
    }

    private static String ok(String... args) {
        Cli.Result result = audience(args);
        assertEquals(0, result.exitCode(), () -> String.join(" ", args) + ":\n" + result.all());
        return result.out();
    }

    @Test
    void lists_customer_columns_and_score_traits_with_their_model_and_version() throws IOException {
        JsonNode traits = JSON.readTree(ok("traits", "--format", "json"));
        JsonNode last = traits.get(traits.size() - 1);
        assertEquals(JSON.readTree("{\"trait\": \"churn_decile\", \"type\": \"BIGINT\", \"kind\": \"score\", \"model\": \"churn\", \"version\": \"7\"}"),
                last);
        assertEquals("churn_probability", traits.get(traits.size() - 2).get("trait").asText());
        assertEquals("customer_id", traits.get(0).get("trait").asText());
        assertEquals("customer", traits.get(0).get("kind").asText());
        assertTrue(ok("traits", "--help").contains("  ownstack audience traits"));
    }

    @Test
    void selects_prints_and_breaks_down_members_by_score_traits() throws IOException {
        assertEquals("customer_id,first_name,churn_decile", ok("members", "at_risk", "--columns", "first_name,churn_decile", "--format", "csv")
                .lines().findFirst().orElseThrow());
        assertEquals(List.of("Ann,10"), ok("members", "at_risk", "--columns", "first_name,churn_decile", "--format", "csv").lines().skip(1)
                .map(line -> line.substring(line.indexOf(',') + 1)).toList());
        assertEquals(List.of("Bob,4", "Cat,", "Dan,", "Eve,"), ok("members", "not_at_risk", "--columns", "first_name,churn_decile", "--format",
                "csv").lines().skip(1).map(line -> line.substring(line.indexOf(',') + 1)).sorted().toList());
        String preview = ok("preview", "not_at_risk", "--breakdown", "churn_decile", "--format", "json");
        List<String> buckets = JSON.readTree(preview).findParents("churn_decile").stream().filter(row -> row.has("members"))
                .map(row -> row.get("churn_decile").asText() + "=" + row.get("members").asText()).toList();
        assertEquals(List.of("[4, 5)=1", "no value=3"), buckets, preview); // Bob; Cat, Dan and Eve have no scores
    }

    @Test
    void names_the_score_traits_when_a_trait_is_unknown() {
        Cli.Result result = audience("members", "at_risk", "--columns", "churn");
        assertEquals(ExitCodes.USER_ERROR, result.exitCode(), result.all());
        assertTrue(result.err().contains("--columns 'churn': model.customers has no such column; it has customer_id,"), result.err());
        assertTrue(result.err().contains("; model.customer_scores has churn_probability (score of model churn, version 7),"
                + " churn_decile (score of model churn, version 7)"), result.err());
    }
}
