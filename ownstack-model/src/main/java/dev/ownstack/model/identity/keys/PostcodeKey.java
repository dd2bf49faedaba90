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

    static final boolean[] ASCII_WHITESPACE = AsciiClasses.of(WHITESPACE);
    static final boolean[] ASCII_LETTER_OR_DIGIT = AsciiClasses.of(Pattern.compile("[\\p{L}\\p{N}]"));

    /** The normalised postcode, or empty when {@code raw} holds no letter or digit. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        return AsciiClasses.isAscii(raw) ? ascii(raw) : unicode(raw);
    }

    /**
     * The same steps in one pass for ASCII text, where the only line terminators are whitespace
     * (so the pattern's {@code .} matches every character left): drop whitespace, upper-case a-z,
     * look for a letter or digit, cut a ZIP+4 to its ZIP.
     */
    static Optional<String> ascii(String raw) {
        StringBuilder postcode = new StringBuilder(raw.length());
        boolean letterOrDigit = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (ASCII_WHITESPACE[c]) {
                continue;
            }
            letterOrDigit |= ASCII_LETTER_OR_DIGIT[c];
            postcode.append(c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c);
        }
        if (!letterOrDigit) {
            return Optional.empty();
        }
        return Optional.of(isZipPlusFour(postcode) ? postcode.substring(0, 5) : postcode.toString());
    }

    /** {@code \\d{5}-\\d{4}}. */
    private static boolean isZipPlusFour(CharSequence postcode) {
        if (postcode.length() != 10 || postcode.charAt(5) != '-') {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            char c = postcode.charAt(i);
            if (i != 5 && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    static Optional<String> unicode(String raw) {
        String postcode = WHITESPACE.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
        if (!HAS_LETTER_OR_DIGIT.matcher(postcode).matches()) {
            return Optional.empty();
        }
        var zipPlusFour = US_ZIP_PLUS_FOUR.matcher(postcode);
        return Optional.of(zipPlusFour.matches() ? zipPlusFour.group(1) : postcode);
    }
}
