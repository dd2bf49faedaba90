package dev.ownstack.model.identity.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EmailKeyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'  John.Doe@Example.COM '|john.doe@example.com",
            "'\tJANE@EXAMPLE.ORG\n'|jane@example.org",
            "J.o.h.n+News@Gmail.com|j.o.h.n+news@gmail.com",
            "someone@mail.example.co.uk|someone@mail.example.co.uk"})
    void normalise_trims_and_lower_cases_but_keeps_dots_and_tags(String raw, String expected) {
        assertEquals(Optional.of(expected), EmailKey.normalise(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "john", "john@", "@example.com", "john@example", "a@b@example.com",
            "john doe@example.com", "john@.example.com", "john@example.", "john@exa..mple.com"})
    void rejects_values_that_are_not_addresses(String raw) {
        assertEquals(Optional.empty(), EmailKey.normalise(raw));
        assertEquals(Optional.empty(), EmailKey.canonical(raw));
    }

    @Test
    void rejects_a_missing_value() {
        assertEquals(Optional.empty(), EmailKey.normalise(null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "' J.o.h.n.Doe@Gmail.com '|johndoe@gmail.com",
            "john.doe+newsletter@gmail.com|johndoe@gmail.com",
            "John.Doe+a+b@googlemail.com|johndoe@gmail.com",
            "johndoe@GoogleMail.com|johndoe@gmail.com"})
    void canonical_drops_gmail_dots_and_tags_and_maps_googlemail_to_gmail(String raw, String expected) {
        assertEquals(Optional.of(expected), EmailKey.canonical(raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jane.doe+shop@outlook.com|jane.doe@outlook.com",
            "Jane.Doe+shop@Hotmail.com|jane.doe@hotmail.com",
            "jane.doe+x@icloud.com|jane.doe@icloud.com",
            "jane.doe+x@fastmail.com|jane.doe@fastmail.com",
            "jane.doe+shop@hotmail.co.uk|jane.doe@hotmail.co.uk",
            "Jane.Doe+news@Live.co.uk|jane.doe@live.co.uk",
            "jane.doe+x@outlook.fr|jane.doe@outlook.fr",
            "jane.doe+x@msn.com|jane.doe@msn.com",
            "jane.doe+x@proton.me|jane.doe@proton.me"})
    void canonical_drops_only_the_tag_for_providers_that_ignore_it(String raw, String expected) {
        assertEquals(Optional.of(expected), EmailKey.canonical(raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "John.Doe+shop@Example.com|john.doe+shop@example.com",
            "j.doe@company-on-google-workspace.com|j.doe@company-on-google-workspace.com",
            "jane+x@yahoo.com|jane+x@yahoo.com",
            "jane+x@yahoo.co.uk|jane+x@yahoo.co.uk",
            "jane+x@hotmail.example.com|jane+x@hotmail.example.com",
            "jane.doe+x@live.example|jane.doe+x@live.example"})
    void canonical_keeps_dots_and_tags_of_other_domains(String raw, String expected) {
        assertEquals(Optional.of(expected), EmailKey.canonical(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+tag@gmail.com", "...@gmail.com", "+shop@outlook.com"})
    void canonical_is_empty_when_nothing_remains_of_the_local_part(String raw) {
        assertEquals(Optional.empty(), EmailKey.canonical(raw));
    }
}
