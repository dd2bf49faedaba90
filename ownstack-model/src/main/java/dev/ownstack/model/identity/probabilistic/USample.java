package dev.ownstack.model.identity.probabilistic;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
     * Counts each level over the distinct values of each field, weighting a pair of values by how
     * many records carry each, so repeated values (cities, dates) are compared once.
     *
     * @param records each record's normalised field values, indexed like {@link MatchSql#fields()}
     */
    static double[][] estimate(PairComparator comparator, List<String[]> records) {
        int[] levelCounts = comparator.levelCounts();
        double[][] u = new double[levelCounts.length][];
        for (int c = 0; c < levelCounts.length; c++) {
            long[] counts = levelCounts(comparator.comparisons().get(c), comparator.fieldIndex(c), records);
            long observed = 0;
            for (long count : counts) {
                observed += count;
            }
            u[c] = new double[levelCounts[c]];
            for (int l = 0; l < levelCounts[c]; l++) {
                u[c][l] = (counts[l] + 1.0) / (observed + levelCounts[c]);
            }
        }
        return u;
    }

    private static long[] levelCounts(ComparisonLevels comparison, int field, List<String[]> records) {
        Map<String, Long> multiplicity = new TreeMap<>();
        for (String[] record : records) {
            if (record[field] != null) {
                multiplicity.merge(record[field], 1L, Long::sum);
            }
        }
        String[] values = multiplicity.keySet().toArray(String[]::new);
        long[] times = multiplicity.values().stream().mapToLong(Long::longValue).toArray();
        long[] counts = new long[comparison.levelCount()];
        for (int i = 0; i < values.length; i++) {
            counts[0] += times[i] * (times[i] - 1) / 2;
            for (int j = i + 1; j < values.length; j++) {
                counts[comparison.level(values[i], values[j])] += times[i] * times[j];
            }
        }
        return counts;
    }
}
