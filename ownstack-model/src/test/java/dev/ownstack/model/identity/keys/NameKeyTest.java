package dev.ownstack.model.identity.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameKeyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'  José   Müller '|jose muller",
            "FRANÇOIS|francois",
            "Zoë Ångström|zoe angstrom",
            "Łukasz Żółć|łukasz zołc",
            "Straße|straße",
            "O'Brien-Smith|obriensmith",
            "'Doe, Jane'|doe jane",
            "Dr. J. R. R. Tolkien|dr j r r tolkien",
            "ＪＯＨＮ|john",
            "'Anne\tMarie'|anne marie"})
    void lower_cases_strips_accents_drops_punctuation_and_collapses_spaces(String raw, String expected) {
        assertEquals(Optional.of(expected), NameKey.normalise(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "...", " - , "})
    void gives_no_key_when_nothing_but_spaces_and_punctuation_remains(String raw) {
        assertEquals(Optional.empty(), NameKey.normalise(raw));
    }
}
