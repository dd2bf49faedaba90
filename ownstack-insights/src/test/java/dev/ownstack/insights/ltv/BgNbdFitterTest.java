package dev.ownstack.insights.ltv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BgNbdFitterTest {
    private static final BgNbdParameters TRUE = new BgNbdParameters(0.25, 4.5, 0.8, 2.4);

    @Test
    void recovers_the_parameters_and_the_holdout_purchases_of_simulated_customers() {
        BgNbdSimulation simulation = new BgNbdSimulation(TRUE, 42);
        List<RfmSummary> customers = new ArrayList<>();
        long actual = 0;
        List<BgNbdSimulation.SimulatedCustomer> simulated = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            BgNbdSimulation.SimulatedCustomer customer = simulation.next("c" + i, 26 + (i % 13), 39);
            simulated.add(customer);
            customers.add(customer.calibration());
            actual += customer.holdoutPurchases();
        }
        BgNbdFit fit = BgNbdFitter.fit(customers);
        BgNbdParameters p = fit.parameters();
        assertEquals(TRUE.r(), p.r(), 0.1 * TRUE.r(), "r: " + p);
        assertEquals(TRUE.alpha(), p.alpha(), 0.15 * TRUE.alpha(), "alpha: " + p);
        assertEquals(TRUE.a(), p.a(), 0.25 * TRUE.a(), "a: " + p);
        assertEquals(TRUE.b(), p.b(), 0.3 * TRUE.b(), "b: " + p);
        assertTrue(fit.logLikelihood() >= BgNbdFitter.logLikelihood(TRUE, customers), "the fit beats the true parameters");
        double predicted = customers.stream().mapToDouble(customer -> p.expectedPurchases(customer, 39)).sum();
        assertEquals(actual, predicted, 0.05 * actual, "hold-out purchases, predicted " + predicted + " vs actual " + actual);
    }

    @Test
    void likelihood_matches_equation_six_of_the_paper_for_one_customer() {
        RfmSummary customer = new RfmSummary("c", 2, 30.43, 38.86, 0);
        BgNbdParameters p = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);
        double x = 2;
        double common = Math.exp(lnGamma(p.r() + x) - lnGamma(p.r()) + p.r() * Math.log(p.alpha()));
        double betaAb = beta(p.a(), p.b());
        double expected = beta(p.a(), p.b() + x) / betaAb * common / Math.pow(p.alpha() + 38.86, p.r() + x)
                + beta(p.a() + 1, p.b() + x - 1) / betaAb * common / Math.pow(p.alpha() + 30.43, p.r() + x);
        assertEquals(Math.log(expected), BgNbdFitter.logLikelihood(p, List.of(customer)), 1e-9);
    }

    @Test
    void refuses_customers_without_any_repeat_purchase() {
        OwnstackException e = assertThrows(OwnstackException.class,
                () -> BgNbdFitter.fit(List.of(new RfmSummary("c", 0, 0, 10, 0))));
        assertEquals(ErrorCode.ARGUMENT_INVALID, e.code());
    }

    private static double lnGamma(double value) {
        return org.apache.commons.math3.special.Gamma.logGamma(value);
    }

    private static double beta(double a, double b) {
        return Math.exp(lnGamma(a) + lnGamma(b) - lnGamma(a + b));
    }
}
