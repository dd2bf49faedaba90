package dev.ownstack.model.identity.graph;

import java.util.SplittableRandom;

/**
 * Generates identity-like graphs over the dense ids {@code 0..nodes-1}, shuffled so that ids say
 * nothing about the structure: most nodes in clusters of 1 to 20 (a random tree per cluster, a
 * few extra links, duplicate and reversed edges and self-loops as real key graphs have them),
 * plus some long chains. Edges go to a sink, so that large graphs need no memory for them.
 */
public final class IdentityGraphs {
    private IdentityGraphs() {
    }

    @FunctionalInterface
    public interface EdgeSink {
        void edge(long a, long b);
    }

    /**
     * @param chains how many long chains
     * @param chainLength nodes per chain (chains take {@code chains * chainLength} of the nodes)
     */
    public static void generate(int nodes, int chains, int chainLength, long seed, EdgeSink sink) {
        if ((long) chains * chainLength > nodes) {
            throw new IllegalArgumentException(chains + " chains of " + chainLength + " nodes do not fit into " + nodes + " nodes");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] id = TestGraph.shuffled(nodes, random);
        int position = 0;
        for (int chain = 0; chain < chains; chain++) {
            for (int i = 1; i < chainLength; i++) {
                sink.edge(id[position + i - 1], id[position + i]);
            }
            position += chainLength;
        }
        while (position < nodes) {
            int size = Math.min(1 + random.nextInt(20), nodes - position);
            for (int member = 1; member < size; member++) {
                int other = random.nextInt(member);
                sink.edge(id[position + member], id[position + other]);
                if (random.nextInt(10) == 0) {
                    sink.edge(id[position + other], id[position + member]);
                }
                if (random.nextInt(10) == 0) {
                    sink.edge(id[position + member], id[position + random.nextInt(size)]);
                }
            }
            if (random.nextInt(20) == 0) {
                sink.edge(id[position], id[position]);
            }
            position += size;
        }
    }
}
