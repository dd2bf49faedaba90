package dev.ownstack.destinations.pii;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * City, state, postal code and country.
 *
 * <p>Meta (https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences): CT lower-case
 * letters only, no punctuation, special characters or whitespace; ST for the US the two-letter ANSI code in
 * lower case (a state's name is turned into its code), elsewhere like a city; ZIP lower-case without whitespace or
 * dashes, for the US the first five digits ("UK zip code: m11ae" in Meta's examples at
 * https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/customer-information-parameters );
 * COUNTRY the ISO 3166-1 alpha-2 code in lower case. All are hashed.
 *
 * <p>Google (https://developers.google.com/data-manager/api/devguides/concepts/formatting): the country (region
 * code) is the ISO 3166-1 alpha-2 code in upper case and the postal code is only trimmed; neither is hashed.
 *
 * <p>Countries may be given as alpha-2 or alpha-3 codes or by English name ("United States" becomes "us" in Meta's
 * example); anything else is invalid.
 */
final class AddressNormaliser {
    private static final Pattern NOT_A_LETTER = Pattern.compile("[^\\p{L}]");
    private static final Pattern SPACES_AND_HYPHENS = Pattern.compile("[\\s-]");
    private static final Pattern US_ZIP = Pattern.compile("(\\d{5})(\\d{4})?");

    private AddressNormaliser() {
    }

    static PiiResult city(String raw) {
        String city = letters(raw);
        return city.isEmpty() ? PiiResult.invalid("city '" + Mask.text(raw.trim()) + "' has no letters") : PiiResult.ok(city);
    }

    static PiiResult state(String raw, PiiContext context) {
        String state = letters(raw);
        if (state.isEmpty()) {
            return PiiResult.invalid("state '" + Mask.text(raw.trim()) + "' has no letters");
        }
        if (!context.isUnitedStates()) {
            return PiiResult.ok(state);
        }
        return UsStates.code(state)
                .map(PiiResult::ok)
                .orElseGet(() -> PiiResult.invalid("state '" + raw.trim()
                        + "' is neither a US state's two-letter code nor its name"));
    }

    static PiiResult postalCode(PiiProfile profile, String raw, PiiContext context) {
        if (profile == PiiProfile.GOOGLE) {
            return PiiResult.ok(raw.trim());
        }
        String code = SPACES_AND_HYPHENS.matcher(raw.toLowerCase(Locale.ROOT)).replaceAll("");
        if (context.isUnitedStates()) {
            var zip = US_ZIP.matcher(code);
            return zip.matches() ? PiiResult.ok(zip.group(1))
                    : PiiResult.invalid("postal code '" + Mask.text(code) + "' (" + code.length()
                    + " characters) is not a US ZIP code of 5 or 9 digits");
        }
        return PiiResult.ok(code);
    }

    static PiiResult country(PiiProfile profile, String raw) {
        return Countries.alpha2(raw)
                .map(code -> PiiResult.ok(profile == PiiProfile.META ? code.toLowerCase(Locale.ROOT) : code))
                .orElseGet(() -> PiiResult.invalid("country '" + raw.trim()
                        + "' is not an ISO 3166-1 country code (such as US, GB, DE) or English country name"));
    }

    private static String letters(String raw) {
        return NOT_A_LETTER.matcher(Normalizer.normalize(raw, Normalizer.Form.NFC).toLowerCase(Locale.ROOT)).replaceAll("");
    }
}
