package dev.ownstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scores as traits of an audience rule, end to end through the CLI: a generated shop of 800
 * customers who each buy at their own pace, those who buy rarely buying bigger baskets (as for
 * furniture next to groceries), so that some of the likeliest not to order in the next 90 days
 * are worth more than most; churn and lifetime value trained and applied; then "the top churn
 * decile with lifetime value above the median". (Where the likeliest churners are customers long
 * gone, lifetime value ranks them low too and the audience is empty.)
 */
class ScoreAudienceTest {
    private static final String RULE = """
            {"description": "likeliest to leave and worth more than most",
             "rule": {"all": [{"trait": "churn_decile", "operator": "equals", "value": 10},
                              {"trait": "ltv_decile", "operator": "greater", "value": 5}]}}
            """;

    @TempDir
    Path project;

    @Test
    void an_audience_selects_the_top_churn_decile_with_lifetime_value_above_the_median() throws IOException {
        writeShop(800);
        AudienceShop.writeProject(project, """
                scores:
                  churn: {kind: churn}
                  ltv: {kind: lifetime-value}
                """);
        assertEquals(0, Cli.run("ingest", "-p", project.toString()).exitCode());
        Cli.Result build = Cli.run("build", "-p", project.toString());
        assertEquals(0, build.exitCode(), build.all());
        assertTrue(build.out().contains("score churn: not trained yet; run ownstack score train churn"), build.out());
        Cli.Result train = Cli.run("score", "train", "-p", project.toString());
        assertEquals(0, train.exitCode(), train.all());
        Cli.Result apply = Cli.run("score", "apply", "-p", project.toString());
        assertEquals(0, apply.exitCode(), apply.all());

        Files.writeString(project.resolve("at-risk.json"), RULE);
        Cli.Result created = Cli.run("audience", "create", "valuable_at_risk", "--file", project.resolve("at-risk.json").toString(),
                "-p", project.toString());
        assertEquals(0, created.exitCode(), created.all());
        Cli.Result members = Cli.run("audience", "members", "valuable_at_risk", "--format", "csv", "-p", project.toString());
        assertEquals(0, members.exitCode(), members.all());

        List<String> selected = members.out().lines().skip(1).map(line -> line.split(",")[0]).sorted().toList();
        List<String> expected;
        try (Warehouse warehouse = DuckDbWarehouse.open(project.resolve("warehouse.duckdb").toString(), Duration.ofSeconds(60), m -> { })) {
            expected = warehouse.queryAll("SELECT customer_id FROM model.customer_scores WHERE churn_decile = 10 AND ltv_decile > 5")
                    .rows().stream().map(row -> (String) row[0]).sorted().toList();
            Object belowMedian = warehouse.queryAll("SELECT count(*) FROM model.customer_scores WHERE churn_decile = 10 AND ltv_decile > 5"
                    + " AND ltv_value < (SELECT median(ltv_value) FROM model.customer_scores)").singleValue();
            assertEquals(0L, ((Number) belowMedian).longValue(), "deciles 6 to 10 are above the median value");
        }
        assertFalse(selected.isEmpty(), "some likely churners are worth more than the median customer: " + members.out());
        assertEquals(expected, selected);
    }

    /** shop.csv, transactions.csv and an events file with one event, for the project of {@link AudienceShop}. */
    private void writeShop(int customers) throws IOException {
        Random random = new Random(5);
        LocalDate first = LocalDate.parse("2023-01-01");
        LocalDate last = LocalDate.parse("2024-12-31");
        int span = (int) (last.toEpochDay() - first.toEpochDay());
        StringBuilder shop = new StringBuilder("customer_id,email,first_name,country,created_at\n");
        StringBuilder transactions = new StringBuilder("transaction_id,customer_id,occurred_at,amount,currency,type\n");
        for (int customer = 0; customer < customers; customer++) {
            String id = String.valueOf(10_000 + customer);
            int gap = 20 + random.nextInt(140);
            double spend = 2 * Math.pow(gap, 1.2) * Math.exp(0.2 * random.nextGaussian());
            double dropout = 0.002;
            int day = random.nextInt(span * 2 / 3);
            shop.append(id).append(',').append("c").append(id).append("@example.com,C").append(id).append(",GB,")
                    .append(first.plusDays(day)).append("T00:00:00Z\n");
            for (int order = 0; day <= span; order++) {
                transactions.append(String.format(Locale.ROOT, "t%s-%d,%s,%sT10:00:00Z,%.2f,GBP,order%n", id, order, id, first.plusDays(day),
                        spend * (0.6 + 0.8 * random.nextDouble())));
                if (random.nextDouble() < dropout) {
                    break;
                }
                day += 1 + (int) (gap * -Math.log(1 - random.nextDouble()));
            }
        }
        Files.createDirectories(project.resolve("data"));
        Files.writeString(project.resolve("data/shop.csv"), shop);
        Files.writeString(project.resolve("data/transactions.csv"), transactions);
        Files.writeString(project.resolve("data/events.csv"), "message_id,timestamp,user_id,anonymous_id,event,properties\n"
                + "m1,2024-12-20T12:05:00Z,10000,a1,Product Viewed,\"{\"\"sku\"\": \"\"A1\"\"}\"\n");
    }
}
