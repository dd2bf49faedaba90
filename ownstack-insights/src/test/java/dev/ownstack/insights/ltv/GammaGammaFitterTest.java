package dev.ownstack.insights.ltv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class GammaGammaFitterTest {
    @Test
    void recovers_the_parameters_of_simulated_spend() {
        GammaGammaParameters truth = new GammaGammaParameters(6.25, 3.74, 15.44);
        RandomGenerator random = new MersenneTwister(7);
        GammaDistribution customerRates = new GammaDistribution(random, truth.q(), 1 / truth.gamma());
        List<RfmSummary> customers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            double nu = customerRates.sample();
            GammaDistribution amounts = new GammaDistribution(random, truth.p(), 1 / nu);
            int purchases = 1 + (i % 6);
            double total = 0;
            for (int k = 0; k < purchases; k++) {
                total += amounts.sample();
            }
            customers.add(new RfmSummary("c" + i, purchases, 10, 30, total / purchases));
        }
        customers.add(new RfmSummary("no-repeat", 0, 0, 30, 0));
        GammaGammaFit fit = GammaGammaFitter.fit(customers);
        GammaGammaParameters p = fit.parameters();
        assertEquals(10_000, fit.customers());
        assertEquals(truth.p(), p.p(), 0.1 * truth.p(), "p: " + p);
        assertEquals(truth.q(), p.q(), 0.1 * truth.q(), "q: " + p);
        assertEquals(truth.gamma(), p.gamma(), 0.15 * truth.gamma(), "gamma: " + p);
    }

    @Test
    void expected_spend_moves_from_the_population_mean_towards_the_customer_mean() {
        GammaGammaParameters p = new GammaGammaParameters(6.25, 3.74, 15.44);
        double population = p.populationMeanSpend();
        assertEquals(6.25 * 15.44 / 2.74, population, 1e-9);
        assertEquals(population, p.expectedSpend(new RfmSummary("c", 0, 0, 30, 0)), 1e-9);
        double once = p.expectedSpend(new RfmSummary("c", 1, 10, 30, 100));
        double often = p.expectedSpend(new RfmSummary("c", 20, 28, 30, 100));
        assertEquals(6.25 * (15.44 + 100) / (6.25 + 2.74), once, 1e-9);
        assertEquals(true, population < once && once < often && often < 100, once + " " + often);
    }

    @Test
    void refuses_to_fit_without_repeat_spend() {
        OwnstackException e = assertThrows(OwnstackException.class,
                () -> GammaGammaFitter.fit(List.of(new RfmSummary("c", 0, 0, 10, 0), new RfmSummary("d", 1, 5, 10, 20))));
        assertEquals(ErrorCode.ARGUMENT_INVALID, e.code());
    }
}
