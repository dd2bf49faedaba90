package dev.ownstack.model.identity.keys;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Postcode match keys: upper-cased with all whitespace removed, so "sw1a 1aa" meets "SW1A1AA".
 * A US ZIP+4 ("90210-1234") is cut to its five-digit ZIP, the part most records carry; any other
 * shape is kept as normalised, since postcode formats differ too much between countries to check.
 */
public final class PostcodeKey {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern US_ZIP_PLUS_FOUR = Pattern.compile("(\\d{5})-\\d{4}");
    private static final Pattern HAS_LETTER_OR_DIGIT = Pattern.compile(".*[\\p{L}\\p{N}].*");

    private PostcodeKey() {
    }

    /** The normalised postcode, or empty when {@code raw} holds no letter or digit. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String postcode = WHITESPACE.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
        if (!HAS_LETTER_OR_DIGIT.matcher(postcode).matches()) {
            return Optional.empty();
        }
        var zipPlusFour = US_ZIP_PLUS_FOUR.matcher(postcode);
        return Optional.of(zipPlusFour.matches() ? zipPlusFour.group(1) : postcode);
    }
}
