package dev.ownstack.model.identity.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnionFindTest {

    @Test
    void labels_each_set_by_its_smallest_member_whatever_the_order_of_unions() {
        UnionFind sets = new UnionFind(8);

        assertTrue(sets.union(7, 5));
        assertTrue(sets.union(5, 6));
        assertTrue(sets.union(3, 6));
        assertFalse(sets.union(7, 3));
        assertTrue(sets.union(1, 2));

        int[] expected = {0, 1, 1, 3, 4, 3, 3, 3};
        for (int node = 0; node < 8; node++) {
            assertEquals(expected[node], sets.representative(node), "node " + node);
        }
        assertEquals(4, sets.setSize(7));
        assertEquals(1, sets.setSize(4));
    }
}
