package dev.ownstack.insights.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.scores.ScoresConfig;
import dev.ownstack.core.config.scores.ScoringModel;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.insights.churn.GradientBoostedTrees;
import dev.ownstack.insights.churn.LabelledSet;
import dev.ownstack.insights.churn.LabelledSets;
import dev.ownstack.insights.churn.RankEnsemble;
import dev.ownstack.insights.features.FeatureSpec;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Training, storing, evaluating and applying scoring models, on every engine. */
public abstract class ScoringSuite {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T08:00:00Z"), ZoneOffset.UTC);
    private static final ScoresConfig CONFIG = new ScoresConfig(Map.of(
            "churn", new ScoringModel.Churn("churn", 90, ScoringModel.Features.DEFAULTS, true),
            "vip", new ScoringModel.Label("vip", ScoringFixture.FLAGS, "vip", "customer_id", ScoringModel.Features.DEFAULTS, true),
            "ltv", new ScoringModel.LifetimeValue("ltv", 90, 7, true)));

    protected Warehouse warehouse;
    private Scoring scoring;

    protected abstract Warehouse open();

    @BeforeEach
    void openWarehouse() {
        warehouse = open();
        ScoringFixture.load(warehouse, 1500);
        scoring = new Scoring(warehouse, CONFIG, CLOCK);
    }

    @AfterEach
    void closeWarehouse() {
        warehouse.close();
    }

    @Test
    void trains_churn_with_the_held_back_period_at_the_end_of_the_data_and_numbers_the_versions() {
        ScoringReport first = scoring.train("churn", Optional.empty());
        ScoringReport second = scoring.train("churn", Optional.of(LocalDate.parse("2024-09-01")));

        StoredModel model = first.model();
        assertEquals(1, model.version());
        assertEquals(2, second.model().version());
        assertEquals(ScoringFixture.at("2024-10-03T00:00"), model.evaluationCutoff());
        assertEquals(ScoringFixture.at("2024-07-05T00:00"), model.trainCutoff());
        assertEquals(ScoringFixture.at("2024-09-01T00:00"), second.model().evaluationCutoff());
        assertEquals(LocalDateTime.parse("2025-01-02T08:00"), model.trainedAt());
        Map<String, Object> metrics = ModelStore.map(model.metrics());
        Map<String, Object> rankings = ScoringText.map(metrics.get("rankings"));
        double trees = ScoringText.number(ScoringText.map(rankings.get("xgboost")).get("auc"));
        assertTrue(trees > 0.6, "AUC " + trees);
        assertEquals(List.of("ensemble", "xgboost", "logistic_regression", "recency_only"), List.copyOf(rankings.keySet()));
        Map<String, Object> validation = ScoringText.map(metrics.get("validation"));
        assertEquals("2024-04-06T00:00", validation.get("train_cutoff"));
        assertEquals(List.of("ensemble", "xgboost", "logistic_regression"), List.copyOf(ScoringText.map(validation.get("auc")).keySet()));
        String chosen = (String) validation.get("chosen");
        assertEquals(chosen, metrics.get("calibrated"));
        assertEquals(chosen, ModelStore.map(model.settings()).get("model"));
        assertTrue(first.summary().contains("recency only") && first.summary().contains("writes the " + chosen + " probability")
                && first.summary().contains("calibration (" + chosen + ")"), first.summary());
        assertTrue(model.features().contains("recency_days"));
        assertEquals(List.of(1, 2), scoring.store().all().stream().map(StoredModel::version).toList());
    }

    @Test
    void a_stored_model_reopened_gives_identical_scores() {
        FeatureSpec spec = Classifiers.spec(ScoringModel.Features.DEFAULTS);
        LabelledSet set = LabelledSets.build(warehouse, spec, ScoringFixture.at("2024-09-01T00:00"), 90);
        GradientBoostedTrees trees = GradientBoostedTrees.train(set, Classifiers.TREES);
        StoredModel saved = new ModelStore(warehouse).save(new StoredModel("churn", 0, "churn", ScoringFixture.at("2025-01-01T00:00"),
                set.features().cutoff(), set.features().cutoff(), 90, "{}", trees.featureNames(), "{}", trees.toBytes()));

        StoredModel read = new ModelStore(warehouse).get("churn", saved.version());

        assertArrayEquals(trees.toBytes(), read.payload());
        assertArrayEquals(trees.predict(set.features()), GradientBoostedTrees.load(read.payload(), read.features()).predict(set.features()));
    }

    @Test
    void a_stored_ensemble_reopened_gives_identical_scores_for_either_choice() {
        FeatureSpec spec = Classifiers.spec(ScoringModel.Features.DEFAULTS);
        LabelledSet set = LabelledSets.build(warehouse, spec, ScoringFixture.at("2024-09-01T00:00"), 90);
        RankEnsemble ensemble = RankEnsemble.train(set, Classifiers.TREES);
        ModelStore store = new ModelStore(warehouse);
        for (String chosen : List.of("ensemble", "xgboost")) {
            StoredModel saved = store.save(new StoredModel("churn", 0, "churn", ScoringFixture.at("2025-01-01T00:00"),
                    set.features().cutoff(), set.features().cutoff(), 90, "{}", ensemble.featureNames(),
                    ModelStore.json(Classifiers.settings(chosen, true, ScoringModel.Features.DEFAULTS, 90)), ensemble.toBytes()));

            StoredModel read = store.get("churn", saved.version());

            double[] expected = chosen.equals("ensemble") ? ensemble.predict(set.features()) : ensemble.trees().predict(set.features());
            assertArrayEquals(expected, Classifiers.model(read).predict(set.features()), chosen);
        }
    }

    @Test
    void an_xgboost_model_stored_before_ensembles_still_evaluates_and_applies() {
        FeatureSpec spec = Classifiers.spec(ScoringModel.Features.DEFAULTS);
        LabelledSet set = LabelledSets.build(warehouse, spec, ScoringFixture.at("2024-07-05T00:00"), 90);
        GradientBoostedTrees trees = GradientBoostedTrees.train(set, Classifiers.TREES);
        String settings = "{\"label_days\":90,\"order_types\":[\"order\"],\"windows\":[30,90,180,365],\"xgboost\":{\"rounds\":200}}";
        new ModelStore(warehouse).save(new StoredModel("churn", 0, "churn", ScoringFixture.at("2025-01-01T00:00"), set.features().cutoff(),
                ScoringFixture.at("2024-10-03T00:00"), 90, "{}", trees.featureNames(), settings, trees.toBytes()));

        ScoringReport evaluated = scoring.evaluate("churn", Optional.empty());
        AppliedScores applied = scoring.apply("churn", Optional.empty());

        assertTrue(evaluated.summary().contains("calibration (xgboost)") && !evaluated.summary().contains("ensemble"), evaluated.summary());
        assertEquals(1500, applied.rows());
        assertEquals(0L, count("SELECT count(*) FROM model.customer_scores WHERE churn_probability NOT BETWEEN 0 AND 1"));
    }

    @Test
    void keeps_xgboost_when_the_data_leave_no_room_for_a_validation_split() {
        ScoringReport report = scoring.train("churn", Optional.of(LocalDate.parse("2024-06-01")));

        Map<String, Object> metrics = ModelStore.map(report.model().metrics());
        Map<String, Object> validation = ScoringText.map(metrics.get("validation"));
        assertEquals("2023-12-04T00:00", validation.get("train_cutoff"));
        assertEquals("xgboost", validation.get("chosen"));
        assertEquals("no room for a validation split: 0 customers at 2023-12-04 of whom 0 churned", validation.get("reason"));
        assertEquals("xgboost", metrics.get("calibrated"));
        assertTrue(report.summary().contains("no room for a validation split") && report.summary().contains("calibration (xgboost)"),
                report.summary());
        assertEquals(1500, scoring.apply("churn", Optional.empty()).rows());
    }

    @Test
    void evaluates_a_stored_ensemble_next_to_the_models_it_blends() {
        scoring.train("churn", Optional.empty());

        ScoringReport evaluated = scoring.evaluate("churn", Optional.empty());

        for (String expected : List.of("ensemble", "xgboost", "logistic regression", "recency only")) {
            assertTrue(evaluated.summary().contains(expected), expected + " in " + evaluated.summary());
        }
    }

    @Test
    void applies_churn_and_lifetime_value_as_traits_of_every_customer() {
        scoring.train("churn", Optional.empty());
        scoring.train("ltv", Optional.empty());

        AppliedScores churn = scoring.apply("churn", Optional.empty());
        AppliedScores ltv = scoring.apply("ltv", Optional.empty());

        assertEquals(List.of("churn_probability", "churn_decile"), churn.columns());
        assertEquals(List.of("ltv_expected_purchases", "ltv_probability_alive", "ltv_expected_spend", "ltv_value", "ltv_decile"),
                ltv.columns());
        assertEquals(1500, churn.rows());
        assertEquals(1500, ltv.rows());
        assertEquals(1500, java.util.Arrays.stream(ltv.decileSizes()).sum());
        assertEquals(0L, count("SELECT count(*) FROM model.customer_scores WHERE churn_decile IS NULL OR ltv_decile IS NULL"
                + " OR ltv_value < 0 OR churn_probability NOT BETWEEN 0 AND 1"));
        assertTrue(count("SELECT avg(ltv_value) FROM model.customer_scores WHERE ltv_decile = 10")
                > count("SELECT avg(ltv_value) FROM model.customer_scores WHERE ltv_decile = 1"));
        assertEquals(Map.of("churn", 1, "ltv", 1), scoring.store().applied());
    }

    @Test
    void learns_a_label_column_and_holds_back_the_same_fifth_of_customers() {
        ScoringReport report = scoring.train("vip", Optional.empty());

        Map<String, Object> metrics = ModelStore.map(report.model().metrics());
        int held = (int) ScoringText.number(ScoringText.map(metrics.get("evaluation")).get("customers"));
        int trained = (int) ScoringText.number(ScoringText.map(metrics.get("train")).get("customers"));
        assertEquals(1500, held + trained);
        assertTrue(held > 200 && held < 400, "held back " + held);
        double auc = ScoringText.number(ScoringText.map(ScoringText.map(metrics.get("rankings")).get("xgboost")).get("auc"));
        assertTrue(auc > 0.7, "AUC " + auc);
        assertTrue(scoring.evaluate("vip", Optional.empty()).summary().contains("xgboost"));
        assertEquals(1500, scoring.apply("vip", Optional.of(1)).rows());
    }

    @Test
    void tests_lifetime_value_on_the_last_horizon_and_stores_the_fit() {
        ScoringReport report = scoring.train("ltv", Optional.empty());

        Map<String, Object> holdout = ScoringText.map(ModelStore.map(report.model().metrics()).get("holdout"));
        assertEquals("2024-10-02", holdout.get("calibration_end"));
        double actual = ScoringText.number(holdout.get("actual_purchases"));
        double predicted = ScoringText.number(holdout.get("predicted_purchases"));
        assertTrue(actual > 0 && Math.abs(predicted - actual) / actual < 0.5, actual + " vs " + predicted);
        assertEquals(90, report.model().labelDays());
        assertTrue(scoring.evaluate("ltv", Optional.empty()).summary().contains("hold-out"));
    }

    @Test
    void an_untrained_or_unknown_model_or_a_missing_version_is_a_clear_error() {
        OwnstackException untrained = assertThrows(OwnstackException.class, () -> scoring.apply("churn", Optional.empty()));
        assertEquals(ErrorCode.NOT_FOUND, untrained.code());
        assertEquals("model 'churn' has not been trained yet: run ownstack score train churn", untrained.getMessage());
        OwnstackException unknown = assertThrows(OwnstackException.class, () -> scoring.train("churm", Optional.empty()));
        assertEquals("no scoring model 'churm' in the scores: section of ownstack.yml (models: churn, vip, ltv)".length(),
                unknown.getMessage().length());
        scoring.train("ltv", Optional.empty());
        OwnstackException version = assertThrows(OwnstackException.class, () -> scoring.evaluate("ltv", Optional.of(3)));
        assertEquals("model 'ltv' has no version 3 (versions: [1])", version.getMessage());
    }

    @Test
    void one_class_only_is_too_little_data_naming_the_model() {
        warehouse.execute("UPDATE crm.flags SET vip = false");

        OwnstackException failure = assertThrows(OwnstackException.class, () -> scoring.train("vip", Optional.empty()));

        assertEquals(ErrorCode.ARGUMENT_INVALID, failure.code());
        assertTrue(failure.getMessage().startsWith("model 'vip': too little data: the training part"), failure.getMessage());
        assertFalse(scoring.isTrained("vip"));
    }

    private long count(String sql) {
        return ((Number) warehouse.queryAll(sql).singleValue()).longValue();
    }
}
