package dev.ownstack.destinations.pii;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * Phone numbers: parsed with libphonenumber and written in E.164. Google hashes the E.164 form with its '+'
 * ("+12125650000",
 * https://developers.google.com/google-ads/api/docs/remarketing/audience-segments/customer-match/get-started#prepare_data );
 * Meta hashes the same digits without the '+' ("Remove symbols, letters, and any leading zeros ... include the
 * country code", https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences ).
 *
 * <p>A number is read first as written in the context's default country (so "(650) 555-1234" with US and
 * "030 1234567" with DE both work, as do "+44 ..." and the default country's international prefix such as "00 44 ...");
 * when that is not a valid number and it has no '+', its digits less leading zeros are read as starting with a
 * country code, the way customer files usually hold them ("441134960987"). Numbers libphonenumber does not consider
 * valid are rejected rather than sent to match nobody.
 */
final class PhoneNormaliser {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private PhoneNormaliser() {
    }

    static PiiResult normalise(PiiProfile profile, String raw, PiiContext context) {
        String text = raw.trim();
        String digits = text.replaceAll("\\D", "");
        if (digits.isEmpty()) {
            return PiiResult.invalid("phone '" + Mask.text(text) + "' has no digits");
        }
        Optional<PhoneNumber> asWritten = parse(text, context.defaultCountry());
        Optional<PhoneNumber> number = asWritten.filter(PHONES::isValidNumber);
        if (number.isEmpty() && !text.startsWith("+")) {
            number = parse("+" + digits.replaceFirst("^0+", ""), "ZZ").filter(PHONES::isValidNumber);
        }
        if (number.isEmpty()) {
            String why = asWritten.filter(PHONES::isPossibleNumber).isPresent()
                    ? "is not a valid phone number" : "is not a possible phone number";
            return PiiResult.invalid("phone '" + Mask.phone(text) + "' " + why
                    + " (read with default country " + context.defaultCountry() + ")");
        }
        String e164 = PHONES.format(number.get(), PhoneNumberUtil.PhoneNumberFormat.E164);
        return PiiResult.ok(profile == PiiProfile.META ? e164.substring(1) : e164);
    }

    private static Optional<PhoneNumber> parse(String text, String region) {
        try {
            return Optional.of(PHONES.parse(text, region));
        } catch (NumberParseException unreadable) {
            return Optional.empty();
        }
    }
}
