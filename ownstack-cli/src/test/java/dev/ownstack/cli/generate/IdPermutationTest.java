package dev.ownstack.cli.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;

import org.junit.jupiter.api.Test;

class IdPermutationTest {

    @Test
    void every_value_of_the_domain_maps_to_a_distinct_value() {
        IdPermutation permutation = new IdPermutation(8, 1234);
        BitSet seen = new BitSet();
        for (long value = 0; value < permutation.domainSize(); value++) {
            long mapped = permutation.apply(value);
            assertTrue(mapped >= 0 && mapped < permutation.domainSize());
            assertTrue(!seen.get((int) mapped), "collision at " + value);
            seen.set((int) mapped);
        }
        assertEquals(permutation.domainSize(), seen.cardinality());
    }

    @Test
    void neighbouring_values_are_not_neighbours_after_permuting() {
        IdPermutation permutation = new IdPermutation(20, 99);
        assertNotEquals(1, Math.abs(permutation.apply(1001) - permutation.apply(1000)));
    }

    @Test
    void covering_permutation_holds_the_requested_count() {
        assertTrue(IdPermutation.covering(1_000_000, 5).domainSize() >= 1_000_000);
        assertTrue(IdPermutation.covering(1, 5).domainSize() >= 1);
    }

    @Test
    void value_outside_the_domain_is_rejected() {
        IdPermutation permutation = new IdPermutation(4, 1);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> permutation.apply(256));
        assertEquals("value must be in [0, 256), got 256", error.getMessage());
    }
}
