package dev.ownstack.insights.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import org.junit.jupiter.api.Test;

class EvaluationsTest {
    private static final double EPSILON = 1e-12;

    @Test
    void auc_is_the_share_of_churner_stayer_pairs_ranked_right() {
        Evaluation evaluation = Evaluations.evaluate(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}, true);

        assertEquals(0.75, evaluation.auc(), EPSILON);
        assertEquals(0.5, evaluation.churnRate(), EPSILON);
    }

    @Test
    void auc_stays_a_share_with_a_million_customers() {
        int customers = 1_000_000;
        double[] scores = new double[customers];
        boolean[] churned = new boolean[customers];
        for (int i = 0; i < customers; i++) {
            // 750,000 churners scoring above every stayer: more churners than an int's square root
            churned[i] = i % 4 != 0;
            scores[i] = churned[i] ? i : -i;
        }

        assertEquals(1.0, Evaluations.evaluate(scores, churned, false).auc(), 1e-12);
    }

    @Test
    void ties_count_half() {
        assertEquals(0.5, Evaluations.evaluate(new double[] {3, 3, 3, 3}, new boolean[] {true, false, true, false}, false).auc(), EPSILON);
        assertEquals(0.75, Evaluations.evaluate(new double[] {1, 2, 2}, new boolean[] {false, true, false}, false).auc(), EPSILON);
    }

    @Test
    void precision_and_recall_at_the_top_decile_look_at_the_highest_tenth() {
        double[] scores = new double[20];
        boolean[] churned = new boolean[20];
        for (int i = 0; i < 20; i++) {
            scores[i] = i;
            churned[i] = i >= 15 || i == 3;
        }
        churned[18] = false;

        Evaluation evaluation = Evaluations.evaluate(scores, churned, false);

        assertEquals(0.5, evaluation.precisionTopDecile(), EPSILON);
        assertEquals(1.0 / 5, evaluation.recallTopDecile(), EPSILON);
    }

    @Test
    void the_calibration_table_compares_mean_prediction_and_churn_rate_per_decile() {
        double[] scores = new double[20];
        boolean[] churned = new boolean[20];
        for (int i = 0; i < 20; i++) {
            scores[i] = i / 20.0;
            churned[i] = i % 2 == 1 && i >= 10;
        }

        Evaluation evaluation = Evaluations.evaluate(scores, churned, true);

        assertEquals(10, evaluation.calibration().size());
        assertEquals(new CalibrationBin(1, 2, 0.025, 0.0), evaluation.calibration().get(0));
        CalibrationBin last = evaluation.calibration().get(9);
        assertEquals(10, last.decile());
        assertEquals(0.925, last.meanPredicted(), EPSILON);
        assertEquals(0.5, last.observedRate(), EPSILON);
        assertEquals(0, Evaluations.evaluate(scores, churned, false).calibration().size());
    }

    @Test
    void deciles_run_from_1_for_the_lowest_scores_to_10_for_the_highest() {
        double[] scores = new double[20];
        for (int i = 0; i < 20; i++) {
            scores[i] = 19 - i;
        }

        int[] deciles = Evaluations.deciles(scores);

        assertArrayEquals(new int[] {10, 10, 9, 9, 8, 8, 7, 7, 6, 6, 5, 5, 4, 4, 3, 3, 2, 2, 1, 1}, deciles);
        assertArrayEquals(new int[] {1, 1, 1}, Evaluations.deciles(new double[] {0.5, 0.5, 0.5}));
    }

    @Test
    void refuses_labels_of_one_class_only() {
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> Evaluations.evaluate(new double[] {0.1, 0.2}, new boolean[] {true, true}, true));

        assertEquals(ErrorCode.ARGUMENT_INVALID, error.code());
        assertEquals("cannot evaluate on 2 customers of whom 2 churned: both churners and customers who stayed are needed", error.getMessage());
    }
}
