package dev.ownstack.insights.ltv;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.List;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.special.Gamma;

/**
 * Fits the Gamma-Gamma spend model by maximum likelihood on the customers with at least one
 * repeat purchase and a positive mean repeat spend (the others carry no spend information for
 * the model). The likelihood of customer mean m over x purchases is equation 3 of the paper.
 */
public final class GammaGammaFitter {
    private final double[] frequency;
    private final double[] meanSpend;

    private GammaGammaFitter(List<RfmSummary> customers) {
        List<RfmSummary> used = customers.stream()
                .filter(customer -> customer.frequency() > 0 && customer.meanRepeatSpend() > 0).toList();
        frequency = used.stream().mapToDouble(RfmSummary::frequency).toArray();
        meanSpend = used.stream().mapToDouble(RfmSummary::meanRepeatSpend).toArray();
    }

    /** The maximum-likelihood parameters; customers without repeat purchases are left out. */
    public static GammaGammaFit fit(List<RfmSummary> customers) {
        GammaGammaFitter fitter = new GammaGammaFitter(customers);
        if (fitter.frequency.length < 2) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "Gamma-Gamma needs at least two customers with a"
                    + " repeat purchase of positive amount; " + fitter.frequency.length + " of " + customers.size() + " have one");
        }
        PointValuePair best = LogLikelihoodMaximiser.maximise(point -> fitter.logLikelihood(point[0], point[1], point[2]),
                new double[] {1, 2, 1}, "Gamma-Gamma");
        double[] p = best.getPoint();
        return new GammaGammaFit(new GammaGammaParameters(p[0], p[1], p[2]), best.getValue(), fitter.frequency.length);
    }

    private double logLikelihood(double p, double q, double gamma) {
        double logGammaQ = Gamma.logGamma(q);
        double qLogGamma = q * Math.log(gamma);
        double sum = 0;
        for (int i = 0; i < frequency.length; i++) {
            double x = frequency[i];
            double m = meanSpend[i];
            sum += Gamma.logGamma(p * x + q) - Gamma.logGamma(p * x) - logGammaQ + qLogGamma
                    + (p * x - 1) * Math.log(m) + p * x * Math.log(x) - (p * x + q) * Math.log(gamma + m * x);
        }
        return sum;
    }
}
