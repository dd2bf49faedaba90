package dev.ownstack.insights.ltv;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;

/**
 * The four parameters of the BG/NBD model (Fader, Hardie and Lee 2005): purchase rates while alive
 * are gamma(r, alpha) across customers, and after each purchase a customer drops out with a
 * probability that is beta(a, b) across customers. Times are in the periods the summaries use.
 */
public record BgNbdParameters(double r, double alpha, double a, double b) {
    public BgNbdParameters {
        requirePositive("r", r);
        requirePositive("alpha", alpha);
        requirePositive("a", a);
        requirePositive("b", b);
    }

    /** The probability that a customer with this history has not dropped out at the end of calibration. */
    public double probabilityAlive(RfmSummary customer) {
        if (customer.frequency() == 0) {
            return 1;
        }
        return 1 / (1 + deadOverAlive(customer));
    }

    /**
     * Expected purchases of this customer in the next {@code periods} periods after calibration
     * (equation 10 of the paper), with 2F1 rewritten by Euler's transformation so that its series
     * has parameters independent of the frequency and converges quickly for any frequency.
     */
    public double expectedPurchases(RfmSummary customer, double periods) {
        if (!(periods >= 0) || !Double.isFinite(periods)) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "periods must be finite and >= 0, got " + periods);
        }
        if (periods == 0) {
            return 0;
        }
        double x = customer.frequency();
        double age = customer.age();
        double z = periods / (alpha + age + periods);
        double c = a + b + x - 1;
        // 1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; c; z) == 1 - (1-z)^(a-1) 2F1(c-r-x, a-1; c; z)
        double bracket = 1 - Math.pow(1 - z, a - 1) * Hypergeometric.f21(a + b - 1 - r, a - 1, c, z);
        double numerator = (a + b + x - 1) / (a - 1) * bracket;
        double denominator = 1 + (customer.frequency() == 0 ? 0 : deadOverAlive(customer));
        return numerator / denominator;
    }

    /** Expected purchases in {@code periods} periods of a customer who has just made a first purchase. */
    public double expectedPurchasesOfNewCustomer(double periods) {
        if (!(periods > 0) || !Double.isFinite(periods)) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "periods must be finite and > 0, got " + periods);
        }
        double z = periods / (alpha + periods);
        return (a + b - 1) / (a - 1)
                * (1 - Math.pow(alpha / (alpha + periods), r) * Hypergeometric.f21(r, b, a + b - 1, z));
    }

    private double deadOverAlive(RfmSummary customer) {
        double x = customer.frequency();
        return a / (b + x - 1) * Math.exp((r + x) * Math.log((alpha + customer.age()) / (alpha + customer.recency())));
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "BG/NBD " + name + " must be finite and > 0, got " + value);
        }
    }
}
