package dev.ownstack.model.identity.probabilistic;

/**
 * Jaro-Winkler similarity as Winkler defined it (1990): the Jaro similarity, raised by up to four
 * characters of common prefix with scale 0.1 when the Jaro similarity exceeds 0.7. 1 for equal
 * strings, 0 when no character matches. Works on UTF-16 units, so callers normalise first.
 */
public final class JaroWinkler {
    private static final double PREFIX_SCALE = 0.1;
    private static final int MAX_PREFIX = 4;
    private static final double BOOST_THRESHOLD = 0.7;

    private JaroWinkler() {
    }

    public static double similarity(String a, String b) {
        double jaro = jaro(a, b);
        if (jaro <= BOOST_THRESHOLD) {
            return jaro;
        }
        int limit = Math.min(MAX_PREFIX, Math.min(a.length(), b.length()));
        int prefix = 0;
        while (prefix < limit && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        return jaro + prefix * PREFIX_SCALE * (1 - jaro);
    }

    /** The Jaro similarity: matching characters within half the longer length, and their transpositions. */
    public static double jaro(String a, String b) {
        if (a.equals(b)) {
            return 1;
        }
        int lengthA = a.length();
        int lengthB = b.length();
        if (lengthA == 0 || lengthB == 0) {
            return 0;
        }
        int window = Math.max(0, Math.max(lengthA, lengthB) / 2 - 1);
        boolean[] matchedA = new boolean[lengthA];
        boolean[] matchedB = new boolean[lengthB];
        int matches = 0;
        for (int i = 0; i < lengthA; i++) {
            int from = Math.max(0, i - window);
            int to = Math.min(lengthB - 1, i + window);
            for (int j = from; j <= to; j++) {
                if (!matchedB[j] && a.charAt(i) == b.charAt(j)) {
                    matchedA[i] = true;
                    matchedB[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0;
        }
        int halfTranspositions = 0;
        int j = 0;
        for (int i = 0; i < lengthA; i++) {
            if (matchedA[i]) {
                while (!matchedB[j]) {
                    j++;
                }
                if (a.charAt(i) != b.charAt(j)) {
                    halfTranspositions++;
                }
                j++;
            }
        }
        double m = matches;
        return (m / lengthA + m / lengthB + (m - halfTranspositions / 2) / m) / 3;
    }
}
