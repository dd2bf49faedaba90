package dev.ownstack.model.identity.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneKeyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // United Kingdom: London landline and a mobile, national and international forms
            "GB|020 7946 0018|+442079460018",
            "GB|(020) 7946-0018|+442079460018",
            "GB|07400 123456|+447400123456",
            "GB|+44 7400 123456|+447400123456",
            "GB|0044 20 7946 0018|+442079460018",
            // United States
            "US|(650) 253-0000|+16502530000",
            "US|650.253.0000|+16502530000",
            "US|+1 650-253-0000|+16502530000",
            "US|1-650-253-0000|+16502530000",
            // Germany: Berlin landline and a mobile
            "DE|030 901820|+4930901820",
            "DE|+49 30 901820|+4930901820",
            "DE|0151 23456789|+4915123456789",
            "DE|0049 151 23456789|+4915123456789",
            // A number with its country code is read as such whatever the default region
            "US|+44 20 7946 0018|+442079460018",
            "DE|+1 (650) 253-0000|+16502530000"})
    void formats_local_and_international_numbers_as_e164(String region, String raw, String expected) {
        assertEquals(Optional.of(expected), new PhoneKey(region).normalise(raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GB|12345", "GB|020 7946", "US|555-0100", "US|0000000000", "US|(123) 456-7890",
            "DE|+49 1", "GB|not a phone", "GB|''", "GB|'   '", "US|+999 123456789"})
    void gives_no_key_for_invalid_numbers(String region, String raw) {
        assertEquals(Optional.empty(), new PhoneKey(region).normalise(raw));
    }

    @Test
    void gives_no_key_for_a_missing_value() {
        assertEquals(Optional.empty(), new PhoneKey("GB").normalise(null));
    }

    @Test
    void accepts_a_lower_case_region() {
        assertEquals("GB", new PhoneKey(" gb ").defaultRegion());
    }

    @Test
    void rejects_an_unknown_default_region_naming_it() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> new PhoneKey("XX"));
        assertEquals(ErrorCode.CONFIG_INVALID, error.code());
        assertTrue(error.getMessage().contains("'XX'"), error.getMessage());
    }
}
