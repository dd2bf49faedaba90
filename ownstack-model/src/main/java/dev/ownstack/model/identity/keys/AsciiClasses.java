package dev.ownstack.model.identity.keys;

import java.util.regex.Pattern;

/** Lookup tables that let a normaliser handle ASCII text without regular expressions, built from the very patterns they replace. */
final class AsciiClasses {
    private AsciiClasses() {
    }

    /** For each ASCII character, whether the one-character pattern matches it. */
    static boolean[] of(Pattern pattern) {
        boolean[] matches = new boolean[128];
        for (char c = 0; c < 128; c++) {
            matches[c] = pattern.matcher(String.valueOf(c)).matches();
        }
        return matches;
    }

    /** The ASCII characters a table holds, in order. */
    static String characters(boolean[] table) {
        StringBuilder characters = new StringBuilder();
        for (char c = 0; c < table.length; c++) {
            if (table[c]) {
                characters.append(c);
            }
        }
        return characters.toString();
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }
}
