package dev.ownstack.model.identity.graph;

import java.util.Arrays;

/**
 * Disjoint sets over the dense node ids {@code 0..size-1}, with path halving and union by size.
 * After any sequence of unions, {@link #representative(int)} names each set by its smallest
 * member, so the labelling is the same as a min-label connected-components computation over the
 * same edges, whatever order the unions came in. Not thread-safe.
 */
public final class UnionFind {
    private final int[] parent;
    private final int[] size;
    private final int[] smallest;

    public UnionFind(int nodes) {
        if (nodes < 0) {
            throw new IllegalArgumentException("nodes must be at least 0, got " + nodes);
        }
        parent = new int[nodes];
        size = new int[nodes];
        smallest = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            parent[i] = i;
            smallest[i] = i;
        }
        Arrays.fill(size, 1);
    }

    public int nodes() {
        return parent.length;
    }

    /** The root of the node's set (an internal id, not stable across unions). */
    public int find(int node) {
        int current = node;
        while (parent[current] != current) {
            parent[current] = parent[parent[current]];
            current = parent[current];
        }
        return current;
    }

    /** Joins the sets of the two nodes; returns false when they were already one set. */
    public boolean union(int a, int b) {
        int rootA = find(a);
        int rootB = find(b);
        if (rootA == rootB) {
            return false;
        }
        if (size[rootA] < size[rootB]) {
            int swap = rootA;
            rootA = rootB;
            rootB = swap;
        }
        parent[rootB] = rootA;
        size[rootA] += size[rootB];
        smallest[rootA] = Math.min(smallest[rootA], smallest[rootB]);
        return true;
    }

    /** The smallest node id of the node's set: a label independent of the order of unions. */
    public int representative(int node) {
        return smallest[find(node)];
    }

    /** The number of nodes in the node's set. */
    public int setSize(int node) {
        return size[find(node)];
    }
}
