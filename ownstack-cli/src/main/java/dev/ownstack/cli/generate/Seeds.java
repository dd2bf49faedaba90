package dev.ownstack.cli.generate;

import java.util.SplittableRandom;

/**
 * Derives an independent random stream for every (seed, person, purpose).
 *
 * <p>Each person is generated from its own streams, never from a generator shared across people,
 * so output is streaming and reproducible, and changing how events are drawn does not shift the
 * contacts or orders of the same seed.
 */
final class Seeds {

    enum Purpose { PERSON, CONTACTS, ORDERS, EVENTS, CATALOG, IDS, BLOCK_ORDER }

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** The SplitMix64 finaliser (Stafford's mix 13): a bijection on 64 bits with good avalanche. */
    static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long derive(long seed, long index, Purpose purpose) {
        long perSeed = mix(seed ^ GOLDEN_GAMMA);
        long perIndex = mix(perSeed + GOLDEN_GAMMA * (index + 1));
        return mix(perIndex ^ ((purpose.ordinal() + 1L) * 0xD1B54A32D192ED03L));
    }

    static SplittableRandom random(long seed, long index, Purpose purpose) {
        return new SplittableRandom(derive(seed, index, purpose));
    }
}
