package dev.ownstack.insights.ltv;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.Objects;

/**
 * Lifetime value over a horizon: BG/NBD expected purchases times Gamma-Gamma expected spend. With
 * a discount rate the expected purchases of each period are discounted to the end of calibration
 * by {@code (1 + rate)^-period}; with rate 0 nothing is discounted.
 *
 * @param purchases           the fitted purchase model
 * @param spend               the fitted spend model
 * @param periodDays          the length in days of the periods both models were fitted in
 * @param discountRatePerPeriod the discount rate per period, 0 for none
 */
public record LifetimeValueModel(BgNbdParameters purchases, GammaGammaParameters spend, int periodDays,
                                 double discountRatePerPeriod) {
    public LifetimeValueModel {
        Objects.requireNonNull(purchases, "purchases");
        Objects.requireNonNull(spend, "spend");
        if (periodDays < 1) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "period must be at least one day, got " + periodDays);
        }
        if (!(discountRatePerPeriod >= 0) || !Double.isFinite(discountRatePerPeriod)) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID,
                    "discount rate must be finite and >= 0, got " + discountRatePerPeriod);
        }
    }

    /** The customer's expected purchases, probability of being alive and value over the next {@code horizonDays} days. */
    public CustomerValue value(RfmSummary customer, int horizonDays) {
        if (horizonDays < 1) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "horizon must be at least one day, got " + horizonDays);
        }
        double periods = (double) horizonDays / periodDays;
        double expectedPurchases = purchases.expectedPurchases(customer, periods);
        double expectedSpend = spend.expectedSpend(customer);
        double value = discountRatePerPeriod == 0
                ? expectedPurchases * expectedSpend
                : discountedPurchases(customer, periods) * expectedSpend;
        return new CustomerValue(customer.customerId(), expectedPurchases, purchases.probabilityAlive(customer),
                expectedSpend, value);
    }

    private double discountedPurchases(RfmSummary customer, double periods) {
        int steps = (int) Math.ceil(periods);
        double total = 0;
        double previous = 0;
        for (int period = 1; period <= steps; period++) {
            double cumulative = purchases.expectedPurchases(customer, Math.min(period, periods));
            total += (cumulative - previous) / Math.pow(1 + discountRatePerPeriod, period);
            previous = cumulative;
        }
        return total;
    }
}
