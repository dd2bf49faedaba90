package dev.ownstack.insights.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.insights.scores.CustomerScores;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The spread of each model's probabilities in model.customer_scores, on every engine. */
public abstract class ScoreDistributionSuite {
    private static final LocalDateTime AT = LocalDateTime.parse("2024-05-01T12:00:00");
    private Warehouse warehouse;

    protected abstract Warehouse open();

    @BeforeEach
    void openWarehouse() {
        warehouse = open();
    }

    @AfterEach
    void closeWarehouse() {
        warehouse.close();
    }

    private void score(String model, List<CustomerScores.Output> outputs, List<String> ids, List<Object[]> values) {
        CustomerScores.replace(warehouse, new CustomerScores.Scores(model, "2", AT, outputs, ids, values));
    }

    private static List<CustomerScores.Output> probabilityAndDecile() {
        return List.of(new CustomerScores.Output("probability", ColumnType.DOUBLE), new CustomerScores.Output("decile", ColumnType.BIGINT));
    }

    @Test
    void is_empty_before_any_model_is_scored() {
        assertEquals(List.of(), ScoreDistribution.all(warehouse));
    }

    @Test
    void counts_customers_per_bin_of_a_twentieth_with_one_in_the_last_bin() {
        score("churn", probabilityAndDecile(), List.of("a", "b", "c", "d", "e"), List.of(new Object[] {0.0, 1L},
                new Object[] {0.049, 1L}, new Object[] {0.05, 2L}, new Object[] {0.51, 6L}, new Object[] {1.0, 10L}));
        score("ltv", List.of(new CustomerScores.Output("value", ColumnType.DOUBLE)), List.of("a", "f"),
                List.of(new Object[] {120.0}, new Object[] {3.0}));

        List<ScoreDistribution> all = ScoreDistribution.all(warehouse);
        assertEquals(1, all.size(), "only probability outputs have a distribution");
        ScoreDistribution churn = all.get(0);
        assertEquals(List.of("churn", "churn_probability", "2"), List.of(churn.model(), churn.column(), churn.version()));
        assertEquals(5, churn.customers());
        List<Long> expected = new ArrayList<>(Collections.nCopies(ScoreDistribution.BINS, 0L));
        expected.set(0, 2L);
        expected.set(1, 1L);
        expected.set(10, 1L);
        expected.set(19, 1L);
        assertEquals(expected, churn.counts());
        assertEquals((0.049 + 0.05 + 0.51 + 1.0) / 5, churn.mean(), 1e-9);
        assertEquals(0.95, ScoreDistribution.lower(19), 1e-12);
    }

    @Test
    void leaves_out_customers_without_a_probability() {
        score("ltv", List.of(new CustomerScores.Output("value", ColumnType.DOUBLE)), List.of("a"), List.<Object[]>of(new Object[] {5.0}));
        score("churn", probabilityAndDecile(), List.of("b"), List.<Object[]>of(new Object[] {null, null}));
        ScoreDistribution churn = ScoreDistribution.all(warehouse).get(0);
        assertEquals(0, churn.customers());
        assertEquals(null, churn.mean());
        assertTrue(churn.counts().stream().allMatch(count -> count == 0));
    }

    @Test
    void refuses_a_probability_outside_zero_to_one() {
        score("churn", probabilityAndDecile(), List.of("a"), List.<Object[]>of(new Object[] {1.5, 10L}));
        OwnstackException e = assertThrows(OwnstackException.class, () -> ScoreDistribution.all(warehouse));
        assertTrue(e.getMessage().startsWith("model.customer_scores.churn_probability holds a probability outside 0..1"), e.getMessage());
    }
}
