package dev.ownstack.insights.churn;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Evaluates scores (higher = more likely to churn) against churn labels. */
public final class Evaluations {
    static final int DECILES = 10;

    private Evaluations() {
    }

    /** AUC, precision and recall at the top decile, and (when {@code probabilities}) the calibration table. */
    public static Evaluation evaluate(double[] scores, boolean[] churned, boolean probabilities) {
        if (scores.length != churned.length) {
            throw new OwnstackException(ErrorCode.INTERNAL, scores.length + " scores for " + churned.length + " labels");
        }
        int positives = 0;
        for (boolean label : churned) {
            positives += label ? 1 : 0;
        }
        if (positives == 0 || positives == churned.length) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "cannot evaluate on " + churned.length + " customers of whom "
                    + positives + " churned: both churners and customers who stayed are needed");
        }
        Integer[] byScore = order(scores);
        int top = Math.max(1, (int) Math.round(scores.length / (double) DECILES));
        int hits = 0;
        for (int rank = 0; rank < top; rank++) {
            hits += churned[byScore[scores.length - 1 - rank]] ? 1 : 0;
        }
        List<CalibrationBin> calibration = probabilities ? calibration(scores, churned, byScore) : List.of();
        return new Evaluation(scores.length, (double) positives / scores.length, auc(scores, churned, byScore, positives),
                (double) hits / top, (double) hits / positives, calibration);
    }

    /** The decile (1..10, 10 = highest scores) of every position, by rank; equal scores share the decile of their first rank. */
    public static int[] deciles(double[] scores) {
        Integer[] byScore = order(scores);
        int[] deciles = new int[scores.length];
        int rank = 0;
        while (rank < scores.length) {
            int end = rank;
            while (end + 1 < scores.length && scores[byScore[end + 1]] == scores[byScore[rank]]) {
                end++;
            }
            int decile = (int) ((long) rank * DECILES / scores.length) + 1;
            for (int i = rank; i <= end; i++) {
                deciles[byScore[i]] = decile;
            }
            rank = end + 1;
        }
        return deciles;
    }

    /** Mann-Whitney: the probability that a random churner scores above a random stayer, ties counting half. */
    private static double auc(double[] scores, boolean[] churned, Integer[] byScore, int positives) {
        double rankSum = 0;
        int rank = 0;
        while (rank < scores.length) {
            int end = rank;
            while (end + 1 < scores.length && scores[byScore[end + 1]] == scores[byScore[rank]]) {
                end++;
            }
            double averageRank = (rank + end) / 2.0 + 1;
            for (int i = rank; i <= end; i++) {
                if (churned[byScore[i]]) {
                    rankSum += averageRank;
                }
            }
            rank = end + 1;
        }
        long negatives = scores.length - positives;
        // in double: positives * (positives + 1) overflows an int from 46,341 churners on
        return (rankSum - (double) positives * (positives + 1) / 2) / ((double) positives * negatives);
    }

    private static List<CalibrationBin> calibration(double[] scores, boolean[] churned, Integer[] byScore) {
        List<CalibrationBin> bins = new ArrayList<>();
        for (int decile = 0; decile < DECILES; decile++) {
            int from = (int) ((long) decile * scores.length / DECILES);
            int to = (int) ((long) (decile + 1) * scores.length / DECILES);
            if (from == to) {
                continue;
            }
            double predicted = 0;
            int observed = 0;
            for (int i = from; i < to; i++) {
                predicted += scores[byScore[i]];
                observed += churned[byScore[i]] ? 1 : 0;
            }
            bins.add(new CalibrationBin(decile + 1, to - from, predicted / (to - from), (double) observed / (to - from)));
        }
        return bins;
    }

    /** Positions sorted by ascending score; NaN is refused. */
    private static Integer[] order(double[] scores) {
        if (Arrays.stream(scores).anyMatch(Double::isNaN)) {
            throw new OwnstackException(ErrorCode.INTERNAL, "a score is NaN");
        }
        Integer[] positions = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(positions, Comparator.comparingDouble(i -> scores[i]));
        return positions;
    }
}
