package dev.ownstack.model.identity.probabilistic;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How many candidate pairs have each comparison pattern, per set of blocking rules they meet. A
 * pattern packs one level per comparison into 3 bits each ({@link ComparisonLevels#NULL} = 7);
 * with at most 12 comparisons and 16 rules a pattern and its rule mask fit one long. Not thread-safe.
 */
final class PatternCounts {
    static final int BITS_PER_LEVEL = 3;
    private static final int RULE_BITS = 16;

    private final Map<Long, long[]> counts = new HashMap<>();
    private final Map<Long, Integer> numbers = new HashMap<>();
    private long[] patterns = new long[16];
    private long total;

    static int level(long pattern, int comparison) {
        return (int) (pattern >>> (BITS_PER_LEVEL * comparison)) & 7;
    }

    static long pattern(int[] levels) {
        long pattern = 0;
        for (int c = 0; c < levels.length; c++) {
            pattern |= (long) levels[c] << (BITS_PER_LEVEL * c);
        }
        return pattern;
    }

    /** Counts one pair; returns its pattern's number (0, 1, ... in order of first sight). */
    int add(long pattern, int rules) {
        counts.computeIfAbsent(pattern << RULE_BITS | rules, key -> new long[1])[0]++;
        total++;
        return numbers.computeIfAbsent(pattern, key -> {
            int number = numbers.size();
            if (number == patterns.length) {
                patterns = Arrays.copyOf(patterns, number * 2);
            }
            patterns[number] = key;
            return number;
        });
    }

    /** The distinct patterns by number. */
    long[] patterns() {
        return Arrays.copyOf(patterns, numbers.size());
    }

    long total() {
        return total;
    }

    /** The counts in a fixed order (by pattern, then rule mask), so sums come out the same on every run. */
    Sorted sorted() {
        long[] keys = counts.keySet().stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(keys);
        long[] patterns = new long[keys.length];
        int[] rules = new int[keys.length];
        long[] values = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            patterns[i] = keys[i] >>> RULE_BITS;
            rules[i] = (int) (keys[i] & ((1 << RULE_BITS) - 1));
            values[i] = counts.get(keys[i])[0];
        }
        return new Sorted(patterns, rules, values);
    }

    /** Parallel arrays: pattern, rule mask and count of each distinct combination. */
    record Sorted(long[] patterns, int[] rules, long[] counts) {
    }
}
