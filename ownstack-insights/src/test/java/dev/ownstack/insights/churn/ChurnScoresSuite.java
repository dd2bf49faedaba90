package dev.ownstack.insights.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ownstack.insights.features.FeatureMatrix;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scores written to model.customer_scores on every engine. */
public abstract class ChurnScoresSuite {
    private static final LocalDateTime SCORED_AT = LocalDateTime.parse("2024-05-01T12:00:00");

    protected Warehouse warehouse;

    protected abstract Warehouse open();

    @BeforeEach
    void openWarehouse() {
        warehouse = open();
    }

    @AfterEach
    void closeWarehouse() {
        warehouse.close();
    }

    private static LabelledSet customers(int count) {
        Random random = new Random(7);
        List<String> ids = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        boolean[] churned = new boolean[count];
        for (int i = 0; i < count; i++) {
            ids.add(String.format("c%03d", i));
            rows.add(new double[] {i});
            churned[i] = i >= count / 2 != random.nextDouble() < 0.1;
        }
        return new LabelledSet(new FeatureMatrix(SCORED_AT, List.of("recency_days"), ids, rows), churned, 30);
    }

    @Test
    void writes_a_probability_and_a_decile_per_customer_with_10_for_the_likeliest_churners() {
        LabelledSet set = customers(100);
        LogisticBaseline model = LogisticBaseline.train(set);

        long written = ChurnScores.write(warehouse, "churn", model, "1", set.features(), SCORED_AT);

        assertEquals(100, written);
        List<Object[]> rows = warehouse.queryAll("SELECT customer_id, churn_probability, churn_decile"
                + " FROM model.customer_scores ORDER BY churn_probability, customer_id").rows();
        assertEquals(100, rows.size());
        assertEquals("c000", rows.get(0)[0]);
        assertEquals(1L, ((Number) rows.get(0)[2]).longValue());
        assertEquals("c099", rows.get(99)[0]);
        assertEquals(10L, ((Number) rows.get(99)[2]).longValue());
        assertEquals(10L, ((Number) warehouse.queryAll("SELECT count(*) FROM model.customer_scores WHERE churn_decile = 10")
                .singleValue()).longValue());
        List<Object[]> columns = warehouse.queryAll("SELECT column_name, version, scored_at FROM ownstack.score_columns"
                + " ORDER BY column_name").rows();
        assertEquals(List.of("churn_decile", "churn_probability"), columns.stream().map(row -> row[0]).toList());
        assertEquals("1", columns.get(0)[1]);
        assertEquals(SCORED_AT, columns.get(0)[2]);
    }

    @Test
    void scoring_a_model_again_replaces_its_columns_and_keeps_other_models() {
        LabelledSet set = customers(40);
        ChurnScores.write(warehouse, "churn_lr", LogisticBaseline.train(set), "1", set.features(), SCORED_AT);
        ChurnScores.write(warehouse, "churn", GradientBoostedTrees.train(set, GradientBoostedTrees.Settings.defaults()), "1",
                set.features(), SCORED_AT);

        ChurnScores.write(warehouse, "churn_lr", LogisticBaseline.train(set), "2", set.features(), SCORED_AT.plusDays(1));

        assertEquals(40L, ((Number) warehouse.queryAll("SELECT count(*) FROM model.customer_scores WHERE churn_decile IS NOT NULL"
                + " AND churn_lr_decile IS NOT NULL").singleValue()).longValue());
        List<Object[]> versions = warehouse.queryAll("SELECT DISTINCT model, version FROM ownstack.score_columns ORDER BY model").rows();
        assertEquals(List.of("churn", "1"), List.of(versions.get(0)[0], versions.get(0)[1]));
        assertEquals(List.of("churn_lr", "2"), List.of(versions.get(1)[0], versions.get(1)[1]));
    }
}
