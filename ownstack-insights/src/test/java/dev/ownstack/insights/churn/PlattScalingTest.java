package dev.ownstack.insights.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.OwnstackException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlattScalingTest {
    @Test
    void recovers_the_logistic_curve_the_labels_were_drawn_from() {
        Random random = new Random(3);
        double[] scores = new double[50_000];
        boolean[] labels = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = random.nextDouble() * 4 - 2;
            labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-(1.5 * scores[i] - 0.5)));
        }

        PlattScaling platt = PlattScaling.fit(scores, labels);

        assertEquals(1.5, platt.slope(), 0.05);
        assertEquals(-0.5, platt.intercept(), 0.05);
        assertTrue(platt.probability(1) > platt.probability(0.999));
    }

    @Test
    void fits_separable_scores_to_a_steep_but_finite_curve() {
        double[] scores = new double[2000];
        boolean[] labels = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i / (double) scores.length;
            labels[i] = i >= scores.length / 2;
        }

        PlattScaling platt = PlattScaling.fit(scores, labels);

        assertTrue(platt.slope() > 50 && Double.isFinite(platt.slope()), "slope " + platt.slope());
        assertTrue(platt.probability(0.4) < 0.01 && platt.probability(0.6) > 0.99, platt.toString());
        assertEquals(0.5, platt.probability(0.5), 0.05);
    }

    @Test
    void refuses_scores_that_fall_as_the_label_rises() {
        double[] scores = {0, 1, 2, 3, 4, 5};
        boolean[] labels = {true, true, true, false, false, false};

        OwnstackException error = assertThrows(OwnstackException.class, () -> PlattScaling.fit(scores, labels));

        assertTrue(error.getMessage().startsWith("a calibration needs a finite, positive slope"), error.getMessage());
    }

    @Test
    void refuses_one_class_only() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> PlattScaling.fit(new double[] {1, 2}, new boolean[] {true, true}));

        assertEquals("cannot calibrate on 2 scores of which 2 are positive: both classes are needed", error.getMessage());
    }
}
