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

        long written = ChurnScores.write(warehouse, model, "v1", set.features(), SCORED_AT);

        assertEquals(100, written);
        List<Object[]> rows = warehouse.queryAll("SELECT customer_id, model, version, churn_probability, churn_decile, scored_at"
                + " FROM model.customer_scores ORDER BY churn_probability, customer_id").rows();
        assertEquals(100, rows.size());
        assertEquals("c000", rows.get(0)[0]);
        assertEquals("logistic-regression", rows.get(0)[1]);
        assertEquals("v1", rows.get(0)[2]);
        assertEquals(1L, ((Number) rows.get(0)[4]).longValue());
        assertEquals("c099", rows.get(99)[0]);
        assertEquals(10L, ((Number) rows.get(99)[4]).longValue());
        assertEquals(SCORED_AT, rows.get(99)[5]);
        assertEquals(10L, ((Number) warehouse.queryAll("SELECT count(*) FROM model.customer_scores WHERE churn_decile = 10")
                .singleValue()).longValue());
    }

    @Test
    void scoring_a_model_again_replaces_its_rows_and_keeps_other_models() {
        LabelledSet set = customers(40);
        ChurnScores.write(warehouse, LogisticBaseline.train(set), "v1", set.features(), SCORED_AT);
        ChurnScores.write(warehouse, GradientBoostedTrees.train(set, GradientBoostedTrees.Settings.defaults()), "v1", set.features(),
                SCORED_AT);

        ChurnScores.write(warehouse, LogisticBaseline.train(set), "v2", set.features(), SCORED_AT.plusDays(1));

        List<Object[]> rows = warehouse.queryAll("SELECT model, version, count(*) FROM model.customer_scores GROUP BY model, version"
                + " ORDER BY model").rows();
        assertEquals(2, rows.size());
        assertEquals(List.of("logistic-regression", "v2", 40L), List.of(rows.get(0)[0], rows.get(0)[1], ((Number) rows.get(0)[2]).longValue()));
        assertEquals(List.of("xgboost", "v1", 40L), List.of(rows.get(1)[0], rows.get(1)[1], ((Number) rows.get(1)[2]).longValue()));
    }
}
