package dev.ownstack.model.identity.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SharedKeyCeilingTest {

    @Test
    void links_only_records_of_one_person_that_share_a_value_and_follows_chains() {
        // person 0: records 0, 1, 2; person 1: records 3, 4; person 2: record 5
        SharedKeyCeiling oracle = new SharedKeyCeiling(new long[] {0, 0, 0, 1, 1, 2});
        oracle.shared(new int[] {0, 1, 3}, 3);   // one email on records of persons 0 and 1: only 0-1 is linked
        oracle.shared(new int[] {2, 1}, 2);      // a phone: 1-2, so 0-1-2 by the chain
        oracle.shared(new int[] {4, 5}, 2);      // two persons sharing a value: nothing
        PairwiseScores scores = oracle.scores();
        assertEquals(1.0, scores.precision());
        assertEquals(3, scores.correctPairs(), "0-1, 0-2, 1-2");
        assertEquals(4, scores.truePairs());
        assertEquals(0.75, scores.recall());
        assertEquals(4, scores.predictedClusters());
    }

    @Test
    void ignores_the_unused_end_of_a_group_array_and_groups_of_one() {
        SharedKeyCeiling oracle = new SharedKeyCeiling(new long[] {7, 7, 7});
        oracle.shared(new int[] {0, 1, 2}, 2);
        oracle.shared(new int[] {2}, 1);
        PairwiseScores scores = oracle.scores();
        assertEquals(1, scores.correctPairs());
        assertEquals(2, scores.predictedClusters());
    }

    @Test
    void reaches_full_recall_when_every_person_shares_a_value_across_their_records() {
        SharedKeyCeiling oracle = new SharedKeyCeiling(new long[] {1, 2, 1, 2});
        oracle.shared(new int[] {0, 1, 2, 3}, 4);
        assertEquals(1.0, oracle.scores().recall());
        assertEquals(1.0, oracle.scores().precision());
    }
}
