package dev.ownstack.insights.churn;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;

/**
 * A calibration from a score to a probability: {@code 1 / (1 + exp(-(slope * score + intercept)))},
 * a one-feature logistic regression (Platt scaling) fitted by Newton's method on labelled scores,
 * with Platt's targets {@code (positives + 1) / (positives + 2)} and {@code 1 / (negatives + 2)}
 * in place of 1 and 0 so that separable scores have a finite fit, and each step halved until the
 * loss does not rise. The slope must be positive:
 * the probability then rises strictly with the score and keeps its ranking.
 */
public record PlattScaling(double slope, double intercept) {
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-12;

    public PlattScaling {
        if (!Double.isFinite(slope) || !Double.isFinite(intercept) || slope <= 0) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "a calibration needs a finite, positive slope and a finite intercept,"
                    + " got slope " + slope + " and intercept " + intercept + " (scores that do not rise with the label cannot be calibrated)");
        }
    }

    public static PlattScaling fit(double[] scores, boolean[] labels) {
        if (scores.length != labels.length) {
            throw new OwnstackException(ErrorCode.INTERNAL, scores.length + " scores for " + labels.length + " labels");
        }
        int positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        int negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "cannot calibrate on " + labels.length + " scores of which " + positives
                    + " are positive: both classes are needed");
        }
        double high = (positives + 1.0) / (positives + 2.0);
        double low = 1.0 / (negatives + 2.0);
        double slope = 0;
        double intercept = Math.log((positives + 1.0) / (negatives + 1.0));
        double loss = loss(scores, labels, high, low, slope, intercept);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double gradientSlope = 0;
            double gradientIntercept = 0;
            double hessianSlope = 1e-12;
            double hessianIntercept = 1e-12;
            double hessianCross = 0;
            for (int i = 0; i < scores.length; i++) {
                double probability = logistic(slope * scores[i] + intercept);
                double error = probability - (labels[i] ? high : low);
                double weight = probability * (1 - probability);
                gradientSlope += error * scores[i];
                gradientIntercept += error;
                hessianSlope += weight * scores[i] * scores[i];
                hessianIntercept += weight;
                hessianCross += weight * scores[i];
            }
            double determinant = hessianSlope * hessianIntercept - hessianCross * hessianCross;
            double stepSlope = (hessianIntercept * gradientSlope - hessianCross * gradientIntercept) / determinant;
            double stepIntercept = (hessianSlope * gradientIntercept - hessianCross * gradientSlope) / determinant;
            // Newton's step, halved until the loss does not rise (Platt's own safeguard), so that it cannot diverge
            double fraction = 1;
            double next = loss(scores, labels, high, low, slope - stepSlope, intercept - stepIntercept);
            while (!(next <= loss) && fraction > 1e-10) {
                fraction /= 2;
                next = loss(scores, labels, high, low, slope - fraction * stepSlope, intercept - fraction * stepIntercept);
            }
            slope -= fraction * stepSlope;
            intercept -= fraction * stepIntercept;
            loss = next;
            if (Math.abs(fraction * stepSlope) < TOLERANCE && Math.abs(fraction * stepIntercept) < TOLERANCE) {
                break;
            }
        }
        return new PlattScaling(slope, intercept);
    }

    public double probability(double score) {
        return logistic(slope * score + intercept);
    }

    /** The cross-entropy of the smoothed targets, computed stably from the logit. */
    private static double loss(double[] scores, boolean[] labels, double high, double low, double slope, double intercept) {
        double total = 0;
        for (int i = 0; i < scores.length; i++) {
            double logit = slope * scores[i] + intercept;
            double target = labels[i] ? high : low;
            // -[t log p + (1 - t) log(1 - p)] for p = 1 / (1 + e^-z) is softplus(z) - t z
            double softplus = logit > 0 ? logit + Math.log1p(Math.exp(-logit)) : Math.log1p(Math.exp(logit));
            total += softplus - target * logit;
        }
        return total;
    }

    private static double logistic(double value) {
        return 1 / (1 + Math.exp(-value));
    }
}
