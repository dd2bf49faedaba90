package dev.ownstack.model.identity.probabilistic;

/**
 * Estimates the share of matches λ and the m probabilities of the active comparisons from counts
 * of comparison patterns, with the u probabilities held fixed, by expectation maximisation
 * (Fellegi-Sunter with conditional independence, as Splink trains it). Inactive comparisons and
 * null levels count neither way. Each level gets one pseudo-observation among the matches, so no
 * level becomes impossible. Deterministic: the same counts in the same order give the same result.
 */
final class ExpectationMaximisation {
    static final int MAX_ITERATIONS = 200;
    static final double TOLERANCE = 1e-7;
    private static final double PSEUDO_COUNT = 1;

    private ExpectationMaximisation() {
    }

    /** The estimate: λ among the pairs given, m per comparison and level (null rows for inactive comparisons). */
    record Estimate(double lambda, double[][] m, int iterations) {
    }

    /**
     * @param patterns    distinct patterns (see {@link PatternCounts#pattern(int[])})
     * @param counts      pairs per pattern
     * @param levelCounts levels per comparison (without the null level)
     * @param u           fixed u probabilities per comparison and level
     * @param active      which comparisons to estimate and to use as evidence
     */
    static Estimate run(long[] patterns, long[] counts, int[] levelCounts, double[][] u, boolean[] active) {
        int comparisons = levelCounts.length;
        double[][] m = new double[comparisons][];
        for (int c = 0; c < comparisons; c++) {
            if (active[c]) {
                m[c] = initialM(levelCounts[c]);
            }
        }
        int[][] levels = new int[patterns.length][comparisons];
        double total = 0;
        for (int p = 0; p < patterns.length; p++) {
            for (int c = 0; c < comparisons; c++) {
                levels[p][c] = active[c] ? PatternCounts.level(patterns[p], c) : ComparisonLevels.NULL;
            }
            total += counts[p];
        }
        double lambda = 0.3;
        int iteration = 0;
        while (iteration < MAX_ITERATIONS) {
            iteration++;
            double matches = 0;
            double[][] expected = new double[comparisons][];
            for (int c = 0; c < comparisons; c++) {
                expected[c] = active[c] ? new double[levelCounts[c]] : null;
            }
            for (int p = 0; p < patterns.length; p++) {
                double logBayesFactor = 0;
                for (int c = 0; c < comparisons; c++) {
                    int level = levels[p][c];
                    if (level != ComparisonLevels.NULL) {
                        logBayesFactor += Math.log(m[c][level] / u[c][level]);
                    }
                }
                double posterior = posterior(lambda, logBayesFactor);
                double weighted = posterior * counts[p];
                matches += weighted;
                for (int c = 0; c < comparisons; c++) {
                    int level = levels[p][c];
                    if (level != ComparisonLevels.NULL) {
                        expected[c][level] += weighted;
                    }
                }
            }
            double change = Math.abs(matches / total - lambda);
            lambda = clamp(matches / total);
            for (int c = 0; c < comparisons; c++) {
                if (!active[c]) {
                    continue;
                }
                double sum = PSEUDO_COUNT * levelCounts[c];
                for (double value : expected[c]) {
                    sum += value;
                }
                for (int l = 0; l < levelCounts[c]; l++) {
                    double updated = (expected[c][l] + PSEUDO_COUNT) / sum;
                    change = Math.max(change, Math.abs(updated - m[c][l]));
                    m[c][l] = updated;
                }
            }
            if (change < TOLERANCE) {
                break;
            }
        }
        return new Estimate(lambda, m, iteration);
    }

    /** P(match | pattern) for prior λ and the pattern's log Bayes factor (natural log). */
    static double posterior(double lambda, double logBayesFactor) {
        return 1 / (1 + Math.exp(Math.log((1 - lambda) / lambda) - logBayesFactor));
    }

    private static double clamp(double lambda) {
        return Math.min(1 - 1e-9, Math.max(1e-12, lambda));
    }

    /** Most of a match's mass on "equal", the rest spread over the other levels. */
    private static double[] initialM(int levels) {
        double[] m = new double[levels];
        m[0] = 0.8;
        for (int l = 1; l < levels; l++) {
            m[l] = 0.2 / (levels - 1);
        }
        return m;
    }
}
