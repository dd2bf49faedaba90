package dev.ownstack.insights.ltv;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.special.Gamma;

/**
 * Fits the BG/NBD model to customer summaries by maximum likelihood (equation 6 of Fader, Hardie
 * and Lee 2005). The log-gamma terms depend on a customer only through the frequency, so each
 * evaluation computes them once per distinct frequency.
 */
public final class BgNbdFitter {
    private final double[] recency;
    private final double[] age;
    private final long[] frequency;
    private final int[] frequencyIndex;
    private final long[] distinctFrequencies;

    private BgNbdFitter(List<RfmSummary> customers) {
        int n = customers.size();
        recency = new double[n];
        age = new double[n];
        frequency = new long[n];
        frequencyIndex = new int[n];
        TreeSet<Long> distinct = new TreeSet<>();
        for (RfmSummary customer : customers) {
            distinct.add(customer.frequency());
        }
        distinctFrequencies = distinct.stream().mapToLong(Long::longValue).toArray();
        for (int i = 0; i < n; i++) {
            RfmSummary customer = customers.get(i);
            recency[i] = customer.recency();
            age[i] = customer.age();
            frequency[i] = customer.frequency();
            frequencyIndex[i] = Arrays.binarySearch(distinctFrequencies, customer.frequency());
        }
    }

    /** The maximum-likelihood parameters for these customers. */
    public static BgNbdFit fit(List<RfmSummary> customers) {
        if (customers.isEmpty()) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "BG/NBD needs at least one customer");
        }
        if (customers.stream().allMatch(customer -> customer.frequency() == 0)) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID,
                    "BG/NBD needs at least one customer with a repeat purchase; none of " + customers.size() + " has one");
        }
        BgNbdFitter fitter = new BgNbdFitter(customers);
        PointValuePair best = LogLikelihoodMaximiser.maximise(
                point -> fitter.logLikelihood(point[0], point[1], point[2], point[3]), new double[] {1, 1, 1, 1}, "BG/NBD");
        double[] p = best.getPoint();
        return new BgNbdFit(new BgNbdParameters(p[0], p[1], p[2], p[3]), best.getValue(), customers.size());
    }

    /** The log-likelihood of these customers under the given parameters. */
    public static double logLikelihood(BgNbdParameters parameters, List<RfmSummary> customers) {
        return new BgNbdFitter(customers).logLikelihood(parameters.r(), parameters.alpha(), parameters.a(), parameters.b());
    }

    private double logLikelihood(double r, double alpha, double a, double b) {
        int m = distinctFrequencies.length;
        double[] constant = new double[m];
        double logBetaAb = Gamma.logGamma(a) + Gamma.logGamma(b) - Gamma.logGamma(a + b);
        double rLogAlpha = r * Math.log(alpha);
        double logGammaR = Gamma.logGamma(r);
        double logA = Math.log(a);
        for (int j = 0; j < m; j++) {
            double x = distinctFrequencies[j];
            // ln[Gamma(r+x) alpha^r / Gamma(r)] + ln[B(a, b+x) / B(a, b)]
            constant[j] = Gamma.logGamma(r + x) - logGammaR + rLogAlpha
                    + Gamma.logGamma(a) + Gamma.logGamma(b + x) - Gamma.logGamma(a + b + x) - logBetaAb;
        }
        double sum = 0;
        for (int i = 0; i < frequency.length; i++) {
            double x = frequency[i];
            double aliveTerm = -(r + x) * Math.log(alpha + age[i]);
            double value;
            if (frequency[i] == 0) {
                value = aliveTerm;
            } else {
                // B(a+1, b+x-1) / B(a, b+x) = a / (b+x-1)
                double droppedTerm = logA - Math.log(b + x - 1) - (r + x) * Math.log(alpha + recency[i]);
                double high = Math.max(aliveTerm, droppedTerm);
                value = high + Math.log(Math.exp(aliveTerm - high) + Math.exp(droppedTerm - high));
            }
            sum += constant[frequencyIndex[i]] + value;
        }
        return sum;
    }
}
