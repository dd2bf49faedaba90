package dev.ownstack.destinations.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Meta's rules, checked against the examples in Meta's own documentation:
 * https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/customer-information-parameters
 * ("Expected SHA256 output", the same normalisation as customer-file Custom Audiences,
 * https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences ).
 */
class MetaProfileTest {
    private static final PiiContext US = PiiContext.of("US");
    private static final PiiContext FR = PiiContext.of("FR");

    private static String value(PiiField field, Object raw, PiiContext context) {
        PiiResult result = Pii.prepare(PiiProfile.META, field, raw, context);
        assertTrue(result.isOk(), () -> "expected a value for " + raw + " but got " + result);
        return result.value().orElseThrow();
    }

    private static String problem(PiiField field, Object raw, PiiContext context) {
        PiiResult result = Pii.prepare(PiiProfile.META, field, raw, context);
        assertTrue(result.isInvalid(), () -> "expected a problem for " + raw + " but got " + result);
        return result.problem().orElseThrow();
    }

    @Test
    void email_matches_metas_documented_example() {
        // Input: John_Smith@gmail.com, normalized john_smith@gmail.com
        assertEquals("62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f",
                value(PiiField.EMAIL, " John_Smith@gmail.com ", US));
    }

    @Test
    void phone_matches_metas_documented_example() {
        // Input: US phone number (650)555-1212, normalized 16505551212
        String expected = "e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176";
        assertEquals(expected, value(PiiField.PHONE, "(650)555-1212", US));
        assertEquals(expected, value(PiiField.PHONE, "+1 650 555 1212", FR));
        assertEquals(expected, value(PiiField.PHONE, "001 650 555 1212", FR));
    }

    @Test
    void first_names_match_metas_documented_examples_keeping_accents_and_other_scripts() {
        assertEquals("6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec", value(PiiField.FIRST_NAME, "Mary", US));
        assertEquals("8fa8cd9c440be61d0151429310034083132b35975c4bea67fdd74158eb51db14", value(PiiField.FIRST_NAME, "정", US));
        assertEquals("08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c", value(PiiField.LAST_NAME, "Valéry", US));
        // the same é written as e + combining accent (NFD) hashes the same
        assertEquals("08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c",
                value(PiiField.LAST_NAME, "Vale\u0301ry", US));
    }

    @Test
    void names_lose_ascii_punctuation_and_spaces() {
        // printf %s maryann | sha256sum
        assertEquals("16b3f07f0ec2f9dd127b71dc2e6c791b7d93116a1c3bc99d057eaa7a8a077e73",
                value(PiiField.FIRST_NAME, " Mary-Ann ", US));
        assertEquals(Pii.sha256Hex("obrien"), value(PiiField.LAST_NAME, "O'Brien.", US));
        assertEquals("last name '…' has no letters", problem(PiiField.LAST_NAME, "--", US));
    }

    @Test
    void first_initial_is_the_first_letter_of_the_normalised_name() {
        // printf %s j | sha256sum
        assertEquals("189f40034be7a199f1fa9891668ee3ab6049f82d38c68be70f596eab2e1857b7",
                value(PiiField.FIRST_INITIAL, " 'John", US));
        assertEquals(Pii.sha256Hex("é"), value(PiiField.FIRST_INITIAL, "Élodie", US));
    }

    @Test
    void date_of_birth_matches_metas_documented_example_and_splits_into_year_month_day() {
        // Input: 2/16/1997, normalized 19970216
        LocalDate birth = LocalDate.of(1997, 2, 16);
        assertEquals("01acdbf6ec7b4f478a225f1a246e5d6767eeab1a7ffa17f025265b5b94f40f0c",
                value(PiiField.DATE_OF_BIRTH, birth, US));
        assertEquals("01acdbf6ec7b4f478a225f1a246e5d6767eeab1a7ffa17f025265b5b94f40f0c",
                value(PiiField.DATE_OF_BIRTH, "1997-02-16", US));
        assertEquals(Pii.sha256Hex("1997"), value(PiiField.BIRTH_YEAR, birth, US));
        assertEquals(Pii.sha256Hex("02"), value(PiiField.BIRTH_MONTH, birth, US));
        assertEquals(Pii.sha256Hex("16"), value(PiiField.BIRTH_DAY, "1997-02-16T08:30:00Z", US));
    }

    @Test
    void birth_parts_given_alone_are_zero_padded() {
        // printf %s 03 | sha256sum ; printf %s 07 | sha256sum ; printf %s 1985 | sha256sum
        assertEquals("0b8efa5a3bf104413a725c6ff0459a6be12b1fd33314cbb138745baf39504ae5", value(PiiField.BIRTH_MONTH, 3, US));
        assertEquals("19b100ab7725c612f3d80ff203ca53cea5cadaafae3bf0f88f0fb4089fe08815", value(PiiField.BIRTH_DAY, "7", US));
        assertEquals("78e370b587b145920213731b7c7c725e512b3b6577c51c800218a7c764c532ae", value(PiiField.BIRTH_YEAR, "1985", US));
    }

    @Test
    void rejects_birth_dates_out_of_range() {
        assertEquals("birth year 1899 is outside 1900-" + LocalDate.now().getYear(), problem(PiiField.BIRTH_YEAR, 1899, US));
        assertEquals("birth month 13 is outside 1-12", problem(PiiField.BIRTH_MONTH, "13", US));
        assertEquals("birth day 0 is outside 1-31", problem(PiiField.BIRTH_DAY, 0, US));
        assertEquals("date of birth from a date in 1850 is before 1900",
                problem(PiiField.DATE_OF_BIRTH, LocalDate.of(1850, 1, 1), US));
        LocalDate nextYear = LocalDate.now().plusYears(1);
        assertEquals("birth year from a date in " + nextYear.getYear() + " is in the future",
                problem(PiiField.BIRTH_YEAR, nextYear, US));
        assertEquals("date of birth '19…' is not a real date (yyyy-MM-dd)",
                problem(PiiField.DATE_OF_BIRTH, "1997-02-30", US));
        assertEquals("date of birth '16…' is not a date (yyyy-MM-dd)", problem(PiiField.DATE_OF_BIRTH, "16/02/1997", US));
        assertEquals("birth month 'fe…' is not a number or a date (yyyy-MM-dd)", problem(PiiField.BIRTH_MONTH, "feb", US));
    }

    @Test
    void gender_is_m_or_f() {
        String male = "62c66a7a5dd70c3146618063c344e531e6d4b59e379808443ce962b3abd63c5a"; // printf %s m | sha256sum
        String female = "252f10c83610ebca1a059c0bae8255eba2f95be4d1d7bcfa89d7248a82d9f111"; // printf %s f | sha256sum
        assertEquals(male, value(PiiField.GENDER, "M", US));
        assertEquals(male, value(PiiField.GENDER, " Male", US));
        assertEquals(female, value(PiiField.GENDER, "female", US));
        assertEquals(female, value(PiiField.GENDER, "f", US));
        assertEquals("gender 'ot…' is not m, f, male or female", problem(PiiField.GENDER, "other", US));
    }

    @Test
    void city_and_state_are_letters_only_as_in_metas_examples() {
        assertEquals(Pii.sha256Hex("newyork"), value(PiiField.CITY, "New York", US));
        assertEquals(Pii.sha256Hex("paris"), value(PiiField.CITY, " Paris ", FR));
        assertEquals(Pii.sha256Hex("sãopaulo"), value(PiiField.CITY, "São Paulo", PiiContext.of("BR")));
        // printf %s ca | sha256sum
        assertEquals("6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126", value(PiiField.STATE, "CA", US));
        assertEquals(Pii.sha256Hex("az"), value(PiiField.STATE, "Arizona", US));
        assertEquals(Pii.sha256Hex("ny"), value(PiiField.STATE, "New York", US));
        assertEquals(Pii.sha256Hex("iledefrance"), value(PiiField.STATE, "Ile-de-France", FR));
        assertEquals("state 'Atlantis' is neither a US state's two-letter code nor its name",
                problem(PiiField.STATE, "Atlantis", US));
    }

    @Test
    void zip_codes_follow_metas_examples() {
        // printf %s 94025 | sha256sum
        assertEquals("b9a9cf3cd3723a2e91b7c23ecf68456e872b6e5d86e5cab7f3d45a7302da32c7", value(PiiField.POSTAL_CODE, "94025-1234", US));
        assertEquals(Pii.sha256Hex("94035"), value(PiiField.POSTAL_CODE, 94035, US));
        assertEquals(Pii.sha256Hex("75018"), value(PiiField.POSTAL_CODE, "75018", FR));
        assertEquals(Pii.sha256Hex("1987"), value(PiiField.POSTAL_CODE, "1987", PiiContext.of("AU")));
        assertEquals(Pii.sha256Hex("m11ae"), value(PiiField.POSTAL_CODE, "M1 1AE", PiiContext.of("GB")));
        assertEquals("postal code 'ab…' (5 characters) is not a US ZIP code of 5 or 9 digits",
                problem(PiiField.POSTAL_CODE, "AB123", US));
    }

    @Test
    void country_matches_metas_documented_example() {
        // Input: United States, normalized us
        String expected = "79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621";
        assertEquals(expected, value(PiiField.COUNTRY, "United States", FR));
        assertEquals(expected, value(PiiField.COUNTRY, "US", FR));
        assertEquals(expected, value(PiiField.COUNTRY, "usa", FR));
        assertEquals("country 'Narnia' is not an ISO 3166-1 country code (such as US, GB, DE) or English country name",
                problem(PiiField.COUNTRY, "Narnia", US));
    }

    @Test
    void mobile_advertiser_id_is_lower_case_with_hyphens_and_not_hashed() {
        // the madid example of the same page
        assertEquals("aece52e7-03ee-455a-b3c4-e57283966239",
                value(PiiField.MOBILE_ADVERTISER_ID, "AECE52E7-03EE-455A-B3C4-E57283966239", US));
        assertEquals("mobile advertiser id 'AE…' (8 characters) is not an IDFA or Android advertising id (8-4-4-4-12 hex digits)",
                problem(PiiField.MOBILE_ADVERTISER_ID, "AECE52E7", US));
    }

    @Test
    void external_id_is_sent_as_given_less_surrounding_spaces() {
        assertEquals("CRM-00042", value(PiiField.EXTERNAL_ID, " CRM-00042 ", US));
        assertEquals("42", value(PiiField.EXTERNAL_ID, 42L, US));
    }
}
