package dev.ownstack.model.identity.probabilistic;

import dev.ownstack.core.config.identity.ProbabilisticConfig.Comparison;
import java.util.List;

/** Compares two records field by field, giving the pattern of comparison levels. Thread-safe. */
final class PairComparator {
    private final List<ComparisonLevels> comparisons;
    private final int[] fieldIndex;

    PairComparator(List<Comparison> comparisons, List<String> fields) {
        this.comparisons = comparisons.stream().map(ComparisonLevels::new).toList();
        fieldIndex = comparisons.stream().mapToInt(comparison -> fields.indexOf(comparison.field())).toArray();
    }

    List<ComparisonLevels> comparisons() {
        return comparisons;
    }

    int[] levelCounts() {
        return comparisons.stream().mapToInt(ComparisonLevels::levelCount).toArray();
    }

    /** The compared fields in comparison order: what {@link #pattern(String)} expects, two values each. */
    List<String> comparedFields() {
        return comparisons.stream().map(levels -> levels.comparison().field()).toList();
    }

    /**
     * The packed pattern of a pair whose values of the compared fields come as one text: record
     * a's and record b's value of each, separated by U+001F, a missing value empty.
     */
    long pattern(String values) {
        String[] parts = values.split("\u001f", -1);
        if (parts.length != 2 * comparisons.size()) {
            throw new IllegalStateException("expected " + 2 * comparisons.size() + " values in a candidate pair, got " + parts.length);
        }
        long pattern = 0;
        for (int c = 0; c < comparisons.size(); c++) {
            int level = comparisons.get(c).level(value(parts[2 * c]), value(parts[2 * c + 1]));
            pattern |= (long) level << (PatternCounts.BITS_PER_LEVEL * c);
        }
        return pattern;
    }

    /** Where comparison {@code c}'s field is among {@link MatchSql#fields()}. */
    int fieldIndex(int c) {
        return fieldIndex[c];
    }

    static String value(Object raw) {
        return raw == null ? null : ComparisonLevels.normalise(raw.toString());
    }
}
