package dev.ownstack.insights.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.OwnstackException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantilesTest {
    @Test
    void takes_the_quantiles_by_interpolating_between_sorted_scores() {
        Quantiles quantiles = Quantiles.of(new double[] {30, 10, 20, 0}, 7);

        assertArrayEquals(new double[] {0, 5, 10, 15, 20, 25, 30}, quantiles.points(), 1e-12);
    }

    @Test
    void maps_a_score_to_its_percentile_and_clamps_outside_the_range() {
        Quantiles quantiles = new Quantiles(new double[] {0, 10, 20, 40, 80});

        assertEquals(0.0, quantiles.percentile(0));
        assertEquals(0.125, quantiles.percentile(5), 1e-12);
        assertEquals(0.5, quantiles.percentile(20), 1e-12);
        assertEquals(0.625, quantiles.percentile(30), 1e-12);
        assertEquals(1.0, quantiles.percentile(80));
        assertEquals(0.0, quantiles.percentile(-3));
        assertEquals(1.0, quantiles.percentile(1000));
    }

    @Test
    void a_score_on_a_run_of_equal_points_is_the_middle_of_the_run_and_neighbours_keep_their_order() {
        Quantiles quantiles = new Quantiles(new double[] {0, 1, 1, 1, 2});

        assertEquals(0.5, quantiles.percentile(1), 1e-12);
        assertTrue(quantiles.percentile(0.999) < quantiles.percentile(1));
        assertTrue(quantiles.percentile(1.001) > quantiles.percentile(1));
    }

    @Test
    void the_percentiles_of_the_scores_themselves_are_spread_evenly() {
        Random random = new Random(7);
        double[] scores = new double[20_000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Math.exp(random.nextGaussian());
        }
        Quantiles quantiles = Quantiles.of(scores, Quantiles.POINTS);

        int belowTenth = 0;
        for (double score : scores) {
            belowTenth += quantiles.percentile(score) < 0.1 ? 1 : 0;
        }
        assertEquals(2000, belowTenth, 5);
    }

    @Test
    void refuses_decreasing_or_missing_points() {
        OwnstackException decreasing = assertThrows(OwnstackException.class, () -> new Quantiles(new double[] {0, 2, 1}));
        assertEquals("quantile point 2 is 1.0 after 2.0; the points must be finite and not decreasing", decreasing.getMessage());
        OwnstackException missing = assertThrows(OwnstackException.class, () -> Quantiles.of(new double[] {1, Double.NaN}, 3));
        assertTrue(missing.getMessage().contains("NaN"), missing.getMessage());
    }
}
