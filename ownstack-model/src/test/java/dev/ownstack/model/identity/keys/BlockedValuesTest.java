package dev.ownstack.model.identity.keys;

import dev.ownstack.core.config.identity.KeyKind;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockedValuesTest {
    private final BlockedValues defaults = BlockedValues.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "NULL", " None ", "n/a", "unknown", "undefined", "-1", "0000000000", "1234567890"})
    void blocks_null_like_values_for_every_kind(String value) {
        for (KeyKind kind : KeyKind.values()) {
            assertTrue(defaults.isBlocked(kind, value), kind + " " + value);
        }
    }

    @Test
    void blocks_the_test_address() {
        assertTrue(defaults.isBlocked(KeyKind.EMAIL, "test@test.com"));
        assertTrue(defaults.isBlocked(KeyKind.EMAIL_CANONICAL, "test@test.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+11234567890", "+491234567890", "+15555555555", "+440000000000"})
    void blocks_phone_numbers_whose_national_number_is_a_placeholder(String e164) {
        assertTrue(defaults.isBlocked(KeyKind.PHONE, e164));
    }

    @Test
    void keeps_real_values() {
        assertFalse(defaults.isBlocked(KeyKind.EMAIL, "jane.doe@example.com"));
        assertFalse(defaults.isBlocked(KeyKind.PHONE, "+442079460018"));
        assertFalse(defaults.isBlocked(KeyKind.USER_ID, "u-1001"));
        assertFalse(defaults.isBlocked(KeyKind.NAME, "nancy"));
    }

    @Test
    void blocks_configured_extras_only_for_their_kind() {
        BlockedValues blocked = defaults.withExtras(KeyKind.EMAIL, List.of("NoReply@Shop.example"));
        assertTrue(blocked.isBlocked(KeyKind.EMAIL, "noreply@shop.example"));
        assertFalse(blocked.isBlocked(KeyKind.EMAIL_CANONICAL, "noreply@shop.example"));
        assertTrue(blocked.isBlocked(KeyKind.EMAIL, "null"), "defaults stay blocked");
        assertFalse(defaults.isBlocked(KeyKind.EMAIL, "noreply@shop.example"), "the original is unchanged");
    }

    @Test
    void adds_extras_to_earlier_extras_of_the_same_kind() {
        BlockedValues blocked = defaults
                .withExtras(KeyKind.USER_ID, List.of("guest"))
                .withExtras(KeyKind.USER_ID, List.of("admin"));
        assertTrue(blocked.isBlocked(KeyKind.USER_ID, "guest"));
        assertTrue(blocked.isBlocked(KeyKind.USER_ID, "admin"));
    }
}
