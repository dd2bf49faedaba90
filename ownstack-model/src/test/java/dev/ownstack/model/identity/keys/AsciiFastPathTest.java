package dev.ownstack.model.identity.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one-pass ASCII paths of the name and postcode keys give what their regular expressions give, on any ASCII text. */
class AsciiFastPathTest {
    private static final String COMMON = "aAzZ09 -.'\t\n,|_";

    @Test
    void names_in_ascii_normalise_as_the_general_path_does() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            String text = asciiText(random);
            assertEquals(NameKey.unicode(text), NameKey.ascii(text), () -> "name '" + escaped(text) + "'");
        }
    }

    @Test
    void postcodes_in_ascii_normalise_as_the_general_path_does() {
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 200_000; i++) {
            String text = i % 10 == 0 ? zipLike(random) : asciiText(random);
            assertEquals(PostcodeKey.unicode(text), PostcodeKey.ascii(text), () -> "postcode '" + escaped(text) + "'");
        }
    }

    /** Any of the 128 ASCII characters, mostly the common ones, up to 12 long. */
    private static String asciiText(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(13);
        for (int i = 0; i < length; i++) {
            text.append(random.nextBoolean() ? COMMON.charAt(random.nextInt(COMMON.length())) : (char) random.nextInt(128));
        }
        return text.toString();
    }

    /** Five digits, a separator, four digits, with a character sometimes changed. */
    private static String zipLike(SplittableRandom random) {
        char[] zip = "90210-1234".toCharArray();
        if (random.nextBoolean()) {
            zip[random.nextInt(zip.length)] = (char) random.nextInt(128);
        }
        return (random.nextBoolean() ? " " : "") + new String(zip);
    }

    private static String escaped(String text) {
        StringBuilder escaped = new StringBuilder();
        text.chars().forEach(c -> escaped.append(c < 32 || c == 127 ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return escaped.toString();
    }
}
