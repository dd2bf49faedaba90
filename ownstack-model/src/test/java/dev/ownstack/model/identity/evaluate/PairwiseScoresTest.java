package dev.ownstack.model.identity.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PairwiseScoresTest {

    @Test
    void counts_each_pair_placed_together_once() {
        // truth: {0,1,2} {3,4} {5}; predicted: {0,1} {2,3,4} {5}
        PairwiseScores scores = PairwiseScores.of(new long[] {7, 7, 9, 9, 9, 11}, new long[] {1, 1, 1, 2, 2, 3});
        assertEquals(4, scores.predictedPairs()); // 0-1, 2-3, 2-4, 3-4
        assertEquals(4, scores.truePairs()); // 0-1, 0-2, 1-2, 3-4
        assertEquals(2, scores.correctPairs()); // 0-1, 3-4
        assertEquals(0.5, scores.precision());
        assertEquals(0.5, scores.recall());
        assertEquals(0.5, scores.f1());
        assertEquals(3, scores.predictedClusters());
        assertEquals(3, scores.trueClusters());
        assertEquals(6, scores.records());
    }

    @Test
    void is_perfect_for_the_same_partition_under_other_names() {
        PairwiseScores scores = PairwiseScores.of(new long[] {-5, -5, Long.MAX_VALUE, 0}, new long[] {2, 2, 1, 3});
        assertEquals(1.0, scores.precision());
        assertEquals(1.0, scores.recall());
        assertEquals(1.0, scores.f1());
    }

    @Test
    void separates_precision_from_recall() {
        // everything merged into one cluster: every true pair found, most predicted pairs wrong
        PairwiseScores merged = PairwiseScores.of(new long[] {1, 1, 1, 1}, new long[] {1, 1, 2, 2});
        assertEquals(1.0, merged.recall());
        assertEquals(2.0 / 6, merged.precision(), 1e-12);
        // nothing linked: no wrong link, no pair found
        PairwiseScores singletons = PairwiseScores.of(new long[] {1, 2, 3, 4}, new long[] {1, 1, 2, 2});
        assertEquals(1.0, singletons.precision());
        assertEquals(0.0, singletons.recall());
        assertEquals(0.0, singletons.f1());
    }

    @Test
    void tallies_clusters_named_by_text() {
        PairwiseScores.Tally tally = new PairwiseScores.Tally();
        tally.add("cus_a", "person-1").add("cus_a", "person-1").add("cus_b", "person-1").add("cus_b", "person-2");
        PairwiseScores scores = tally.scores();
        assertEquals(2, scores.predictedPairs());
        assertEquals(3, scores.truePairs());
        assertEquals(1, scores.correctPairs());
        assertEquals(2, scores.trueClusters());
    }

    @Test
    void agrees_with_counting_every_pair_on_random_clusterings() {
        Random random = new Random(1);
        for (int round = 0; round < 20; round++) {
            int records = 1 + random.nextInt(300);
            long[] predicted = new long[records];
            long[] truth = new long[records];
            for (int i = 0; i < records; i++) {
                predicted[i] = random.nextInt(1 + records / 3);
                truth[i] = random.nextInt(1 + records / 4) * 1_000_003L;
            }
            long predictedPairs = 0;
            long truePairs = 0;
            long correct = 0;
            for (int i = 0; i < records; i++) {
                for (int j = i + 1; j < records; j++) {
                    boolean together = predicted[i] == predicted[j];
                    boolean same = truth[i] == truth[j];
                    predictedPairs += together ? 1 : 0;
                    truePairs += same ? 1 : 0;
                    correct += together && same ? 1 : 0;
                }
            }
            PairwiseScores scores = PairwiseScores.of(predicted, truth);
            assertEquals(predictedPairs, scores.predictedPairs());
            assertEquals(truePairs, scores.truePairs());
            assertEquals(correct, scores.correctPairs());
        }
    }

    @Test
    void scores_millions_of_records_by_grouping() {
        int records = 2_100_000;
        long[] predicted = new long[records];
        long[] truth = new long[records];
        for (int i = 0; i < records; i++) {
            truth[i] = i / 3; // people of three records each
            predicted[i] = i % 3 == 2 ? records + i : i / 3; // the third record of each person left alone
        }
        PairwiseScores scores = PairwiseScores.of(predicted, truth);
        assertEquals(2_100_000L, scores.truePairs());
        assertEquals(700_000L, scores.predictedPairs());
        assertEquals(1.0, scores.precision());
        assertEquals(1.0 / 3, scores.recall(), 1e-12);
        assertEquals(1_400_000L, scores.predictedClusters());
    }

    @Test
    void rejects_arrays_of_different_lengths() {
        assertThrows(IllegalArgumentException.class, () -> PairwiseScores.of(new long[2], new long[3]));
    }
}
