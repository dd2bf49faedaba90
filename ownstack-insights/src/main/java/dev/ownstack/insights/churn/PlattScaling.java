package dev.ownstack.insights.churn;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;

/**
 * A calibration from a score to a probability: {@code 1 / (1 + exp(-(slope * score + intercept)))},
 * a one-feature logistic regression (Platt scaling) fitted by Newton's method on labelled scores,
 * with Platt's targets {@code (positives + 1) / (positives + 2)} and {@code 1 / (negatives + 2)}
 * in place of 1 and 0 so that it cannot diverge on separable scores. The slope must be positive:
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
            slope -= stepSlope;
            intercept -= stepIntercept;
            if (Math.abs(stepSlope) < TOLERANCE && Math.abs(stepIntercept) < TOLERANCE) {
                break;
            }
        }
        return new PlattScaling(slope, intercept);
    }

    public double probability(double score) {
        return logistic(slope * score + intercept);
    }

    private static double logistic(double value) {
        return 1 / (1 + Math.exp(-value));
    }
}
