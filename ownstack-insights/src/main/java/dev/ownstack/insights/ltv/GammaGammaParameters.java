package dev.ownstack.insights.ltv;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;

/**
 * The three parameters of the Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and
 * CLV"): the amounts of one customer's purchases are gamma(p, nu), and nu is gamma(q, gamma)
 * across customers. The mean spend per purchase across customers is p gamma / (q - 1), which needs q > 1.
 */
public record GammaGammaParameters(double p, double q, double gamma) {
    public GammaGammaParameters {
        requirePositive("p", p);
        requirePositive("q", q);
        requirePositive("gamma", gamma);
        if (!(q > 1)) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID,
                    "Gamma-Gamma q must be > 1 for the mean spend to exist, got " + q);
        }
    }

    /** The mean spend per purchase across all customers. */
    public double populationMeanSpend() {
        return p * gamma / (q - 1);
    }

    /**
     * The expected spend per purchase of this customer given its repeat purchases: a weighted
     * mean of the population mean and the customer's own mean (equation 5 of the paper).
     */
    public double expectedSpend(RfmSummary customer) {
        double x = customer.frequency();
        if (x == 0) {
            return populationMeanSpend();
        }
        return p * (gamma + x * customer.meanRepeatSpend()) / (p * x + q - 1);
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "Gamma-Gamma " + name + " must be finite and > 0, got " + value);
        }
    }
}
