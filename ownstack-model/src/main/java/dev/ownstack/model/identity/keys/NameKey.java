package dev.ownstack.model.identity.keys;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Name match keys: compatibility-decomposed (NFKD) with combining marks removed, so "José" meets
 * "Jose"; lower-cased; punctuation dropped ("O'Brien" meets "OBrien"); whitespace collapsed.
 * Letters that do not decompose (ß, ø, ł) are kept as they are.
 */
public final class NameKey {
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern PUNCTUATION = Pattern.compile("\\p{P}+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private NameKey() {
    }

    /** For each ASCII character: whether {@link #PUNCTUATION} matches it, and whether {@link #WHITESPACE} does. */
    static final boolean[] ASCII_PUNCTUATION = AsciiClasses.of(PUNCTUATION);
    static final boolean[] ASCII_WHITESPACE = AsciiClasses.of(WHITESPACE);

    /** The normalised name, or empty when nothing but spaces, marks and punctuation remains. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String name = AsciiClasses.isAscii(raw) ? ascii(raw) : unicode(raw);
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    /**
     * The same steps in one pass for ASCII text, which NFKD leaves as it is and which has no
     * combining marks: lower-case A-Z, drop punctuation, collapse each run of whitespace (with the
     * punctuation inside it gone) to one space, strip.
     */
    static String ascii(String raw) {
        StringBuilder name = new StringBuilder(raw.length());
        boolean inWhitespace = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (ASCII_PUNCTUATION[c]) {
                continue;
            }
            if (ASCII_WHITESPACE[c]) {
                if (!inWhitespace) {
                    name.append(' ');
                    inWhitespace = true;
                }
                continue;
            }
            inWhitespace = false;
            name.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return name.toString().strip();
    }

    static String unicode(String raw) {
        String name = Normalizer.normalize(raw, Normalizer.Form.NFKD);
        name = COMBINING_MARKS.matcher(name).replaceAll("");
        name = name.toLowerCase(Locale.ROOT);
        name = PUNCTUATION.matcher(name).replaceAll("");
        return WHITESPACE.matcher(name).replaceAll(" ").strip();
    }
}
