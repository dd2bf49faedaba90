package dev.ownstack.core.config.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.core.config.ConfigNode;
import dev.ownstack.core.config.ConfigProblems;
import dev.ownstack.core.config.identity.ProbabilisticConfig.BlockingRule;
import dev.ownstack.core.config.identity.ProbabilisticConfig.BlockingTerm;
import dev.ownstack.core.config.identity.ProbabilisticConfig.Comparison;
import dev.ownstack.core.config.identity.ProbabilisticConfig.Method;
import dev.ownstack.core.config.identity.ProbabilisticConfig.Transform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code identity.probabilistic} into a {@link ProbabilisticConfig}, reporting every problem
 * with its path to the identity node's {@link ConfigProblems}:
 *
 * <pre>
 * probabilistic:
 *   threshold: 0.9
 *   blocking: [[dob], [surname-soundex, first_name], [email]]
 *   comparisons:
 *     first_name: {method: jaro-winkler, levels: [0.92, 0.8]}
 *     dob: {method: levenshtein, levels: [1, 2]}
 *     email: exact
 *   max-pairs: 20000000
 *   u-sample-pairs: 1000000
 * </pre>
 */
public final class ProbabilisticConfigReader {
    private static final Pattern TERM = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:-(.+))?");
    private static final Pattern FIRST = Pattern.compile("first-(\\d{1,9})");
    private static final Map<String, Method> METHODS = new LinkedHashMap<>();
    private static final List<Double> DEFAULT_JARO_WINKLER_LEVELS = List.of(0.92, 0.8);
    private static final List<Double> DEFAULT_LEVENSHTEIN_LEVELS = List.of(1.0, 2.0);

    static {
        for (Method method : Method.values()) {
            METHODS.put(method.configName(), method);
        }
    }

    private ProbabilisticConfigReader() {
    }

    /**
     * The section under {@code probabilistic} of the identity node, or empty when it is absent or
     * has problems (which are then in the node's problems).
     *
     * @param fieldNames the fields the identity sources define ({@link IdentitySource#fields()})
     */
    public static Optional<ProbabilisticConfig> read(ConfigNode identityNode, Set<String> fieldNames) {
        if (!identityNode.has("probabilistic")) {
            identityNode.raw("probabilistic");
            return Optional.empty();
        }
        ConfigNode node = identityNode.object("probabilistic");
        if (!node.isObject()) {
            return Optional.empty();
        }
        ConfigProblems problems = node.problems();
        int problemsBefore = problems.problems().size();
        Set<String> fields = new TreeSet<>(fieldNames);
        double threshold = readThreshold(node);
        List<BlockingRule> blocking = readBlocking(node, fields);
        List<Comparison> comparisons = readComparisons(node, fields);
        long maxPairs = node.integer("max-pairs", (int) ProbabilisticConfig.DEFAULT_MAX_PAIRS, 1, Integer.MAX_VALUE);
        int uSamplePairs = node.integer("u-sample-pairs", ProbabilisticConfig.DEFAULT_U_SAMPLE_PAIRS, 1_000, 100_000_000);
        node.finish();
        if (problems.problems().size() > problemsBefore) {
            return Optional.empty();
        }
        return Optional.of(new ProbabilisticConfig(threshold, blocking, comparisons, maxPairs, uSamplePairs));
    }

    private static double readThreshold(ConfigNode node) {
        Optional<JsonNode> value = node.raw("threshold");
        if (value.isEmpty()) {
            return ProbabilisticConfig.DEFAULT_THRESHOLD;
        }
        JsonNode threshold = value.get();
        if (!threshold.isNumber() || !(threshold.doubleValue() > 0 && threshold.doubleValue() < 1)) {
            node.problems().add(node.path() + ".threshold", "must be a match probability greater than 0 and less than 1, such as 0.9, got "
                    + describe(threshold));
            return ProbabilisticConfig.DEFAULT_THRESHOLD;
        }
        return threshold.doubleValue();
    }

    private static List<BlockingRule> readBlocking(ConfigNode node, Set<String> fields) {
        String path = node.path() + ".blocking";
        Optional<JsonNode> value = node.raw("blocking");
        List<BlockingRule> rules = new ArrayList<>();
        if (value.isEmpty() || value.get().isArray() && value.get().isEmpty()) {
            node.problems().add(path, "is required: a list of rules, each a list of fields that candidate pairs share,"
                    + " for example [[dob], [surname-soundex, first_name]]");
            return rules;
        }
        if (!value.get().isArray()) {
            node.problems().add(path, "must be a list of rules, each a list of fields, got " + describe(value.get()));
            return rules;
        }
        JsonNode list = value.get();
        if (list.size() > ProbabilisticConfig.MAX_RULES) {
            node.problems().add(path, "must have at most " + ProbabilisticConfig.MAX_RULES + " rules, got " + list.size());
        }
        for (int i = 0; i < list.size(); i++) {
            readRule(node.problems(), path + "[" + i + "]", list.get(i), fields).ifPresent(rule -> {
                if (rules.contains(rule)) {
                    node.problems().add(path, "rule " + rule + " is listed twice");
                } else {
                    rules.add(rule);
                }
            });
        }
        return rules;
    }

    private static Optional<BlockingRule> readRule(ConfigProblems problems, String path, JsonNode rule, Set<String> fields) {
        List<JsonNode> elements = new ArrayList<>();
        if (rule.isTextual()) {
            elements.add(rule);
        } else if (rule.isArray() && !rule.isEmpty()) {
            rule.forEach(elements::add);
        } else {
            problems.add(path, "must be a list of fields such as [surname-soundex, first_name], got " + describe(rule));
            return Optional.empty();
        }
        Set<BlockingTerm> terms = new LinkedHashSet<>();
        boolean valid = true;
        for (int j = 0; j < elements.size(); j++) {
            String at = rule.isArray() ? path + "[" + j + "]" : path;
            Optional<BlockingTerm> term = readTerm(problems, at, elements.get(j), fields);
            if (term.isPresent() && !terms.add(term.get())) {
                problems.add(at, "term '" + term.get() + "' is listed twice in the rule");
            }
            valid &= term.isPresent();
        }
        return valid ? Optional.of(new BlockingRule(List.copyOf(terms))) : Optional.empty();
    }

    private static Optional<BlockingTerm> readTerm(ConfigProblems problems, String path, JsonNode value, Set<String> fields) {
        Matcher matcher = value.isTextual() ? TERM.matcher(value.asText().trim()) : null;
        if (matcher == null || !matcher.matches()) {
            problems.add(path, "must be a field name, optionally with a transform (surname, surname-soundex, dob-first-4), got "
                    + describe(value));
            return Optional.empty();
        }
        String field = matcher.group(1);
        boolean known = checkField(problems, path, field, fields);
        String transform = matcher.group(2);
        if (transform == null) {
            return known ? Optional.of(BlockingTerm.of(field)) : Optional.empty();
        }
        if (transform.equals("soundex")) {
            return known ? Optional.of(new BlockingTerm(field, Transform.SOUNDEX, 0)) : Optional.empty();
        }
        Matcher first = FIRST.matcher(transform);
        if (!first.matches()) {
            problems.add(path, "unknown transform '" + transform + "' in '" + value.asText().trim()
                    + "'; use soundex or first-N (the first N characters, N from 1 to " + ProbabilisticConfig.MAX_PREFIX + ")");
            return Optional.empty();
        }
        int length = Integer.parseInt(first.group(1));
        if (length < 1 || length > ProbabilisticConfig.MAX_PREFIX) {
            problems.add(path, "first-N takes N from 1 to " + ProbabilisticConfig.MAX_PREFIX + ", got " + length);
            return Optional.empty();
        }
        return known ? Optional.of(new BlockingTerm(field, Transform.FIRST, length)) : Optional.empty();
    }

    private static boolean checkField(ConfigProblems problems, String path, String field, Set<String> fields) {
        if (fields.contains(field)) {
            return true;
        }
        problems.add(path, fields.isEmpty()
                ? "unknown field '" + field + "': no identity source defines fields (identity.sources.<name>.fields)"
                : "unknown field '" + field + "'; the identity sources define: " + String.join(", ", fields));
        return false;
    }

    private static List<Comparison> readComparisons(ConfigNode node, Set<String> fields) {
        Map<String, ConfigNode> entries = node.entries("comparisons");
        List<Comparison> comparisons = new ArrayList<>();
        if (entries.isEmpty()) {
            node.problems().add(node.path() + ".comparisons", "is required: one comparison per field,"
                    + " for example {first_name: {method: jaro-winkler, levels: [0.92, 0.8]}, email: exact}");
            return comparisons;
        }
        if (entries.size() > ProbabilisticConfig.MAX_COMPARISONS) {
            node.problems().add(node.path() + ".comparisons", "must have at most " + ProbabilisticConfig.MAX_COMPARISONS
                    + " comparisons, got " + entries.size());
        }
        for (Map.Entry<String, ConfigNode> entry : entries.entrySet()) {
            readComparison(entry.getKey(), entry.getValue(), fields).ifPresent(comparisons::add);
        }
        return comparisons;
    }

    private static Optional<Comparison> readComparison(String field, ConfigNode node, Set<String> fields) {
        boolean known = checkField(node.problems(), node.path(), field, fields);
        Optional<Method> method;
        List<Double> levels;
        if (node.isObject()) {
            if (!node.has("method")) {
                node.problems().add(node.path() + ".method", "is required: one of " + String.join(", ", METHODS.keySet()));
            }
            method = node.choice("method", METHODS);
            levels = method.isPresent() ? readLevels(node, method.get()) : List.of();
            node.raw("levels");
            node.finish();
        } else {
            method = node.asString().flatMap(text -> {
                Method found = METHODS.get(text);
                if (found == null) {
                    node.problems().add(node.path(), "must be a method (" + String.join(", ", METHODS.keySet())
                            + ") or a mapping with method and levels, got '" + text + "'");
                }
                return Optional.ofNullable(found);
            });
            levels = method.map(ProbabilisticConfigReader::defaultLevels).orElse(List.of());
        }
        if (!known || method.isEmpty() || levels == null) {
            return Optional.empty();
        }
        return Optional.of(new Comparison(field, method.get(), levels));
    }

    private static List<Double> defaultLevels(Method method) {
        return switch (method) {
            case EXACT -> List.of();
            case JARO_WINKLER -> DEFAULT_JARO_WINKLER_LEVELS;
            case LEVENSHTEIN -> DEFAULT_LEVENSHTEIN_LEVELS;
        };
    }

    /** The levels, or null after reporting a problem. */
    private static List<Double> readLevels(ConfigNode node, Method method) {
        String path = node.path() + ".levels";
        Optional<JsonNode> value = node.raw("levels");
        if (value.isEmpty()) {
            return defaultLevels(method);
        }
        if (method == Method.EXACT) {
            node.problems().add(path, "is not used by method exact (its levels are: equal, else); remove it");
            return null;
        }
        JsonNode list = value.get();
        String expected = method == Method.JARO_WINKLER
                ? "decreasing similarities between 0 and 1 such as [0.92, 0.8]"
                : "increasing edit distances from 1 such as [1, 2]";
        if (!list.isArray() || list.isEmpty() || list.size() > ProbabilisticConfig.MAX_LEVELS) {
            node.problems().add(path, "must be a list of 1 to " + ProbabilisticConfig.MAX_LEVELS + " " + expected + ", got " + describe(list));
            return null;
        }
        List<Double> levels = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode element = list.get(i);
            double level = element.isNumber() ? element.doubleValue() : Double.NaN;
            boolean inRange = method == Method.JARO_WINKLER ? level > 0 && level < 1 : level >= 1 && level == Math.rint(level) && level <= 1_000;
            boolean ordered = levels.isEmpty() || (method == Method.JARO_WINKLER ? level < levels.get(levels.size() - 1)
                    : level > levels.get(levels.size() - 1));
            if (!inRange || !ordered) {
                node.problems().add(path + "[" + i + "]", "levels must be " + expected + ", got " + describe(element)
                        + (inRange ? " after " + describe(list.get(i - 1)) : ""));
                return null;
            }
            levels.add(level);
        }
        return levels;
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "'" + value.asText() + "'";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return value.isEmpty() ? "an empty list" : "a list";
        }
        return value.toString();
    }
}
