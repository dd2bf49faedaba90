package dev.ownstack.model.identity.probabilistic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ownstack.core.config.identity.ProbabilisticConfig.Comparison;
import dev.ownstack.core.config.identity.ProbabilisticConfig.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonLevelsTest {
    private final ComparisonLevels jaroWinkler = new ComparisonLevels(new Comparison("name", Method.JARO_WINKLER, List.of(0.92, 0.8)));
    private final ComparisonLevels levenshtein = new ComparisonLevels(new Comparison("dob", Method.LEVENSHTEIN, List.of(1.0, 2.0)));
    private final ComparisonLevels exact = new ComparisonLevels(new Comparison("email", Method.EXACT, List.of()));

    @Test
    void puts_equal_first_then_each_threshold_then_else() {
        assertEquals(0, jaroWinkler.level("martha", "martha"));
        assertEquals(1, jaroWinkler.level("martha", "marhta"));
        assertEquals(2, jaroWinkler.level("dwayne", "duane"));
        assertEquals(3, jaroWinkler.level("martha", "grace"));
        assertEquals(List.of("equal", "jaro-winkler >= 0.92", "jaro-winkler >= 0.8", "else"), jaroWinkler.labels());
    }

    @Test
    void reads_levenshtein_levels_as_distances_at_most() {
        assertEquals(0, levenshtein.level("1971-06-24", "1971-06-24"));
        assertEquals(1, levenshtein.level("1971-06-24", "1971-05-24"));
        assertEquals(2, levenshtein.level("1971-06-24", "1971-05-25"));
        assertEquals(3, levenshtein.level("1971-06-24", "1991-05-25"));
        assertEquals(List.of("equal", "levenshtein <= 1", "levenshtein <= 2", "else"), levenshtein.labels());
    }

    @Test
    void has_two_levels_for_exact() {
        assertEquals(0, exact.level("a@x.com", "a@x.com"));
        assertEquals(1, exact.level("a@x.com", "b@x.com"));
        assertEquals(2, exact.levelCount());
    }

    @Test
    void gives_the_neutral_null_level_when_either_value_is_missing() {
        assertEquals(ComparisonLevels.NULL, jaroWinkler.level(null, "martha"));
        assertEquals(ComparisonLevels.NULL, exact.level("a@x.com", null));
    }

    @Test
    void normalises_case_accents_and_spaces() {
        assertEquals("jose muller", ComparisonLevels.normalise("  José   MÜLLER "));
        assertEquals("o'brien", ComparisonLevels.normalise("O'Brien"));
        assertNull(ComparisonLevels.normalise("   "));
        assertNull(ComparisonLevels.normalise(null));
    }
}
