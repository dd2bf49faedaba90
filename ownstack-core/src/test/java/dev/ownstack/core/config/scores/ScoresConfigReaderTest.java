package dev.ownstack.core.config.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.ProjectConfigLoader;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScoresConfigReaderTest {
    private static final String WAREHOUSE = "warehouse: {type: duckdb, path: w.duckdb}\n";

    private static ProjectConfig parse(String yaml) {
        return new ProjectConfigLoader(name -> Optional.empty()).parse(Path.of("/projects/acme"), "ownstack.yml", WAREHOUSE + yaml);
    }

    private static List<String> problems(String yaml) {
        OwnstackException failure = assertThrows(OwnstackException.class, () -> parse(yaml));
        assertEquals(ErrorCode.CONFIG_INVALID, failure.code());
        return failure.details();
    }

    @Test
    void reads_every_kind_with_its_defaults() {
        ScoresConfig scores = parse("""
                scores:
                  churn: {kind: churn}
                  crm_churn: {kind: label, table: crm.churn_flags, label: churned, apply-after-build: false}
                  ltv: {kind: lifetime-value, horizon-days: 365}
                """).scores();
        assertEquals(List.of("churn", "crm_churn", "ltv"), List.copyOf(scores.models().keySet()));
        assertEquals(new ScoringModel.Churn("churn", 90, ScoringModel.Features.DEFAULTS, true), scores.model("churn"));
        assertEquals(new ScoringModel.Label("crm_churn", new TableName("crm", "churn_flags"), "churned", "customer_id",
                ScoringModel.Features.DEFAULTS, false), scores.model("crm_churn"));
        assertEquals(new ScoringModel.LifetimeValue("ltv", 365, 7, true), scores.model("ltv"));
    }

    @Test
    void reads_feature_options_of_a_churn_model() {
        ScoringModel.Churn churn = (ScoringModel.Churn) parse("""
                scores:
                  churn: {kind: churn, label-days: 60, order-types: [order, subscription], windows: [30, 60]}
                """).scores().model("churn");
        assertEquals(60, churn.labelDays());
        assertEquals(new ScoringModel.Features(List.of("order", "subscription"), List.of(30, 60)), churn.features());
    }

    @Test
    void a_project_without_the_section_has_no_models() {
        assertTrue(parse("").scores().models().isEmpty());
    }

    @Test
    void reports_every_problem_with_its_path_and_value() {
        List<String> problems = problems("""
                scores:
                  Churn: {kind: churn}
                  lapsed: {kind: attrition}
                  flags: {kind: label, table: churn_flags}
                  ltv: {kind: lifetime-value, horizon-days: 0, horizon: 30}
                  short: {kind: churn, windows: [30, -1]}
                """);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("scores.Churn: 'Churn' is not a model name")), problems.toString());
        assertTrue(problems.contains("scores.lapsed.kind: must be one of churn, label, lifetime-value, got 'attrition'"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("scores.flags.table: must be schema.table") && p.endsWith("got 'churn_flags'")),
                problems.toString());
        assertTrue(problems.contains("scores.flags.label: is required"), problems.toString());
        assertTrue(problems.contains("scores.ltv.horizon-days: must be between 1 and 3650, got 0"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("scores.ltv.horizon: unknown key")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("scores.short.windows[1]: must be a number of days") && p.endsWith("'-1'")),
                problems.toString());
    }

    @Test
    void an_unknown_model_is_named_with_the_configured_ones() {
        OwnstackException failure = assertThrows(OwnstackException.class,
                () -> parse("scores: {churn: {kind: churn}}\n").scores().model("ltv"));
        assertEquals(ErrorCode.NOT_FOUND, failure.code());
        assertFalse(failure.getMessage().isEmpty());
        assertTrue(failure.getMessage().contains("'ltv'") && failure.getMessage().contains("models: churn"), failure.getMessage());
    }
}
