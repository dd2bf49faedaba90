package dev.ownstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ownstack score} on the demo project, whose ownstack.yml has a churn and a lifetime-value model. */
class ScoreCommandTest {
    @TempDir
    static Path folder;
    static Path demo;

    @BeforeAll
    static void runTheDemo() {
        demo = folder.resolve("demo");
        Cli.Result result = Cli.run("demo", "--dir", demo.toString(), "--customers", "600", "--no-serve");
        assertEquals(0, result.exitCode(), result.all());
        assertTrue(result.out().contains("Training the churn model (ownstack score train churn):"), result.out());
        assertTrue(result.out().contains("recency only"), result.out());
        assertTrue(result.out().matches("(?s).*Applied: [0-9,]+ customers scored into churn_probability, churn_decile\n.*"), result.out());
        assertTrue(result.out().matches("(?s).*Applied: [0-9,]+ customers scored into ltv_expected_purchases, ltv_probability_alive,"
                + " ltv_expected_spend, ltv_value, ltv_decile\n.*"), result.out());
    }

    private static Cli.Result score(Path project, String... args) {
        String[] line = Stream.concat(Stream.of("score"), Stream.concat(Stream.of(args), Stream.of("-p", project.toString())))
                .toArray(String[]::new);
        return Cli.run(line);
    }

    @Test
    void trains_evaluates_applies_and_lists_versions() {
        Cli.Result trained = score(demo, "train", "churn");
        assertEquals(0, trained.exitCode(), trained.all());
        assertTrue(trained.out().matches("(?s)model churn \\(churn\\), version ([2-9]), trained .*\n"
                + "  train:   cut-off 2024-0[67]-[0-9]{2}T00:00: [0-9]+ customers, churn rate 0\\.[0-9]{3}\n"
                + "  evaluate: cut-off 2024-10-0[1-3]T00:00: [0-9]+ customers, churn rate 0\\.[0-9]{3}\n.*"), trained.out());
        int version = Integer.parseInt(trained.out().substring("model churn (churn), version ".length()).split(",")[0]);
        for (String expected : List.of("ensemble", "xgboost", "logistic regression", "recency only", "validate: trained to", "top features",
                "stored as churn version " + version + " in ownstack.score_models; apply it with: ownstack score apply churn")) {
            assertTrue(trained.out().contains(expected), expected + " in " + trained.out());
        }
        assertFalse(trained.err().contains("INFO"), "training does not log: " + trained.err());

        Cli.Result evaluated = score(demo, "evaluate", "churn", "--version", "1");
        assertEquals(0, evaluated.exitCode(), evaluated.all());
        assertTrue(evaluated.out().startsWith("model churn (churn), version 1,"), evaluated.out());
        assertTrue(evaluated.out().contains("recency only") && evaluated.out().contains("logistic regression"), evaluated.out());

        Cli.Result applied = score(demo, "apply", "churn");
        assertEquals(0, applied.exitCode(), applied.all());
        assertTrue(applied.out().matches("churn: version " + version + " wrote [0-9,]+ rows of churn_probability, churn_decile into"
                + " model.customer_scores\n  customers per decile \\(1 = lowest, 10 = highest\\): 1: [0-9,]+ .* 10: [0-9,]+\n"), applied.out());

        Cli.Result list = score(demo, "list", "--format", "csv");
        assertEquals(0, list.exitCode(), list.all());
        List<String> rows = list.out().lines().toList();
        assertEquals("model,version,kind,trained_at,window,metrics,applied", rows.get(0));
        assertTrue(rows.get(1).startsWith("churn,1,churn,") && rows.get(1).endsWith(",\"\""), list.out());
        String latest = rows.get(version);
        assertTrue(latest.startsWith("churn," + version + ",churn,") && latest.matches(".*,\"train 2024-0[67]-[0-9]{2}, evaluate 2024-10-0[1-3],"
                + " 90-day label\",AUC ensemble 0\\.[0-9]{3} xgboost 0\\.[0-9]{3} lr 0\\.[0-9]{3} recency 0\\.[0-9]{3},yes"), list.out());
        assertTrue(rows.get(version + 1).startsWith("ltv,1,lifetime-value,") && rows.get(version + 1).contains("hold-out purchases actual")
                && rows.get(version + 1).endsWith(",yes"), list.out());
    }

    @Test
    void build_applies_trained_models_again_and_names_the_command_for_an_untrained_one() throws IOException {
        Path copy = copyOfDemo("after-build");
        addModels(copy, "  marketing: {kind: label, table: model.customers, label: accepts_marketing}\n"
                + "  quiet: {kind: churn, label-days: 60, apply-after-build: false}\n");

        Cli.Result build = Cli.run("build", "--skip-resolve", "-p", copy.toString());

        assertEquals(0, build.exitCode(), build.all());
        assertTrue(build.out().matches("(?s).*\nscore churn: version [0-9]+ applied to [0-9,]+ customers \\(churn_probability, churn_decile\\)\n"
                + "score ltv: version 1 applied to [0-9,]+ customers \\(ltv_expected_purchases, .*\\)\n"
                + "score marketing: not trained yet; run ownstack score train marketing\n"), build.out());
        assertFalse(build.out().contains("quiet"), build.out());

        Cli.Result label = score(copy, "train", "marketing");
        assertEquals(0, label.exitCode(), label.all());
        assertTrue(label.out().contains("accepts_marketing rate"), label.out());
        Cli.Result untrained = score(copy, "apply", "quiet");
        assertEquals(2, untrained.exitCode(), untrained.all());
        assertTrue(untrained.err().endsWith("\nerror: model 'quiet' has not been trained yet: run ownstack score train quiet\n"),
                untrained.err());
    }

    @Test
    void names_the_unknown_model_or_version_and_a_cutoff_without_data() {
        Cli.Result unknown = score(demo, "apply", "churm");
        assertEquals(2, unknown.exitCode(), unknown.all());
        assertEquals("error: no scoring model 'churm' in the scores: section of ownstack.yml (models: churn, ltv)\n", unknown.err());

        Cli.Result version = score(demo, "evaluate", "ltv", "--version", "9");
        assertEquals(2, version.exitCode(), version.all());
        assertEquals("error: model 'ltv' has no version 9 (versions: [1])\n", version.err());

        Cli.Result cutoff = score(demo, "train", "churn", "--cutoff", "2030-01-01");
        assertEquals(2, cutoff.exitCode(), cutoff.all());
        assertTrue(cutoff.err().contains("error: model 'churn': the label window ends at 2030-01-01T00:00 but the latest transaction in"
                + " model.transactions is at 2024-12-"), cutoff.err());

        Cli.Result ltvCutoff = score(demo, "train", "ltv", "--cutoff", "2024-09-01");
        assertEquals(2, ltvCutoff.exitCode(), ltvCutoff.all());
        assertTrue(ltvCutoff.err().contains("model 'ltv' is of kind lifetime-value, which has no time split"), ltvCutoff.err());
    }

    @Test
    void help_teaches_with_examples() {
        Cli.Result help = Cli.run("score", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("Examples:") && help.out().contains("ownstack score train churn --cutoff 2011-09-01"), help.out());
        for (String command : List.of("train", "evaluate", "apply", "list")) {
            Cli.Result sub = Cli.run("score", command, "--help");
            assertEquals(0, sub.exitCode(), sub.all());
            assertTrue(sub.out().contains("ownstack score " + command), sub.out());
        }
    }

    private static Path copyOfDemo(String name) throws IOException {
        Path copy = folder.resolve(name);
        try (Stream<Path> walk = Files.walk(demo)) {
            for (Path path : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path target = copy.resolve(demo.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        return copy;
    }

    private static void addModels(Path project, String entries) throws IOException {
        Path file = project.resolve("ownstack.yml");
        String yaml = Files.readString(file);
        int end = yaml.indexOf("\naudiences:");
        Files.writeString(file, yaml.substring(0, end + 1) + entries + yaml.substring(end + 1));
    }
}
