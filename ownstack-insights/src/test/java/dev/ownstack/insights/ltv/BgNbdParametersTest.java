package dev.ownstack.insights.ltv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import org.junit.jupiter.api.Test;

class BgNbdParametersTest {
    /** The CDNOW estimates of Fader, Hardie and Lee (2005), in weeks. */
    private static final BgNbdParameters CDNOW = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);

    @Test
    void expected_purchases_match_the_published_example_customer() {
        // Fader, Hardie and Lee's worked example: x = 2, t_x = 30.43, T = 38.86 weeks expects 1.226 purchases in 39 weeks.
        RfmSummary customer = new RfmSummary("c", 2, 30.43, 38.86, 0);
        assertEquals(1.226, CDNOW.expectedPurchases(customer, 39), 0.0005);
    }

    @Test
    void expected_purchases_agree_with_the_untransformed_series() {
        RfmSummary customer = new RfmSummary("c", 5, 20, 35, 0);
        double periods = 52;
        double x = 5;
        double z = periods / (CDNOW.alpha() + 35 + periods);
        double bracket = 1 - Math.pow((CDNOW.alpha() + 35) / (CDNOW.alpha() + 35 + periods), CDNOW.r() + x)
                * Hypergeometric.f21(CDNOW.r() + x, CDNOW.b() + x, CDNOW.a() + CDNOW.b() + x - 1, z);
        double denominator = 1 + CDNOW.a() / (CDNOW.b() + x - 1)
                * Math.pow((CDNOW.alpha() + 35) / (CDNOW.alpha() + 20), CDNOW.r() + x);
        double expected = (CDNOW.a() + CDNOW.b() + x - 1) / (CDNOW.a() - 1) * bracket / denominator;
        assertEquals(expected, CDNOW.expectedPurchases(customer, periods), 1e-9);
    }

    @Test
    void a_customer_without_repeat_purchases_is_alive_and_one_who_stopped_long_ago_probably_is_not() {
        assertEquals(1.0, CDNOW.probabilityAlive(new RfmSummary("new", 0, 0, 30, 0)));
        double recent = CDNOW.probabilityAlive(new RfmSummary("recent", 4, 29, 30, 0));
        double lapsed = CDNOW.probabilityAlive(new RfmSummary("lapsed", 4, 3, 30, 0));
        assertTrue(recent > 0.8, "recent: " + recent);
        assertTrue(lapsed < 0.2, "lapsed: " + lapsed);
    }

    @Test
    void expected_purchases_grow_with_the_horizon_and_are_zero_for_none() {
        RfmSummary customer = new RfmSummary("c", 3, 25, 38, 0);
        assertEquals(0.0, CDNOW.expectedPurchases(customer, 0));
        double previous = 0;
        for (int weeks = 4; weeks <= 520; weeks *= 2) {
            double expected = CDNOW.expectedPurchases(customer, weeks);
            assertTrue(expected > previous, weeks + " weeks: " + expected + " <= " + previous);
            previous = expected;
        }
    }

    @Test
    void a_new_customer_expects_the_population_mean() {
        // The conditional expectation for x = 0 at T = 0 is the unconditional one (equation 9).
        assertEquals(CDNOW.expectedPurchasesOfNewCustomer(52), CDNOW.expectedPurchases(new RfmSummary("c", 0, 0, 0, 0), 52), 1e-9);
    }

    @Test
    void rejects_non_positive_parameters() {
        OwnstackException e = assertThrows(OwnstackException.class, () -> new BgNbdParameters(0.2, 0, 0.8, 2.4));
        assertEquals(ErrorCode.ARGUMENT_INVALID, e.code());
        assertTrue(e.getMessage().contains("alpha"), e.getMessage());
    }

    @Test
    void hypergeometric_series_matches_a_closed_form() {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z
        for (double z : new double[] {0.01, 0.3, 0.9, 0.99}) {
            assertEquals(-Math.log(1 - z) / z, Hypergeometric.f21(1, 1, 2, z), 1e-10, "z = " + z);
        }
    }
}
