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

    /** The normalised name, or empty when nothing but spaces, marks and punctuation remains. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFKD);
        name = COMBINING_MARKS.matcher(name).replaceAll("");
        name = name.toLowerCase(Locale.ROOT);
        name = PUNCTUATION.matcher(name).replaceAll("");
        name = WHITESPACE.matcher(name).replaceAll(" ").strip();
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }
}
