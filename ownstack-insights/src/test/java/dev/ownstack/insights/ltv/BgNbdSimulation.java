package dev.ownstack.insights.ltv;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Customers drawn from the BG/NBD story itself: a purchase rate from gamma(r, alpha), a drop-out
 * probability from beta(a, b), purchases as a Poisson process from the first one at time 0, and
 * after each repeat purchase a drop-out with that probability.
 */
final class BgNbdSimulation {
    private final RandomGenerator random;
    private final GammaDistribution rates;
    private final BetaDistribution dropouts;

    BgNbdSimulation(BgNbdParameters parameters, long seed) {
        random = new MersenneTwister(seed);
        rates = new GammaDistribution(random, parameters.r(), 1 / parameters.alpha());
        dropouts = new BetaDistribution(random, parameters.a(), parameters.b());
    }

    /** A customer observed for {@code age} periods, then for {@code holdout} more. */
    SimulatedCustomer next(String id, double age, double holdout) {
        double rate = rates.sample();
        double dropout = dropouts.sample();
        long frequency = 0;
        long later = 0;
        double recency = 0;
        double time = 0;
        while (true) {
            time += -Math.log(1 - random.nextDouble()) / rate;
            if (time > age + holdout) {
                break;
            }
            if (time <= age) {
                frequency++;
                recency = time;
            } else {
                later++;
            }
            if (random.nextDouble() < dropout) {
                break;
            }
        }
        return new SimulatedCustomer(new RfmSummary(id, frequency, recency, age, 0), later);
    }

    record SimulatedCustomer(RfmSummary calibration, long holdoutPurchases) {
    }
}
