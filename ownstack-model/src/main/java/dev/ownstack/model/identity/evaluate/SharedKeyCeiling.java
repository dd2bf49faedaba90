package dev.ownstack.model.identity.evaluate;

import dev.ownstack.model.identity.graph.UnionFind;
import java.util.HashMap;
import java.util.Map;

/**
 * The best a resolution could do with the key values the records carry: an oracle that knows the
 * truth links two records exactly when they are one person and share a key value, and customers
 * are the connected components of those links. Its precision is 1 by construction; its recall is
 * the ceiling of any method that links through shared values, since a pair of one person's records
 * that no chain of shared values connects cannot be found that way. The part of the truth's pairs
 * it misses is unlinkable by design of the data, not by a choice of rules. Not thread-safe.
 */
public final class SharedKeyCeiling {
    private final long[] truth;
    private final UnionFind links;
    private final Map<Long, Integer> firstOfPerson = new HashMap<>();

    /** @param truth the true cluster of record i at index i; records are the indices 0..n-1 */
    public SharedKeyCeiling(long[] truth) {
        this.truth = truth.clone();
        this.links = new UnionFind(truth.length);
    }

    /**
     * Records that share one key value (each listed once; any order): those that are one person
     * are linked.
     *
     * @param records the records' indices in {@code records[0..count-1]}
     */
    public void shared(int[] records, int count) {
        if (count < 2) {
            return;
        }
        firstOfPerson.clear();
        for (int i = 0; i < count; i++) {
            int record = records[i];
            Integer first = firstOfPerson.putIfAbsent(truth[record], record);
            if (first != null) {
                links.union(first, record);
            }
        }
    }

    /** Pairwise scores of the oracle's customers against the truth. */
    public PairwiseScores scores() {
        long[] predicted = new long[truth.length];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = links.representative(i);
        }
        return PairwiseScores.of(predicted, truth);
    }
}
