package dev.ownstack.model.identity.probabilistic;

import java.util.Arrays;

/**
 * A trained Fellegi-Sunter model: λ, the probability that two records drawn at random are the
 * same person, and per comparison and level m = P(level | match) and u = P(level | non-match). A
 * pair's match weight is log2(λ / (1 - λ)) plus log2(m / u) of each of its levels (null levels add
 * nothing); its match probability is 2^w / (1 + 2^w). Immutable and thread-safe.
 */
public final class FellegiSunterModel {
    private final double lambda;
    private final double[][] m;
    private final double[][] u;
    private final double[][] weights;

    public FellegiSunterModel(double lambda, double[][] m, double[][] u) {
        if (!(lambda > 0 && lambda < 1)) {
            throw new IllegalArgumentException("lambda must be between 0 and 1 exclusive, got " + lambda);
        }
        if (m.length != u.length) {
            throw new IllegalArgumentException("m and u must have one row per comparison, got " + m.length + " and " + u.length);
        }
        this.lambda = lambda;
        this.m = copy(m);
        this.u = copy(u);
        weights = new double[m.length][];
        for (int c = 0; c < m.length; c++) {
            if (m[c].length != u[c].length) {
                throw new IllegalArgumentException("comparison " + c + ": m and u must have one value per level");
            }
            weights[c] = new double[m[c].length];
            for (int l = 0; l < m[c].length; l++) {
                if (!(m[c][l] > 0 && u[c][l] > 0)) {
                    throw new IllegalArgumentException("comparison " + c + " level " + l + ": m and u must be positive, got "
                            + m[c][l] + " and " + u[c][l]);
                }
                weights[c][l] = log2(m[c][l] / u[c][l]);
            }
        }
    }

    public double lambda() {
        return lambda;
    }

    public int comparisons() {
        return m.length;
    }

    public double m(int comparison, int level) {
        return m[comparison][level];
    }

    public double u(int comparison, int level) {
        return u[comparison][level];
    }

    /** log2(m / u) of one level: what it adds to a pair's match weight. */
    public double weight(int comparison, int level) {
        return weights[comparison][level];
    }

    /** The prior's part of every match weight: log2(λ / (1 - λ)). */
    public double priorWeight() {
        return log2(lambda / (1 - lambda));
    }

    /** The match weight of a pair with these levels, one per comparison ({@link ComparisonLevels#NULL} for missing). */
    public double matchWeight(int[] levels) {
        if (levels.length != m.length) {
            throw new IllegalArgumentException("need one level per comparison (" + m.length + "), got " + levels.length);
        }
        double weight = priorWeight();
        for (int c = 0; c < levels.length; c++) {
            if (levels[c] != ComparisonLevels.NULL) {
                weight += weights[c][levels[c]];
            }
        }
        return weight;
    }

    public static double probability(double matchWeight) {
        return 1 / (1 + Math.pow(2, -matchWeight));
    }

    private static double log2(double value) {
        return Math.log(value) / Math.log(2);
    }

    private static double[][] copy(double[][] values) {
        return Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
    }
}
