package dev.ownstack.insights.ltv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.OwnstackException;
import org.junit.jupiter.api.Test;

class LifetimeValueModelTest {
    private static final BgNbdParameters PURCHASES = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);
    private static final GammaGammaParameters SPEND = new GammaGammaParameters(6.25, 3.74, 15.44);
    private static final RfmSummary CUSTOMER = new RfmSummary("c", 2, 30.43, 38.86, 35.0);

    @Test
    void value_is_expected_purchases_times_expected_spend_without_discounting() {
        CustomerValue value = new LifetimeValueModel(PURCHASES, SPEND, 7, 0).value(CUSTOMER, 364);
        assertEquals(PURCHASES.expectedPurchases(CUSTOMER, 52), value.expectedPurchases(), 1e-12);
        assertEquals(SPEND.expectedSpend(CUSTOMER), value.expectedSpend(), 1e-12);
        assertEquals(value.expectedPurchases() * value.expectedSpend(), value.value(), 1e-9);
        assertEquals(PURCHASES.probabilityAlive(CUSTOMER), value.probabilityAlive(), 1e-12);
    }

    @Test
    void discounting_lowers_the_value_and_a_tiny_rate_barely_changes_it() {
        double plain = new LifetimeValueModel(PURCHASES, SPEND, 7, 0).value(CUSTOMER, 364).value();
        double tiny = new LifetimeValueModel(PURCHASES, SPEND, 7, 1e-9).value(CUSTOMER, 364).value();
        double discounted = new LifetimeValueModel(PURCHASES, SPEND, 7, 0.01).value(CUSTOMER, 364).value();
        assertEquals(plain, tiny, 1e-5);
        assertTrue(discounted < plain && discounted > plain * Math.pow(1.01, -52), discounted + " vs " + plain);
    }

    @Test
    void rejects_a_horizon_under_one_day() {
        assertThrows(OwnstackException.class, () -> new LifetimeValueModel(PURCHASES, SPEND, 7, 0).value(CUSTOMER, 0));
    }
}
