package dev.ownstack.insights.churn;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.Arrays;

/**
 * A score distribution kept as its quantiles, to map any score to its percentile in that
 * distribution: {@code points[k]} is the score at quantile {@code k / (points.length - 1)}, taken by
 * linear interpolation between the sorted scores. {@link #percentile} interpolates back: strictly
 * rising between the lowest and the highest point, so it keeps the order of the scores there; a
 * score below the lowest point is 0, above the highest 1, and a score equal to a run of equal
 * points is the middle of the run.
 */
public record Quantiles(double[] points) {
    /** 1,001 points: percentiles to a tenth of a percent, about 8 KB per model stored. */
    public static final int POINTS = 1001;

    public Quantiles {
        points = points.clone();
        if (points.length < 2) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "quantiles need at least 2 points, got " + points.length);
        }
        for (int i = 0; i < points.length; i++) {
            if (!Double.isFinite(points[i]) || i > 0 && points[i] < points[i - 1]) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "quantile point " + i + " is " + points[i]
                        + (i > 0 ? " after " + points[i - 1] : "") + "; the points must be finite and not decreasing");
            }
        }
    }

    /** The {@code count} quantiles of {@code scores}; NaN or infinite scores are refused. */
    public static Quantiles of(double[] scores, int count) {
        if (scores.length == 0) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "cannot take the quantiles of no scores");
        }
        if (count < 2) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "quantiles need at least 2 points, got " + count);
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double[] points = new double[count];
        for (int k = 0; k < count; k++) {
            double position = (double) k * (sorted.length - 1) / (count - 1);
            int below = (int) Math.floor(position);
            int above = Math.min(below + 1, sorted.length - 1);
            double fraction = position - below;
            points[k] = fraction == 0 ? sorted[below] : sorted[below] + fraction * (sorted[above] - sorted[below]);
        }
        return new Quantiles(points);
    }

    @Override
    public double[] points() {
        return points.clone();
    }

    /** The share of the distribution below {@code score}, from 0 to 1. */
    public double percentile(double score) {
        if (Double.isNaN(score)) {
            throw new OwnstackException(ErrorCode.INTERNAL, "the percentile of NaN");
        }
        int last = points.length - 1;
        if (score < points[0]) {
            return 0;
        }
        if (score > points[last]) {
            return 1;
        }
        int first = firstAtLeast(score);
        if (points[first] == score) {
            int end = first;
            while (end < last && points[end + 1] == score) {
                end++;
            }
            return (first + end) / 2.0 / last;
        }
        int below = first - 1;
        return (below + (score - points[below]) / (points[first] - points[below])) / last;
    }

    /** The first index whose point is at least {@code score}; there is one, since score <= the last point. */
    private int firstAtLeast(double score) {
        int low = 0;
        int high = points.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (points[middle] < score) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Quantiles quantiles && Arrays.equals(points, quantiles.points);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(points);
    }

    @Override
    public String toString() {
        return "Quantiles[" + points.length + " points, " + points[0] + " .. " + points[points.length - 1] + "]";
    }
}
