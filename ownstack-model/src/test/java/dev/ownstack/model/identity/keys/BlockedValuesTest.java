package dev.ownstack.model.identity.keys;

import dev.ownstack.core.config.identity.KeyKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    void a_parsed_phone_number_is_blocked_exactly_when_its_e164_form_is() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        List<PhoneNumber> examples = new ArrayList<>();
        for (String region : util.getSupportedRegions()) {
            for (PhoneNumberUtil.PhoneNumberType type : PhoneNumberUtil.PhoneNumberType.values()) {
                Optional.ofNullable(util.getExampleNumberForType(region, type)).ifPresent(examples::add);
            }
        }
        for (int callingCode : util.getSupportedGlobalNetworkCallingCodes()) {
            Optional.ofNullable(util.getExampleNumberForNonGeoEntity(callingCode)).ifPresent(examples::add);
        }
        // block some of them by their national number and some by their E.164 form
        List<String> extras = new ArrayList<>();
        for (int i = 0; i < examples.size(); i += 7) {
            extras.add(i % 2 == 0 ? util.getNationalSignificantNumber(examples.get(i)) : util.format(examples.get(i), PhoneNumberFormat.E164));
        }
        BlockedValues blocked = defaults.withExtras(KeyKind.PHONE, extras);
        PhoneKey phones = new PhoneKey("GB");
        int checked = 0;
        int blockedCount = 0;
        for (PhoneNumber example : examples) {
            for (PhoneNumberFormat format : List.of(PhoneNumberFormat.E164, PhoneNumberFormat.INTERNATIONAL, PhoneNumberFormat.RFC3966)) {
                Optional<PhoneKey.Parsed> parsed = phones.parse(util.format(example, format));
                if (parsed.isPresent()) {
                    assertEquals(blocked.isBlocked(KeyKind.PHONE, parsed.get().e164()), blocked.isBlocked(parsed.get()), parsed.get().e164());
                    checked++;
                    blockedCount += blocked.isBlocked(parsed.get()) ? 1 : 0;
                }
            }
        }
        assertTrue(checked > 3000, "checked " + checked);
        assertTrue(blockedCount > 300, "blocked " + blockedCount);
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
