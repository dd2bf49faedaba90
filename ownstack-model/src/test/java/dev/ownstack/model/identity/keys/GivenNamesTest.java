package dev.ownstack.model.identity.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GivenNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Bob|robert",
            "ROB|robert",
            "robert|robert",
            "Bill|william",
            "Katie|catherine",
            "Kathryn|catherine",
            "Steven|stephen",
            "Liz|elizabeth",
            "'  Mike '|michael",
            "Peggy|margaret"})
    void maps_nicknames_and_spelling_variants_to_one_form(String raw, String expected) {
        assertEquals(Optional.of(expected), GivenNames.normalise(raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Chris|chris",
            "Alex|alex",
            "Sam|sam",
            "Charlie|charlie",
            "Olivia|olivia",
            "Zoë|zoe",
            "Łukasz|łukasz"})
    void keeps_names_that_are_not_listed_or_could_stand_for_two_names(String raw, String expected) {
        assertEquals(Optional.of(expected), GivenNames.normalise(raw));
    }

    @Test
    void maps_each_word_of_a_first_name_with_several() {
        assertEquals(Optional.of("anne marie"), GivenNames.normalise("Annie-Marie".replace('-', ' ')));
        assertEquals(Optional.of("mary anne"), GivenNames.normalise("Mary Ann"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "..."})
    void gives_no_key_without_letters(String raw) {
        assertEquals(Optional.empty(), GivenNames.normalise(raw));
    }

    @Test
    void drops_a_form_listed_under_two_names_and_never_rewrites_a_canonical_name() {
        Map<String, String> table = GivenNames.parse(List.of(
                "# comment",
                "",
                "christopher: chris, kit",
                "christine: chris, chrissie",
                "nathaniel: nathan",
                "nathan: nate"));
        assertEquals(Map.of("kit", "christopher", "chrissie", "christine", "nate", "nathan"), table);
    }

    @Test
    void rejects_a_line_without_a_name() {
        assertThrows(IllegalArgumentException.class, () -> GivenNames.parse(List.of("bob, rob")));
    }
}
