package dev.ownstack.model.identity.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostcodeKeyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sw1a 1aa|SW1A1AA",
            "' SW1A  1AA '|SW1A1AA",
            "m1 1ae|M11AE",
            "90210|90210",
            "90210-1234|90210",
            "'90210 - 1234'|90210",
            "10115|10115",
            "k1a 0b1|K1A0B1",
            "1011 ab|1011AB"})
    void upper_cases_and_removes_spaces(String raw, String expected) {
        assertEquals(Optional.of(expected), PostcodeKey.normalise(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "-", " - "})
    void gives_no_key_without_a_letter_or_digit(String raw) {
        assertEquals(Optional.empty(), PostcodeKey.normalise(raw));
    }
}
