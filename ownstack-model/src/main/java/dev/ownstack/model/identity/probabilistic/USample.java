package dev.ownstack.model.identity.probabilistic;

import java.util.List;

/**
 * Estimates u = P(level | non-match) per comparison from every pair among a sample of records:
 * nearly all random pairs are non-matches. Each level gets one pseudo-observation, so a level
 * never seen (two random people sharing an email) still has a small positive u.
 */
final class USample {
    private USample() {
    }

    /** The largest number of records whose pairs, n(n-1)/2, stay within {@code pairs}. */
    static int recordsFor(long pairs) {
        long n = (long) Math.floor((1 + Math.sqrt(1 + 8.0 * pairs)) / 2);
        while (n * (n - 1) / 2 > pairs) {
            n--;
        }
        return (int) Math.max(2, Math.min(Integer.MAX_VALUE, n));
    }

    /** The pairs a sample of this many records gives. */
    static long pairs(int records) {
        return (long) records * (records - 1) / 2;
    }

    /**
     * @param records each record's normalised field values, indexed like {@link MatchSql#fields()}
     */
    static double[][] estimate(PairComparator comparator, List<String[]> records) {
        int[] levelCounts = comparator.levelCounts();
        long[][] counts = new long[levelCounts.length][];
        for (int c = 0; c < levelCounts.length; c++) {
            counts[c] = new long[levelCounts[c]];
        }
        for (int i = 0; i < records.size(); i++) {
            String[] a = records.get(i);
            for (int j = i + 1; j < records.size(); j++) {
                String[] b = records.get(j);
                for (int c = 0; c < levelCounts.length; c++) {
                    int level = comparator.level(c, a, b);
                    if (level != ComparisonLevels.NULL) {
                        counts[c][level]++;
                    }
                }
            }
        }
        double[][] u = new double[levelCounts.length][];
        for (int c = 0; c < levelCounts.length; c++) {
            long observed = 0;
            for (long count : counts[c]) {
                observed += count;
            }
            u[c] = new double[levelCounts[c]];
            for (int l = 0; l < levelCounts[c]; l++) {
                u[c][l] = (counts[c][l] + 1.0) / (observed + levelCounts[c]);
            }
        }
        return u;
    }
}
