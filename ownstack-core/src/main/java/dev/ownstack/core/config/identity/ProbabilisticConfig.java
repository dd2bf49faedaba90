package dev.ownstack.core.config.identity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code identity.probabilistic:} section of {@code ownstack.yml}: Fellegi-Sunter matching of
 * record pairs that share a blocking rule, with m and u probabilities estimated from the data.
 * Pairs whose match probability reaches the threshold become links.
 *
 * @param threshold    match probability at or above which a pair becomes a link, between 0 and 1 exclusive
 * @param blocking     candidate pairs are the records equal on every term of at least one rule
 * @param comparisons  one per compared field, in the order written
 * @param maxPairs     the most candidate pairs a run may score; more fail before scoring
 * @param uSamplePairs how many random record pairs estimate the u probabilities
 */
public record ProbabilisticConfig(double threshold, List<BlockingRule> blocking, List<Comparison> comparisons, long maxPairs,
                                  int uSamplePairs) {
    public static final double DEFAULT_THRESHOLD = 0.9;
    public static final long DEFAULT_MAX_PAIRS = 20_000_000;
    public static final int DEFAULT_U_SAMPLE_PAIRS = 1_000_000;
    /** Bounded so that a pair's levels and rules pack into one long (3 bits a comparison, 1 bit a rule). */
    public static final int MAX_COMPARISONS = 12;
    public static final int MAX_RULES = 16;
    public static final int MAX_LEVELS = 5;
    public static final int MAX_PREFIX = 50;

    public ProbabilisticConfig {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be greater than 0 and less than 1, got " + threshold);
        }
        blocking = List.copyOf(blocking);
        comparisons = List.copyOf(comparisons);
        if (blocking.isEmpty() || blocking.size() > MAX_RULES) {
            throw new IllegalArgumentException("between 1 and " + MAX_RULES + " blocking rules are needed, got " + blocking.size());
        }
        if (comparisons.isEmpty() || comparisons.size() > MAX_COMPARISONS) {
            throw new IllegalArgumentException("between 1 and " + MAX_COMPARISONS + " comparisons are needed, got " + comparisons.size());
        }
        if (comparisons.stream().map(Comparison::field).distinct().count() != comparisons.size()) {
            throw new IllegalArgumentException("each field is compared once, got " + comparisons);
        }
        if (maxPairs < 1) {
            throw new IllegalArgumentException("max-pairs must be at least 1, got " + maxPairs);
        }
        if (uSamplePairs < 1) {
            throw new IllegalArgumentException("u-sample-pairs must be at least 1, got " + uSamplePairs);
        }
    }

    /** Every field a rule or a comparison reads, in order of first mention (comparisons first). */
    public Set<String> fields() {
        Set<String> fields = new LinkedHashSet<>();
        comparisons.forEach(comparison -> fields.add(comparison.field()));
        blocking.forEach(rule -> rule.terms().forEach(term -> fields.add(term.field())));
        return fields;
    }

    /** Records are candidates under a rule when they are equal, and not null, on every term. */
    public record BlockingRule(List<BlockingTerm> terms) {
        public BlockingRule {
            terms = List.copyOf(terms);
            if (terms.isEmpty()) {
                throw new IllegalArgumentException("a blocking rule needs at least one term");
            }
            if (new LinkedHashSet<>(terms).size() != terms.size()) {
                throw new IllegalArgumentException("a blocking rule names each term once, got " + terms);
            }
        }

        /** The fields the rule's terms read. */
        public Set<String> fields() {
            return terms.stream().map(BlockingTerm::field).collect(Collectors.toCollection(LinkedHashSet::new));
        }

        /** As written in {@code ownstack.yml}: {@code [surname-soundex, first_name]}. */
        @Override
        public String toString() {
            return terms.stream().map(BlockingTerm::toString).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /**
     * A field, or a value derived from it, that candidates must share.
     *
     * @param length the number of leading characters for {@link Transform#FIRST}; 0 otherwise
     */
    public record BlockingTerm(String field, Transform transform, int length) {
        public BlockingTerm {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(transform, "transform");
            if (transform == Transform.FIRST ? length < 1 || length > MAX_PREFIX : length != 0) {
                throw new IllegalArgumentException("blocking term " + field + " " + transform + ": bad length " + length);
            }
        }

        public static BlockingTerm of(String field) {
            return new BlockingTerm(field, Transform.NONE, 0);
        }

        /** As written in {@code ownstack.yml}: {@code surname}, {@code surname-soundex}, {@code dob-first-4}. */
        @Override
        public String toString() {
            return switch (transform) {
                case NONE -> field;
                case SOUNDEX -> field + "-soundex";
                case FIRST -> field + "-first-" + length;
            };
        }
    }

    /** What a blocking term does to its field's normalised value. */
    public enum Transform {
        /** The value itself. */
        NONE,
        /** The American Soundex code of the value's letters ({@code robert} and {@code rupert} are both {@code r163}). */
        SOUNDEX,
        /** The value's first {@code length} characters. */
        FIRST
    }

    /**
     * How one field is compared. The levels, from most to least alike, are: equal, then one per
     * entry of {@code levels}, then everything else; a pair where either value is missing gets a
     * separate, neutral level that counts neither for nor against a match.
     *
     * @param levels for {@link Method#JARO_WINKLER} similarities, each between 0 and 1, decreasing;
     *               for {@link Method#LEVENSHTEIN} edit distances, whole numbers from 1, increasing;
     *               empty for {@link Method#EXACT}
     */
    public record Comparison(String field, Method method, List<Double> levels) {
        public Comparison {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(method, "method");
            levels = List.copyOf(levels);
            if (levels.size() > MAX_LEVELS || method == Method.EXACT && !levels.isEmpty()) {
                throw new IllegalArgumentException("comparison of " + field + " (" + method.configName() + "): bad levels " + levels);
            }
            for (int i = 0; i < levels.size(); i++) {
                double level = levels.get(i);
                boolean ordered = i == 0 || (method == Method.JARO_WINKLER ? level < levels.get(i - 1) : level > levels.get(i - 1));
                boolean inRange = method == Method.JARO_WINKLER ? level > 0 && level < 1 : level >= 1 && level == Math.rint(level);
                if (!ordered || !inRange) {
                    throw new IllegalArgumentException("comparison of " + field + " (" + method.configName() + "): bad levels " + levels);
                }
            }
        }

        /** The number of levels a pair with both values present can take: equal, one per entry, else. */
        public int levelCount() {
            return levels.size() + 2;
        }
    }

    /** How two values of a field are compared. */
    public enum Method {
        /** Equal or not. */
        EXACT,
        /** Jaro-Winkler similarity (prefix scale 0.1, up to 4 characters) at or above each level. */
        JARO_WINKLER,
        /** Levenshtein edit distance at or below each level. */
        LEVENSHTEIN;

        /** The name used in {@code ownstack.yml}: {@code jaro-winkler}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
