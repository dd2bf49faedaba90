package dev.ownstack.destinations.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmailAndPhoneTest {
    private static final PiiContext US = PiiContext.of("US");

    private static String value(PiiProfile profile, PiiField field, Object raw, PiiContext context) {
        PiiResult result = Pii.prepare(profile, field, raw, context);
        assertTrue(result.isOk(), () -> "expected a value for " + raw + " but got " + result);
        return result.value().orElseThrow();
    }

    private static String problem(PiiProfile profile, PiiField field, Object raw, PiiContext context) {
        PiiResult result = Pii.prepare(profile, field, raw, context);
        assertTrue(result.isInvalid(), () -> "expected a problem for " + raw + " but got " + result);
        return result.problem().orElseThrow();
    }

    @Test
    void hashes_emails_the_way_googles_own_formatter_test_does() {
        // https://github.com/googleads/data-manager-java/blob/main/data-manager-util/src/test/java/com/google/ads/datamanager/util/UserDataFormatterTest.java
        // (testProcessEmailAddress_validInputs_hexEncoding; Google prints upper-case hex, we send lower-case)
        String expected = "509e933019bb285a134a9334b8bb679dff79d0ce023d529af4bd744d47b4fd8a";
        for (String variant : new String[] {"alexz@example.com", "  alexz@example.com", "  ALEXZ@example.com   ",
                "  alexz@EXAMPLE.com   "}) {
            assertEquals(expected, value(PiiProfile.GOOGLE, PiiField.EMAIL, variant, US));
            assertEquals(expected, value(PiiProfile.META, PiiField.EMAIL, variant, US));
        }
    }

    @Test
    void hashes_phones_the_way_googles_own_formatter_test_does() {
        // same UserDataFormatterTest, testProcessPhoneNumber_validInputs_hexEncoding
        String expected = "fb4f73a6ec5fdb7077d564cdd22c3554b43ce49168550c3b12c547b78c517b30";
        for (String variant : new String[] {"+18005550100", "   +1-800-555-0100", "1-800-555-0100   "}) {
            assertEquals(expected, value(PiiProfile.GOOGLE, PiiField.PHONE, variant, US));
        }
    }

    @Test
    void meta_hashes_the_phone_digits_without_the_plus() {
        // printf %s 16505551234 | sha256sum
        String expected = "6069d14bf122fdfd931dc7beb58e5dfbba395b1faf05bdcd42d12358d63d8599";
        assertEquals(expected, value(PiiProfile.META, PiiField.PHONE, "+1 (650) 555-1234", US));
        assertEquals(expected, value(PiiProfile.META, PiiField.PHONE, "650.555.1234", US));
        assertEquals(expected, value(PiiProfile.META, PiiField.PHONE, 16505551234L, PiiContext.of("DE")));
    }

    @Test
    void gmail_dots_are_removed_for_google_but_a_plus_tag_is_kept() {
        // printf %s jeffersonloveshiking@gmail.com | sha256sum
        assertEquals("515d2f967f73864e76937ab2b897210a86fd286016903b1b08c3da07c75f513e",
                value(PiiProfile.GOOGLE, PiiField.EMAIL, "j.e.f..ferson.Loves.hiking@gmail.com", US));
        // printf %s user.name+nyc@example.com | sha256sum
        assertEquals("f109a2a632fbcea5fc82049f50beed3d8621bf9034399f437fb622222acccdac",
                value(PiiProfile.GOOGLE, PiiField.EMAIL, "user.name+NYC@Example.com", US));
    }

    @Test
    void meta_keeps_gmail_dots() {
        assertEquals(Pii.sha256Hex("jefferson.loves.hiking@gmail.com"),
                value(PiiProfile.META, PiiField.EMAIL, "Jefferson.Loves.Hiking@gmail.com ", US));
    }

    @Test
    void rejects_emails_without_one_at_sign_or_a_dotted_domain_and_masks_them() {
        assertEquals("email 'jo…@' has no domain", problem(PiiProfile.META, PiiField.EMAIL, "john@", US));
        assertEquals("email 'jo…' has no '@'", problem(PiiProfile.GOOGLE, PiiField.EMAIL, "john", US));
        assertEquals("email 'jo…@ex…@ex…' has more than one '@'",
                problem(PiiProfile.GOOGLE, PiiField.EMAIL, "john@example@example.com", US));
        assertEquals("email 'jo…@lo…' has a domain without a dot inside it",
                problem(PiiProfile.META, PiiField.EMAIL, "john@localhost", US));
        assertEquals("email 'jo…@ex…' contains whitespace",
                problem(PiiProfile.GOOGLE, PiiField.EMAIL, "jo hn@example.com", US));
        assertEquals("email '@ex…' has nothing before the '@'",
                problem(PiiProfile.GOOGLE, PiiField.EMAIL, "@example.com", US));
    }

    @Test
    void reads_national_numbers_in_the_default_country_and_international_digits_without_plus() {
        assertEquals(Pii.sha256Hex("+493012345678"), value(PiiProfile.GOOGLE, PiiField.PHONE, "030 12345678",
                PiiContext.of("de")));
        assertEquals(Pii.sha256Hex("+493012345678"), value(PiiProfile.GOOGLE, PiiField.PHONE, "0049 30 12345678",
                PiiContext.of("DE")));
        // printf %s +441134960987 | sha256sum (Google's formatter test reads "441134960987" as +44...)
        assertEquals("0fac52d27ec377f8ad2f9de75d1f9bace693237e31868ae6f4616b8bbd0e94fb",
                value(PiiProfile.GOOGLE, PiiField.PHONE, "441134960987", US));
        assertEquals(Pii.sha256Hex("441134960987"), value(PiiProfile.META, PiiField.PHONE, "+44 (0)113 496 0987", US));
        assertEquals(Pii.sha256Hex("+441134960987"), value(PiiProfile.GOOGLE, PiiField.PHONE, "011 44 113 496 0987", US));
        // Meta: "remove ... any leading zeros" of a number written with 00 where that is not the international prefix
        assertEquals(Pii.sha256Hex("441134960987"), value(PiiProfile.META, PiiField.PHONE, "0044 113 496 0987", US));
    }

    @Test
    void rejects_phones_that_are_not_valid_numbers() {
        String problem = problem(PiiProfile.META, PiiField.PHONE, "555-12", US);
        assertTrue(problem.startsWith("phone '55… (5 digits)' is not a "), problem);
        assertFalse(problem.contains("55512"), problem);
        assertEquals("phone 'ca…' has no digits", problem(PiiProfile.GOOGLE, PiiField.PHONE, "call me", US));
    }

    @Test
    void blank_and_null_input_is_blank() {
        assertTrue(Pii.prepare(PiiProfile.META, PiiField.EMAIL, null, US).isBlank());
        assertTrue(Pii.prepare(PiiProfile.GOOGLE, PiiField.PHONE, "   ", US).isBlank());
    }

    @Test
    void never_hashes_a_hash_twice() {
        String upper = "509E933019BB285A134A9334B8BB679DFF79D0CE023D529AF4BD744D47B4FD8A";
        assertEquals(upper.toLowerCase(java.util.Locale.ROOT), value(PiiProfile.GOOGLE, PiiField.EMAIL, upper, US));
        assertEquals(upper.toLowerCase(java.util.Locale.ROOT), value(PiiProfile.META, PiiField.PHONE, " " + upper, US));
    }
}
