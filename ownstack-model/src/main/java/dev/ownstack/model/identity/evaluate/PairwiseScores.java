package dev.ownstack.model.identity.evaluate;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Pairwise precision, recall and F1 of a clustering against the true clusters: every pair of
 * records placed in one predicted cluster counts once, and is right when the two records are in
 * one true cluster too. Pairs are counted by grouping (n(n-1)/2 per group), never enumerated, so
 * millions of records take a sort.
 *
 * @param records           records evaluated
 * @param predictedPairs    pairs placed together by the prediction
 * @param truePairs         pairs together in the truth
 * @param correctPairs      pairs together in both
 * @param predictedClusters distinct predicted clusters
 * @param trueClusters      distinct true clusters
 */
public record PairwiseScores(long records, long predictedPairs, long truePairs, long correctPairs, long predictedClusters,
                             long trueClusters) {
    public PairwiseScores {
        if (records < 0 || correctPairs < 0 || correctPairs > predictedPairs || correctPairs > truePairs) {
            throw new IllegalArgumentException("inconsistent pair counts: records " + records + ", predicted " + predictedPairs
                    + ", true " + truePairs + ", correct " + correctPairs);
        }
    }

    /** Correct pairs among predicted pairs; 1 when nothing was placed together (no wrong link was made). */
    public double precision() {
        return predictedPairs == 0 ? 1 : (double) correctPairs / predictedPairs;
    }

    /** Correct pairs among true pairs; 1 when the truth has no pairs. */
    public double recall() {
        return truePairs == 0 ? 1 : (double) correctPairs / truePairs;
    }

    /** The harmonic mean of precision and recall. */
    public double f1() {
        double precision = precision();
        double recall = recall();
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /**
     * Scores from each record's predicted and true cluster (any ids; equal ids, one cluster).
     *
     * @param predicted the predicted cluster of record i at index i
     * @param truth     the true cluster of record i at index i
     */
    public static PairwiseScores of(long[] predicted, long[] truth) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("need one predicted and one true cluster per record, got "
                    + predicted.length + " and " + truth.length);
        }
        long[] sortedPredicted = sortedCopy(predicted);
        long[] sortedTruth = sortedCopy(truth);
        long[] joint = new long[predicted.length];
        int[] predictedRanks = ranks(predicted, sortedPredicted);
        int[] trueRanks = ranks(truth, sortedTruth);
        for (int i = 0; i < joint.length; i++) {
            joint[i] = (long) predictedRanks[i] << 32 | trueRanks[i];
        }
        Arrays.sort(joint);
        return new PairwiseScores(predicted.length, pairs(sortedPredicted), pairs(sortedTruth), pairs(joint),
                groups(sortedPredicted), groups(sortedTruth));
    }

    /** Sum over runs of equal values of n(n-1)/2. */
    private static long pairs(long[] sorted) {
        long pairs = 0;
        int start = 0;
        for (int i = 1; i <= sorted.length; i++) {
            if (i == sorted.length || sorted[i] != sorted[start]) {
                long n = i - start;
                pairs += n * (n - 1) / 2;
                start = i;
            }
        }
        return pairs;
    }

    private static long groups(long[] sorted) {
        long groups = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                groups++;
            }
        }
        return groups;
    }

    private static long[] sortedCopy(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** Each value's position among the distinct values: dense ids that fit 32 bits. */
    private static int[] ranks(long[] values, long[] sorted) {
        long[] distinct = new long[sorted.length];
        int count = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct[count++] = sorted[i];
            }
        }
        int[] ranks = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ranks[i] = Arrays.binarySearch(distinct, 0, count, values[i]);
        }
        return ranks;
    }

    /**
     * Collects records one by one when clusters are named by text or other objects (customer ids,
     * truth labels), mapping each name to a number. Not thread-safe.
     */
    public static final class Tally {
        private final Map<Object, Long> predictedIds = new HashMap<>();
        private final Map<Object, Long> trueIds = new HashMap<>();
        private long[] predicted = new long[1024];
        private long[] truth = new long[1024];
        private int size;

        /** Adds one record: its predicted cluster and its true cluster (neither null). */
        public Tally add(Object predictedCluster, Object trueCluster) {
            if (predictedCluster == null || trueCluster == null) {
                throw new IllegalArgumentException("record " + size + " needs a predicted and a true cluster, got "
                        + predictedCluster + " and " + trueCluster);
            }
            if (size == predicted.length) {
                predicted = Arrays.copyOf(predicted, Math.multiplyExact(size, 2));
                truth = Arrays.copyOf(truth, predicted.length);
            }
            predicted[size] = predictedIds.computeIfAbsent(predictedCluster, key -> (long) predictedIds.size());
            truth[size] = trueIds.computeIfAbsent(trueCluster, key -> (long) trueIds.size());
            size++;
            return this;
        }

        public PairwiseScores scores() {
            return of(Arrays.copyOf(predicted, size), Arrays.copyOf(truth, size));
        }
    }
}
