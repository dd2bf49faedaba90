package dev.ownstack.model.identity.probabilistic;

import dev.ownstack.core.config.identity.ProbabilisticConfig.Comparison;
import java.util.List;

/**
 * Compares two records field by field: reads each configured comparison's two values from a row
 * laid out as field 0 of record a, field 0 of record b, field 1 of a, ... (fields in
 * {@link MatchSql#fields()} order) and gives the pattern of levels. Thread-safe.
 */
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

    /** The packed pattern of a row whose value pairs start at {@code offset}. */
    long pattern(Object[] row, int offset) {
        long pattern = 0;
        for (int c = 0; c < fieldIndex.length; c++) {
            int column = offset + 2 * fieldIndex[c];
            int level = comparisons.get(c).level(value(row[column]), value(row[column + 1]));
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
