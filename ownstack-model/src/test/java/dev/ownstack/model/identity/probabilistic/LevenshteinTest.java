package dev.ownstack.model.identity.probabilistic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LevenshteinTest {

    @ParameterizedTest
    @CsvSource({"kitten, sitting, 3", "flaw, lawn, 2", "1971-06-24, 1971-05-24, 1", "abc, abc, 0", "'', abc, 3", "gumbo, gambol, 2"})
    void counts_insertions_deletions_and_substitutions(String a, String b, int expected) {
        assertEquals(expected, Levenshtein.distance(a, b, 10));
        assertEquals(expected, Levenshtein.distance(b, a, 10));
    }

    @Test
    void answers_bound_plus_one_beyond_the_bound() {
        assertEquals(3, Levenshtein.distance("kitten", "sitting", 2));
        assertEquals(2, Levenshtein.distance("abcdef", "uvwxyz", 1));
        assertEquals(1, Levenshtein.distance("a", "abc", 0));
    }

    @Test
    void agrees_with_the_full_table_on_random_strings() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            String a = randomString(random);
            String b = randomString(random);
            int full = full(a, b);
            for (int bound = 0; bound <= 4; bound++) {
                assertEquals(Math.min(full, bound + 1), Levenshtein.distance(a, b, bound), a + " / " + b + " bound " + bound);
            }
        }
    }

    @Test
    void rejects_a_negative_bound() {
        assertThrows(IllegalArgumentException.class, () -> Levenshtein.distance("a", "b", -1));
    }

    private static String randomString(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(3)));
        }
        return text.toString();
    }

    private static int full(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
            }
        }
        return d[a.length()][b.length()];
    }
}
