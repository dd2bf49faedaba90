package dev.ownstack.model.identity.keys;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.Locale;
import java.util.Optional;

/**
 * Phone match keys in E.164, parsed by libphonenumber: numbers without a country code are read
 * in the default region, invalid numbers (wrong length or prefix for their region) give no key.
 * Numbers of the common shapes (digits with separators, perhaps a leading +) take a fast path
 * that gives libphonenumber's answer from its metadata ({@link FastPhoneParser}); the rest go
 * through libphonenumber's parse. Immutable and safe to share between threads.
 */
public final class PhoneKey {
    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();

    private final String defaultRegion;
    private final FastPhoneParser fast;

    /** {@code defaultRegion} is an ISO 3166-1 alpha-2 code libphonenumber knows, such as GB. */
    public PhoneKey(String defaultRegion) {
        if (defaultRegion == null) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "phone default region: must not be empty");
        }
        String region = defaultRegion.strip().toUpperCase(Locale.ROOT);
        if (!PHONE_NUMBERS.getSupportedRegions().contains(region)) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "phone default region: unknown region '"
                    + defaultRegion + "'; use an ISO 3166-1 alpha-2 code such as GB, US or DE");
        }
        this.defaultRegion = region;
        this.fast = new FastPhoneParser(region);
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /** The number in E.164 ({@code +442079460018}), or empty when {@code raw} is not a valid number. */
    public Optional<String> normalise(String raw) {
        return parse(raw).map(Parsed::e164);
    }

    /** Like {@link #normalise}, with the number's national significant number from the same parse. */
    public Optional<Parsed> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        Optional<FastPhoneParser.Decision> decided = fast.decide(raw);
        return decided.isPresent() ? decided.get().key() : parseWithLibphonenumber(raw);
    }

    /** {@link #parse} by libphonenumber's parse and validity check alone, without the fast path. */
    public Optional<Parsed> parseWithLibphonenumber(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        PhoneNumber number;
        try {
            number = PHONE_NUMBERS.parse(raw, defaultRegion);
        } catch (NumberParseException notANumber) {
            // An unparseable raw value is ordinary dirty data: it gives no key, as an invalid number does.
            return Optional.empty();
        }
        return PHONE_NUMBERS.isValidNumber(number)
                ? Optional.of(new Parsed(PHONE_NUMBERS.format(number, PhoneNumberFormat.E164), PHONE_NUMBERS.getNationalSignificantNumber(number)))
                : Optional.empty();
    }

    /**
     * A valid number: its E.164 form and its national significant number (the E.164 form without
     * {@code +} and the country code: {@code 2079460018}).
     */
    public record Parsed(String e164, String nationalNumber) {
    }
}
