package dev.ownstack.cli.generate;

/**
 * A keyed bijection on the integers below {@code 2^(2 * halfBits)} (a four-round Feistel network).
 *
 * <p>Record ids are permuted sequence numbers: distinct without any lookup table, yet neither
 * ordered by person nor adjacent for the duplicates of one person, which would give identity
 * resolution a clue that real sources do not give.
 */
final class IdPermutation {

    private static final int ROUNDS = 4;

    private final int halfBits;
    private final long mask;
    private final long[] roundKeys = new long[ROUNDS];

    IdPermutation(int halfBits, long key) {
        if (halfBits < 1 || halfBits > 31) {
            throw new IllegalArgumentException("halfBits must be between 1 and 31, got " + halfBits);
        }
        this.halfBits = halfBits;
        this.mask = (1L << halfBits) - 1;
        for (int round = 0; round < ROUNDS; round++) {
            roundKeys[round] = Seeds.mix(key + round * 0x9E3779B97F4A7C15L);
        }
    }

    /** The smallest permutation whose domain holds {@code count} values. */
    static IdPermutation covering(long count, long key) {
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(count - 1, 1));
        return new IdPermutation(Math.max(5, (bits + 1) / 2), key);
    }

    long domainSize() {
        return 1L << (2 * halfBits);
    }

    long apply(long value) {
        if (value < 0 || value >= domainSize()) {
            throw new IllegalArgumentException("value must be in [0, " + domainSize() + "), got " + value);
        }
        long left = value >>> halfBits;
        long right = value & mask;
        for (long roundKey : roundKeys) {
            long next = left ^ (Seeds.mix(right ^ roundKey) & mask);
            left = right;
            right = next;
        }
        return left << halfBits | right;
    }
}
