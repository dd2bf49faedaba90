package dev.ownstack.model.identity.keys;

import dev.ownstack.core.config.identity.KeyKind;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NormalisersTest {
    private final Normalisers normalisers = new Normalisers(new PhoneKey("GB"),
            BlockedValues.defaults().withExtras(KeyKind.EMAIL, List.of("noreply@shop.example")));

    @Test
    void applies_the_normaliser_of_each_kind() {
        assertEquals(Optional.of("j.doe+x@gmail.com"), normalisers.normalise(KeyKind.EMAIL, " J.Doe+x@GMail.com"));
        assertEquals(Optional.of("jdoe@gmail.com"), normalisers.normalise(KeyKind.EMAIL_CANONICAL, " J.Doe+x@GMail.com"));
        assertEquals(Optional.of("+442079460018"), normalisers.normalise(KeyKind.PHONE, "020 7946 0018"));
        assertEquals(Optional.of("jose muller"), normalisers.normalise(KeyKind.NAME, "José Müller"));
        assertEquals(Optional.of("robert"), normalisers.normalise(KeyKind.FIRST_NAME, " BOB "));
        assertEquals(Optional.of("bob smith"), normalisers.normalise(KeyKind.NAME, "Bob Smith"), "only first names take nicknames");
        assertEquals(Optional.of("SW1A1AA"), normalisers.normalise(KeyKind.POSTCODE, "sw1a 1aa"));
    }

    @Test
    void trims_ids_but_keeps_their_case() {
        assertEquals(Optional.of("User-42"), normalisers.normalise(KeyKind.USER_ID, " User-42 "));
        assertEquals(Optional.of("a1B2-c3D4"), normalisers.normalise(KeyKind.ANONYMOUS_ID, "a1B2-c3D4"));
        assertEquals(Optional.empty(), normalisers.normalise(KeyKind.ANONYMOUS_ID, "   "));
    }

    @Test
    void gives_no_key_for_blocked_values() {
        assertEquals(Optional.empty(), normalisers.normalise(KeyKind.USER_ID, "null"));
        assertEquals(Optional.empty(), normalisers.normalise(KeyKind.ANONYMOUS_ID, "Unknown"));
        assertEquals(Optional.empty(), normalisers.normalise(KeyKind.EMAIL, " Test@Test.com "));
        assertEquals(Optional.empty(), normalisers.normalise(KeyKind.EMAIL, "NoReply@Shop.example"));
        assertEquals(Optional.empty(), normalisers.normalise(KeyKind.NAME, "N/A"));
    }

    @Test
    void normalised_gives_what_canonical_and_is_blocked_give() {
        List<String> raws = List.of("020 7946 0018", "+44 20 7946 0018", "0000000000", "+1 555 555 5555", "(650) 253-0000", "not a phone",
                " J.Doe+x@GMail.com", "Test@Test.com", "noreply@shop.example", "José Müller", "N/A", "sw1a 1aa", " User-42 ", "null",
                "1980-02-29", "", "  ");
        for (KeyKind kind : KeyKind.values()) {
            for (String raw : raws) {
                Optional<Normalisers.Normalised> expected = normalisers.canonical(kind, raw)
                        .map(value -> new Normalisers.Normalised(value, normalisers.isBlocked(kind, value)));
                assertEquals(expected, normalisers.normalised(kind, raw), kind + " " + raw);
            }
        }
    }

    @Test
    void gives_no_key_for_missing_values_of_any_kind() {
        for (KeyKind kind : KeyKind.values()) {
            assertEquals(Optional.empty(), normalisers.normalise(kind, null), kind.name());
        }
    }
}
