package dev.ownstack.model.identity.keys;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * First-name match keys: a name normalised as {@link NameKey} does, then each word that is a
 * common nickname or spelling variant of a given name replaced by that name's canonical form, so
 * "Bob", "Rob" and "Robert" meet, and "Katie" meets "Catherine". The table is
 * {@code given-names.txt} next to this class: common English diminutives and variants as
 * name-matching practice lists them. A form listed under two names is ambiguous and stays as written.
 */
public final class GivenNames {
    private static final String RESOURCE = "given-names.txt";
    private static final Map<String, String> CANONICAL = load();

    private GivenNames() {
    }

    /** The normalised first name with each word in its canonical form, or empty when {@code raw} has no letters. */
    public static Optional<String> normalise(String raw) {
        return NameKey.normalise(raw).map(GivenNames::canonicalWords);
    }

    private static String canonicalWords(String name) {
        if (name.indexOf(' ') < 0) {
            return CANONICAL.getOrDefault(name, name);
        }
        StringBuilder words = new StringBuilder(name.length());
        for (String word : name.split(" ")) {
            words.append(words.length() == 0 ? "" : " ").append(CANONICAL.getOrDefault(word, word));
        }
        return words.toString();
    }

    private static Map<String, String> load() {
        InputStream in = GivenNames.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the classpath next to " + GivenNames.class.getName());
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Lines of {@code canonical: form, form}; blank lines and lines starting with # are skipped. */
    static Map<String, String> parse(List<String> lines) {
        Map<String, String> canonical = new HashMap<>();
        Set<String> names = new HashSet<>();
        Set<String> ambiguous = new HashSet<>();
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(RESOURCE + ": expected 'name: form, form', got '" + line + "'");
            }
            String name = text.substring(0, colon).strip();
            names.add(name);
            for (String form : text.substring(colon + 1).split(",")) {
                String variant = form.strip();
                if (variant.isEmpty() || variant.equals(name)) {
                    continue;
                }
                String earlier = canonical.putIfAbsent(variant, name);
                if (earlier != null && !earlier.equals(name)) {
                    ambiguous.add(variant);
                }
            }
        }
        ambiguous.forEach(canonical::remove);
        // a canonical name is never rewritten, even when it is also listed as another name's form
        names.forEach(canonical::remove);
        return Map.copyOf(canonical);
    }
}
