package dev.ownstack.model.identity.probabilistic;

/** Levenshtein edit distance (insertions, deletions, substitutions, each costing 1) on UTF-16 units. */
public final class Levenshtein {
    private Levenshtein() {
    }

    /**
     * The distance when it is at most {@code bound}, otherwise {@code bound + 1}: only a band of
     * width {@code 2 * bound + 1} around the diagonal is computed.
     */
    public static int distance(String a, String b, int bound) {
        if (bound < 0) {
            throw new IllegalArgumentException("bound must be at least 0, got " + bound);
        }
        int lengthA = a.length();
        int lengthB = b.length();
        if (Math.abs(lengthA - lengthB) > bound) {
            return bound + 1;
        }
        int outside = bound + 1;
        int[] previous = new int[lengthB + 1];
        int[] current = new int[lengthB + 1];
        for (int j = 0; j <= lengthB; j++) {
            previous[j] = Math.min(j, outside);
        }
        for (int i = 1; i <= lengthA; i++) {
            int from = Math.max(1, i - bound);
            int to = Math.min(lengthB, i + bound);
            current[0] = Math.min(i, outside);
            if (from > 1) {
                current[from - 1] = outside;
            }
            int rowMinimum = current[0];
            for (int j = from; j <= to; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                current[j] = Math.min(value, outside);
                rowMinimum = Math.min(rowMinimum, current[j]);
            }
            if (to < lengthB) {
                current[to + 1] = outside;
            }
            if (rowMinimum > bound) {
                return outside;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[lengthB];
    }
}
