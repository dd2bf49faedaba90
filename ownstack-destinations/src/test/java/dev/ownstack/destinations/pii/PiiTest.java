package dev.ownstack.destinations.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PiiTest {
    private static final PiiContext US = PiiContext.of("US");

    @Test
    void sha256_hex_is_lower_case_over_utf8_bytes() {
        // printf %s test@gmail.com | sha256sum
        assertEquals("87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674", Pii.sha256Hex("test@gmail.com"));
        // printf %s josé | sha256sum (é as the two UTF-8 bytes c3 a9)
        assertEquals("d994e1d001886fe5b45b1267bd1fa2b752ac50742579bd3dad7b2a2aa0ed6866", Pii.sha256Hex("josé"));
        // the X Ads API's example: hashlib.sha256("adsapi".encode()).hexdigest()
        assertEquals("49e0be2aeccfb51a8dee4c945c8a70a9ac500cf6f5cb08112575f74db9b1470d", Pii.sha256Hex("adsapi"));
    }

    @Test
    void recognises_sha256_hex_in_either_case_only_at_64_hex_digits() {
        assertTrue(Pii.isSha256Hex("87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674"));
        assertTrue(Pii.isSha256Hex("87924606B4131A8ACEEEAE8868531FBB9712AAA07A5D3A756B26CE0F5D6CA674"));
        assertFalse(Pii.isSha256Hex("87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca67"));
        assertFalse(Pii.isSha256Hex("g7924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674"));
        assertFalse(Pii.isSha256Hex(null));
    }

    @Test
    void a_prehashed_value_passes_through_lower_cased_for_every_hashed_field_of_both_profiles() {
        String hash = "87924606B4131A8ACEEEAE8868531FBB9712AAA07A5D3A756B26CE0F5D6CA674";
        for (PiiProfile profile : PiiProfile.values()) {
            for (PiiField field : PiiField.values()) {
                if (Pii.supports(profile, field) && Pii.hashes(profile, field)) {
                    assertEquals(Optional.of(hash.toLowerCase(java.util.Locale.ROOT)),
                            Pii.prepare(profile, field, hash, US).value(), profile + " " + field);
                }
            }
        }
    }

    @Test
    void blank_input_is_blank_for_every_field_of_both_profiles() {
        for (PiiProfile profile : PiiProfile.values()) {
            for (PiiField field : PiiField.values()) {
                if (Pii.supports(profile, field)) {
                    assertTrue(Pii.prepare(profile, field, null, US).isBlank(), profile + " " + field);
                    assertTrue(Pii.prepare(profile, field, " \t", US).isBlank(), profile + " " + field);
                }
            }
        }
    }

    @Test
    void meta_hashes_everything_but_the_mobile_advertiser_id_and_the_external_id() {
        for (PiiField field : PiiField.values()) {
            assertTrue(Pii.supports(PiiProfile.META, field), field.name());
            boolean plain = field == PiiField.MOBILE_ADVERTISER_ID || field == PiiField.EXTERNAL_ID;
            assertEquals(!plain, Pii.hashes(PiiProfile.META, field), field.name());
        }
    }

    @Test
    void numbers_from_a_warehouse_are_read_without_exponent_or_fraction() {
        assertEquals(Pii.sha256Hex("16505551212"), Pii.prepare(PiiProfile.META, PiiField.PHONE,
                new BigDecimal("1.6505551212E10"), US).value().orElseThrow());
        assertEquals(Pii.sha256Hex("1985"), Pii.prepare(PiiProfile.META, PiiField.BIRTH_YEAR, 1985.0, US)
                .value().orElseThrow());
    }

    @Test
    void context_takes_an_iso_country_in_any_case_and_rejects_others() {
        assertEquals("DE", PiiContext.of(" de ").defaultCountry());
        OwnstackException rejected = assertThrows(OwnstackException.class, () -> PiiContext.of("XX"));
        assertEquals(ErrorCode.CONFIG_INVALID, rejected.code());
        assertEquals("default country 'XX' is not an ISO 3166-1 alpha-2 code (such as US, GB, DE)", rejected.getMessage());
        assertThrows(OwnstackException.class, () -> PiiContext.of("USA"));
        assertTrue(PiiContext.isCountryCode("gb"));
        assertFalse(PiiContext.isCountryCode("UK"));
    }

    @Test
    void a_records_own_country_decides_its_phone_state_and_postal_code_rules() {
        PiiContext forGb = US.forCountry("United Kingdom");
        assertEquals("GB", forGb.defaultCountry());
        assertEquals(Pii.sha256Hex("m11ae"), Pii.prepare(PiiProfile.META, PiiField.POSTAL_CODE, "M1 1AE", forGb)
                .value().orElseThrow());
        assertTrue(Pii.prepare(PiiProfile.META, PiiField.POSTAL_CODE, "M1 1AE", US).isInvalid());
        assertEquals(Pii.sha256Hex("+441134960987"), Pii.prepare(PiiProfile.GOOGLE, PiiField.PHONE, "0113 496 0987",
                US.forCountry("gb")).value().orElseThrow());
        assertEquals(US, US.forCountry(null));
        assertEquals(US, US.forCountry(" "));
        assertEquals(US, US.forCountry("Narnia"));
    }

    @Test
    void a_result_has_a_value_a_problem_or_neither_never_both_nor_an_empty_value() {
        assertTrue(PiiResult.ok("a").isOk());
        assertTrue(PiiResult.invalid("why").isInvalid());
        assertTrue(PiiResult.blank().isBlank());
        assertThrows(IllegalArgumentException.class, () -> new PiiResult(Optional.of("a"), Optional.of("why")));
        assertThrows(IllegalArgumentException.class, () -> PiiResult.ok(""));
    }
}
