package dev.ownstack.model.identity.probabilistic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JaroWinklerTest {

    /** The vectors Winkler published and textbooks repeat, to three places. */
    @ParameterizedTest
    @CsvSource({"MARTHA, MARHTA, 0.961", "DWAYNE, DUANE, 0.840", "DIXON, DICKSONX, 0.813"})
    void matches_the_published_vectors(String a, String b, double expected) {
        assertEquals(expected, JaroWinkler.similarity(a, b), 0.0005);
        assertEquals(expected, JaroWinkler.similarity(b, a), 0.0005);
    }

    @ParameterizedTest
    @CsvSource({"MARTHA, MARHTA, 0.944", "DWAYNE, DUANE, 0.822", "DIXON, DICKSONX, 0.767"})
    void gives_the_published_jaro_similarity_without_the_prefix_boost(String a, String b, double expected) {
        assertEquals(expected, JaroWinkler.jaro(a, b), 0.0005);
    }

    @Test
    void is_one_for_equal_strings_and_zero_when_nothing_matches() {
        assertEquals(1.0, JaroWinkler.similarity("robert", "robert"));
        assertEquals(0.0, JaroWinkler.similarity("abc", "xyz"));
        assertEquals(0.0, JaroWinkler.similarity("", "abc"));
        assertEquals(1.0, JaroWinkler.similarity("", ""));
    }

    @Test
    void boosts_a_common_prefix_only_above_0_7() {
        double jaro = JaroWinkler.jaro("abcxyzuv", "abdqrstw");
        assertTrue(jaro <= 0.7, "jaro " + jaro);
        assertEquals(jaro, JaroWinkler.similarity("abcxyzuv", "abdqrstw"));
    }
}
