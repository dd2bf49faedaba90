package dev.ownstack.core.config.audiences;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.core.config.ConfigProblems;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads audience definitions and rules from a JSON tree (a REST request body, or the
 * {@code audiences:} section of {@code ownstack.yml}, which has the same shape). Every problem is
 * collected with its path inside the tree ({@code rule.all[2].operator: unknown operator "gte2";
 * expected one of ...}) before failing once. Names of traits, events, properties and other
 * audiences are checked later, against the warehouse, by the compiler.
 */
public final class AudienceParser {
    static final List<String> RULE_KINDS = List.of("all", "any", "not", "trait", "event", "transactions", "audience");
    private static final String RULE_SHAPE = "a rule is an object with one of \"all\", \"any\", \"not\", \"trait\", \"event\","
            + " \"transactions\" or \"audience\"";

    private final List<String> problems = new ArrayList<>();

    private AudienceParser() {
    }

    /**
     * A definition with its name in the body:
     * {@code {"name": "vip", "description": "...", "holdout-percent": 10, "sample-percent": 100, "rule": {...}}}.
     *
     * @throws OwnstackException INPUT_INVALID naming every problem with its path
     */
    public static AudienceDefinition parseDefinition(JsonNode json) {
        AudienceParser parser = new AudienceParser();
        Optional<AudienceDefinition> definition = parser.definition(Optional.empty(), json, "");
        return parser.result(definition);
    }

    /**
     * A definition whose name comes from elsewhere (a URL path); a {@code name} in the body, if
     * any, must be the same.
     */
    public static AudienceDefinition parseDefinition(String name, JsonNode json) {
        AudienceParser parser = new AudienceParser();
        Optional<AudienceDefinition> definition = parser.definition(Optional.of(name), json, "");
        return parser.result(definition);
    }

    /** A rule on its own; problems are reported under {@code rule}. */
    public static AudienceRule parseRule(JsonNode json) {
        AudienceParser parser = new AudienceParser();
        Optional<AudienceRule> rule = parser.rule(json, "rule");
        return parser.result(rule);
    }

    /**
     * The {@code audiences:} section of {@code ownstack.yml}: a mapping of names to definitions
     * without a {@code name} key. Problems go to {@code problems} under {@code path}
     * ({@code audiences.vip.rule.trait}); definitions with problems are left out.
     */
    public static Map<String, AudienceDefinition> readSection(JsonNode section, String path, ConfigProblems problems) {
        Map<String, AudienceDefinition> definitions = new LinkedHashMap<>();
        if (section == null || section.isNull()) {
            return definitions;
        }
        if (!section.isObject()) {
            problems.add(path, "must be a mapping of audience names to definitions, got " + JsonObjectReader.describe(section));
            return definitions;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            AudienceParser parser = new AudienceParser();
            String at = path + "." + entry.getKey();
            Optional<AudienceDefinition> definition = parser.sectionEntry(entry.getKey(), entry.getValue(), at);
            parser.problems.forEach(problem -> problems.add("", problem));
            if (parser.problems.isEmpty()) {
                definition.ifPresent(value -> definitions.put(entry.getKey(), value));
            }
        }
        return definitions;
    }

    private <T> T result(Optional<T> value) {
        if (!problems.isEmpty() || value.isEmpty()) {
            String message = problems.size() == 1 ? problems.get(0)
                    : problems.size() + " problems in the audience: " + String.join("; ", problems);
            throw new OwnstackException(ErrorCode.INPUT_INVALID, message, problems, null);
        }
        return value.get();
    }

    private Optional<AudienceDefinition> sectionEntry(String name, JsonNode node, String path) {
        if (!AudienceDefinition.NAME.matcher(name).matches()) {
            problem(path, "audience name \"" + name + "\" must use letters, digits, _ and -, start with a letter and be at most 63 characters");
        }
        if (node == null || !node.isObject()) {
            problem(path, "must be an object with a \"rule\", got " + JsonObjectReader.describe(node));
            return Optional.empty();
        }
        JsonObjectReader reader = new JsonObjectReader(node, path, problems);
        return body(reader, name);
    }

    private Optional<AudienceDefinition> definition(Optional<String> givenName, JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            problem(path, "an audience must be an object with \"name\" and \"rule\", got " + JsonObjectReader.describe(node));
            return Optional.empty();
        }
        JsonObjectReader reader = new JsonObjectReader(node, path, problems);
        Optional<String> bodyName = givenName.isPresent() ? reader.text("name") : reader.requiredText("name");
        if (givenName.isPresent() && bodyName.isPresent() && !bodyName.get().equals(givenName.get())) {
            problem(reader.pathOf("name"), "is \"" + bodyName.get() + "\" but the audience is \"" + givenName.get() + "\"");
        }
        Optional<String> name = givenName.or(() -> bodyName);
        name.filter(value -> !AudienceDefinition.NAME.matcher(value).matches()).ifPresent(value -> problem(reader.pathOf("name"),
                "\"" + value + "\" must use letters, digits, _ and -, start with a letter and be at most 63 characters"));
        return body(reader, name.orElse("invalid"));
    }

    private Optional<AudienceDefinition> body(JsonObjectReader reader, String name) {
        String description = reader.text("description").orElse("");
        int holdout = reader.whole("holdout-percent", 0, 99).orElse(0L).intValue();
        int sample = reader.whole("sample-percent", 1, 100).orElse(100L).intValue();
        Optional<AudienceRule> rule = Optional.empty();
        if (!reader.has("rule")) {
            reader.get("rule");
            problem(reader.pathOf("rule"), "is required");
        } else {
            rule = rule(reader.get("rule").orElseThrow(), reader.pathOf("rule"));
        }
        reader.finish();
        if (!problems.isEmpty() || rule.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AudienceDefinition(name, description, rule.get(), holdout, sample));
    }

    Optional<AudienceRule> rule(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            problem(path, "must be a rule, got " + JsonObjectReader.describe(node) + "; " + RULE_SHAPE);
            return Optional.empty();
        }
        List<String> kinds = RULE_KINDS.stream().filter(node::has).toList();
        if (kinds.isEmpty()) {
            problem(path, RULE_SHAPE + ", got an object with " + String.join(", ", fieldNames(node)));
            return Optional.empty();
        }
        if (kinds.size() > 1) {
            problem(path, "has both \"" + kinds.get(0) + "\" and \"" + kinds.get(1) + "\"; " + RULE_SHAPE
                    + " (put several conditions in \"all\" or \"any\")");
            return Optional.empty();
        }
        JsonObjectReader reader = new JsonObjectReader(node, path, problems);
        ConditionParser conditions = new ConditionParser(this);
        Optional<AudienceRule> rule = switch (kinds.get(0)) {
            case "all" -> group(reader, "all").map(AllOf::new);
            case "any" -> group(reader, "any").filter(rules -> !rules.isEmpty()).map(AnyOf::new);
            case "not" -> rule(reader.get("not").orElse(null), reader.pathOf("not")).map(Not::new);
            case "trait" -> conditions.trait(reader);
            case "event" -> conditions.event(reader);
            case "transactions" -> conditions.transactions(reader);
            default -> audience(reader);
        };
        reader.finish();
        return rule;
    }

    private Optional<List<AudienceRule>> group(JsonObjectReader reader, String key) {
        JsonNode list = reader.get(key).orElse(null);
        String at = reader.pathOf(key);
        if (list == null || !list.isArray()) {
            problem(at, "must be a list of rules, got " + JsonObjectReader.describe(list));
            return Optional.empty();
        }
        if (list.isEmpty() && key.equals("any")) {
            problem(at, "must list at least one rule (an empty \"any\" matches nobody)");
        }
        List<AudienceRule> rules = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.size(); i++) {
            Optional<AudienceRule> child = rule(list.get(i), at + "[" + i + "]");
            ok &= child.isPresent();
            child.ifPresent(rules::add);
        }
        return ok ? Optional.of(rules) : Optional.empty();
    }

    private Optional<AudienceRule> audience(JsonObjectReader reader) {
        Optional<String> name = reader.requiredText("audience");
        if (name.isPresent() && !AudienceDefinition.NAME.matcher(name.get()).matches()) {
            problem(reader.pathOf("audience"), "\"" + name.get() + "\" is not an audience name: letters, digits, _ and -, starting with a letter");
            return Optional.empty();
        }
        return name.map(AudienceMembership::new);
    }

    /** A date of a {@code between} window: {@code YYYY-MM-DD}. */
    Optional<LocalDate> date(JsonNode value, String at) {
        if (value == null || !value.isTextual()) {
            problem(at, "must be a date such as \"2024-06-01\", got " + JsonObjectReader.describe(value));
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.asText()));
        } catch (DateTimeParseException e) {
            problem(at, "must be a date such as \"2024-06-01\", got " + JsonObjectReader.describe(value));
            return Optional.empty();
        }
    }

    void problem(String at, String message) {
        problems.add(at.isEmpty() ? message : at + ": " + message);
    }

    List<String> problems() {
        return problems;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> names.add("\"" + name + "\""));
        return names.isEmpty() ? List.of("no keys") : names;
    }
}
