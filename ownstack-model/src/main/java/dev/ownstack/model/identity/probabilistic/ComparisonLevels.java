package dev.ownstack.model.identity.probabilistic;

import dev.ownstack.core.config.identity.ProbabilisticConfig.Comparison;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The comparison level of two values of one field: 0 when equal, then one level per configured
 * similarity or distance, then "else"; {@link #NULL} when either value is missing. Values are
 * normalised first ({@link #normalise(String)}). Stateless and thread-safe.
 */
public final class ComparisonLevels {
    /** The level of a pair where either value is missing: neutral, it counts neither way. */
    public static final int NULL = 7;
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Comparison comparison;
    private final double[] similarities;
    private final int[] distances;

    public ComparisonLevels(Comparison comparison) {
        this.comparison = Objects.requireNonNull(comparison, "comparison");
        List<Double> levels = comparison.levels();
        similarities = levels.stream().mapToDouble(Double::doubleValue).toArray();
        distances = levels.stream().mapToInt(Double::intValue).toArray();
    }

    public Comparison comparison() {
        return comparison;
    }

    /** Levels a pair with both values present can take: equal, one per configured level, else. */
    public int levelCount() {
        return comparison.levelCount();
    }

    /**
     * Lower-cased (root locale), accents removed (NFKD without combining marks), whitespace
     * collapsed and trimmed; null when nothing remains.
     */
    public static String normalise(String value) {
        if (value == null) {
            return null;
        }
        if (isNormalAscii(value)) {
            return value.isEmpty() ? null : value;
        }
        String text = COMBINING_MARKS.matcher(Normalizer.normalize(value, Normalizer.Form.NFKD)).replaceAll("");
        text = WHITESPACE.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        return text.isEmpty() ? null : text;
    }

    /** Printable ASCII without upper case, outer spaces or double spaces: already normal (the usual case). */
    private static boolean isNormalAscii(String text) {
        int length = text.length();
        if (length > 0 && (text.charAt(0) == ' ' || text.charAt(length - 1) == ' ')) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 32 || c > 126 || c >= 'A' && c <= 'Z' || c == ' ' && text.charAt(i - 1) == ' ') {
                return false;
            }
        }
        return true;
    }

    /** The level of two normalised values (either may be null). */
    public int level(String a, String b) {
        if (a == null || b == null) {
            return NULL;
        }
        if (a.equals(b)) {
            return 0;
        }
        switch (comparison.method()) {
            case JARO_WINKLER -> {
                double similarity = JaroWinkler.similarity(a, b);
                for (int i = 0; i < similarities.length; i++) {
                    if (similarity >= similarities[i]) {
                        return i + 1;
                    }
                }
            }
            case LEVENSHTEIN -> {
                if (distances.length > 0) {
                    int distance = Levenshtein.distance(a, b, distances[distances.length - 1]);
                    for (int i = 0; i < distances.length; i++) {
                        if (distance <= distances[i]) {
                            return i + 1;
                        }
                    }
                }
            }
            case EXACT -> {
                // equal was handled above
            }
        }
        return levelCount() - 1;
    }

    /** A label per level for explain and documentation: {@code equal}, {@code jaro-winkler >= 0.92}, {@code else}. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        labels.add("equal");
        for (Double level : comparison.levels()) {
            labels.add(switch (comparison.method()) {
                case JARO_WINKLER -> "jaro-winkler >= " + level;
                case LEVENSHTEIN -> "levenshtein <= " + level.intValue();
                case EXACT -> throw new IllegalStateException("exact has no levels");
            });
        }
        labels.add("else");
        return labels;
    }
}
