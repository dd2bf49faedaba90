package dev.ownstack.destinations.pii;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * First and last names.
 *
 * <p>Meta: "Use a-z lower-case characters only. No punctuation. Special characters in UTF-8 format"
 * (https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences): lower-cased, ASCII
 * punctuation and whitespace removed (Meta's own SDK drops everything but a-z, spaces included:
 * https://github.com/facebook/facebook-php-business-sdk/blob/main/src/FacebookAds/Object/CustomAudienceNormalizers/FirstNameNormalizer.php ),
 * letters outside ASCII (accents, other scripts) kept, as Meta's examples "Valéry" and "정" show
 * (https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/customer-information-parameters ),
 * in Unicode NFC form so that "José" typed either way hashes the same. FI is the first letter of that.
 *
 * <p>Google: trimmed and lower-cased; honorific prefixes (mr. mrs. ms. dr.) removed from given names and trailing
 * suffixes (jr. sr. 2nd 3rd ii iii iv v vi cpa dc dds vm jd md phd), repeatedly, from family names, as Google's own
 * formatter does (https://developers.google.com/data-manager/api/devguides/concepts/formatting ,
 * https://github.com/googleads/data-manager-java UserDataFormatter).
 */
final class NameNormaliser {
    private static final Pattern ASCII_PUNCTUATION_OR_SPACE = Pattern.compile("[\\x21-\\x2F\\x3A-\\x40\\x5B-\\x60\\x7B-\\x7E\\s]");
    private static final Pattern GIVEN_NAME_PREFIX = Pattern.compile("(?:mr|mrs|ms|dr)\\.(?:\\s|$)");
    private static final Pattern FAMILY_NAME_SUFFIX =
            Pattern.compile("(?:,\\s*|\\s+)(?:jr\\.|sr\\.|2nd|3rd|ii|iii|iv|v|vi|cpa|dc|dds|vm|jd|md|phd)\\s?$");

    private NameNormaliser() {
    }

    static PiiResult firstName(PiiProfile profile, String raw) {
        if (profile == PiiProfile.META) {
            return meta(PiiField.FIRST_NAME, raw);
        }
        String name = GIVEN_NAME_PREFIX.matcher(lower(raw)).replaceAll("").trim();
        return name.isEmpty()
                ? PiiResult.invalid("first name '" + Mask.text(raw.trim()) + "' is only a prefix such as Mr.")
                : PiiResult.ok(name);
    }

    static PiiResult lastName(PiiProfile profile, String raw) {
        if (profile == PiiProfile.META) {
            return meta(PiiField.LAST_NAME, raw);
        }
        String name = lower(raw);
        Matcher suffix;
        while ((suffix = FAMILY_NAME_SUFFIX.matcher(name)).find()) {
            name = suffix.replaceAll("");
        }
        name = name.trim();
        return name.isEmpty()
                ? PiiResult.invalid("last name '" + Mask.text(raw.trim()) + "' is only a suffix such as Jr.")
                : PiiResult.ok(name);
    }

    static PiiResult firstInitial(String raw) {
        return meta(PiiField.FIRST_INITIAL, raw).map(name -> name.substring(0, name.offsetByCodePoints(0, 1)));
    }

    private static PiiResult meta(PiiField field, String raw) {
        String name = ASCII_PUNCTUATION_OR_SPACE.matcher(lower(raw)).replaceAll("");
        return name.isEmpty()
                ? PiiResult.invalid(field.label() + " '" + Mask.text(raw.trim()) + "' has no letters")
                : PiiResult.ok(name);
    }

    private static String lower(String raw) {
        return Normalizer.normalize(raw.trim(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
