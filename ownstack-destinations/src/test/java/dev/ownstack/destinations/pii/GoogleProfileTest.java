package dev.ownstack.destinations.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import org.junit.jupiter.api.Test;

/**
 * Google's rules, checked against Google's own formatter tests
 * (https://github.com/googleads/data-manager-java/blob/main/data-manager-util/src/test/java/com/google/ads/datamanager/util/UserDataFormatterTest.java ,
 * for https://developers.google.com/data-manager/api/devguides/concepts/formatting ) and the Customer Match guide
 * (https://developers.google.com/google-ads/api/docs/remarketing/audience-segments/customer-match/get-started ).
 * Google prints upper-case hex; we send lower-case, which Google accepts.
 */
class GoogleProfileTest {
    private static final PiiContext US = PiiContext.of("US");

    private static String value(PiiField field, Object raw) {
        PiiResult result = Pii.prepare(PiiProfile.GOOGLE, field, raw, US);
        assertTrue(result.isOk(), () -> "expected a value for " + raw + " but got " + result);
        return result.value().orElseThrow();
    }

    private static String problem(PiiField field, Object raw) {
        PiiResult result = Pii.prepare(PiiProfile.GOOGLE, field, raw, US);
        assertTrue(result.isInvalid(), () -> "expected a problem for " + raw + " but got " + result);
        return result.problem().orElseThrow();
    }

    @Test
    void given_names_lose_honorific_prefixes_as_in_googles_formatter() {
        for (String name : new String[] {" Alex   ", " Mr. Alex   ", " Mrs. Alex   ", " Dr. Alex   ", " Alex Dr."}) {
            // printf %s alex | sha256sum
            assertEquals("4135aa9dc1b842a653dea846903ddb95bfb8c5a10c504a7fa16e10bc31d1fdf0", value(PiiField.FIRST_NAME, name));
        }
        assertEquals(Pii.sha256Hex("mralex"), value(PiiField.FIRST_NAME, " Mralex   "));
        assertEquals("first name 'Mr…' is only a prefix such as Mr.", problem(PiiField.FIRST_NAME, " Mr. "));
    }

    @Test
    void family_names_lose_suffixes_repeatedly_as_in_googles_formatter() {
        // printf %s quinn | sha256sum
        String quinn = "c512ca0c5c1e71be19f3356821e56732b5fb3ac894b0dbc5846d0b6920106fb3";
        for (String name : new String[] {" Quinn   ", " Quinn, Jr.   ", " Quinn,Jr.   ", " Quinn Sr.  ", "quinn, jr. dds",
                "quinn, jr., dds"}) {
            assertEquals(quinn, value(PiiField.LAST_NAME, name), name);
        }
        assertEquals(Pii.sha256Hex("quinn-alex"), value(PiiField.LAST_NAME, "Quinn-Alex"));
        assertEquals(Pii.sha256Hex("boardds"), value(PiiField.LAST_NAME, "Boardds"));
        assertEquals(Pii.sha256Hex("lacparm"), value(PiiField.LAST_NAME, "lacparm"));
        assertEquals("last name ',J…' is only a suffix such as Jr.", problem(PiiField.LAST_NAME, ",Jr.,DDS "));
    }

    @Test
    void name_hashes_match_googles_formatter_examples() {
        // testProcessGivenName_validInputs_hexEncoding / testProcessFamilyName_validInputs_hexEncoding
        assertEquals("128a07bfe2df877c52076e60d7774cf5baaa046c5a6c48daf30ff43ecca2f814", value(PiiField.FIRST_NAME, "  GivenName  "));
        assertEquals("77762c287e61ce065bee5c15464012c6fbe088398b8057627d5577249430d574", value(PiiField.LAST_NAME, "  FamilyName "));
    }

    @Test
    void phone_numbers_from_googles_formatter_test_become_e164_with_plus() {
        assertEquals(Pii.sha256Hex("+18005550100"), value(PiiField.PHONE, "1 800 555 0100"));
        assertEquals(Pii.sha256Hex("+18005550100"), value(PiiField.PHONE, "18005550100"));
        assertEquals(Pii.sha256Hex("+441134960987"), value(PiiField.PHONE, "+44-113-496-0987"));
        assertEquals("phone '+a…' has no digits", problem(PiiField.PHONE, "+abc-DEF"));
    }

    @Test
    void country_is_upper_case_alpha_2_and_not_hashed() {
        assertEquals("US", value(PiiField.COUNTRY, " uS "));
        assertEquals("GB", value(PiiField.COUNTRY, "United Kingdom"));
        assertEquals("country 'u2' is not an ISO 3166-1 country code (such as US, GB, DE) or English country name",
                problem(PiiField.COUNTRY, " u2 "));
    }

    @Test
    void postal_code_is_only_trimmed_and_not_hashed() {
        assertEquals("94045", value(PiiField.POSTAL_CODE, " 94045  "));
        assertEquals("1229-076", value(PiiField.POSTAL_CODE, "  1229-076  "));
        assertEquals("94045", value(PiiField.POSTAL_CODE, 94045));
    }

    @Test
    void mobile_ids_and_external_ids_are_not_hashed() {
        assertEquals("AECE52E7-03EE-455A-B3C4-E57283966239",
                value(PiiField.MOBILE_ADVERTISER_ID, " AECE52E7-03EE-455A-B3C4-E57283966239 "));
        assertEquals("crm-42", value(PiiField.EXTERNAL_ID, "crm-42"));
    }

    @Test
    void fields_google_does_not_match_on_are_refused_up_front() {
        for (PiiField field : new PiiField[] {PiiField.CITY, PiiField.STATE, PiiField.GENDER, PiiField.FIRST_INITIAL,
                PiiField.DATE_OF_BIRTH, PiiField.BIRTH_YEAR, PiiField.BIRTH_MONTH, PiiField.BIRTH_DAY}) {
            assertFalse(Pii.supports(PiiProfile.GOOGLE, field), field.name());
            OwnstackException refused = assertThrows(OwnstackException.class,
                    () -> Pii.prepare(PiiProfile.GOOGLE, field, "x", US));
            assertEquals(ErrorCode.ARGUMENT_INVALID, refused.code());
            assertTrue(refused.getMessage().startsWith("GOOGLE does not match people on " + field.label()),
                    refused.getMessage());
        }
    }

    @Test
    void google_hashes_only_email_phone_and_names() {
        for (PiiField field : PiiField.values()) {
            boolean expected = field == PiiField.EMAIL || field == PiiField.PHONE || field == PiiField.FIRST_NAME
                    || field == PiiField.LAST_NAME;
            assertEquals(expected, Pii.hashes(PiiProfile.GOOGLE, field), field.name());
        }
    }
}
