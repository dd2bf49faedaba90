package dev.ownstack.core.config.audiences;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the conditions of a rule (trait, event, transactions) and their comparisons and windows. */
final class ConditionParser {
    /** The operators a transaction measure (a number) may be compared with. */
    static final Set<Operator> MEASURE_OPERATORS = EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.GREATER,
            Operator.GREATER_OR_EQUAL, Operator.LESS, Operator.LESS_OR_EQUAL, Operator.BETWEEN, Operator.IN, Operator.NOT_IN);

    private final AudienceParser parser;

    ConditionParser(AudienceParser parser) {
        this.parser = parser;
    }

    Optional<AudienceRule> trait(JsonObjectReader reader) {
        Optional<String> trait = reader.requiredText("trait");
        Optional<Comparison> comparison = comparison(reader, Set.of(Operator.values()));
        if (trait.isEmpty() || comparison.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TraitCondition(trait.get(), comparison.get()));
    }

    Optional<AudienceRule> event(JsonObjectReader reader) {
        int before = parser.problems().size();
        Optional<String> event = reader.requiredText("event");
        boolean performed = reader.bool("performed").orElse(true);
        List<PropertyFilter> filters = new ArrayList<>();
        Optional<JsonNode> where = reader.get("where");
        if (where.isPresent() && !where.get().isArray()) {
            reader.problem(reader.pathOf("where"), "must be a list of property conditions, got " + JsonObjectReader.describe(where.get()));
        }
        for (int i = 0; where.isPresent() && where.get().isArray() && i < where.get().size(); i++) {
            property(where.get().get(i), reader.pathOf("where") + "[" + i + "]").ifPresent(filters::add);
        }
        EventCount count = EventCount.AT_LEAST_ONCE;
        Optional<JsonNode> countNode = reader.get("count");
        if (countNode.isPresent()) {
            if (!performed) {
                reader.problem(reader.pathOf("count"), "does not go with \"performed\": false; to say fewer than N times use"
                        + " {\"operator\": \"at-most\", \"value\": N-1}");
            }
            count = count(countNode.get(), reader.pathOf("count")).orElse(count);
        }
        TimeWindow window = window(reader);
        if (parser.problems().size() > before || event.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EventCondition(event.get(), performed, filters, count, window));
    }

    Optional<AudienceRule> transactions(JsonObjectReader reader) {
        int before = parser.problems().size();
        Optional<TransactionCondition.Measure> measure = reader.text("transactions").flatMap(text -> {
            Optional<TransactionCondition.Measure> found = Arrays.stream(TransactionCondition.Measure.values())
                    .filter(value -> value.jsonName().equals(text)).findFirst();
            if (found.isEmpty()) {
                reader.problem(reader.pathOf("transactions"), "unknown measure \"" + text + "\"; expected one of count, sum, average");
            }
            return found;
        });
        Optional<String> of = reader.text("of");
        if (of.isPresent() && measure.orElse(null) == TransactionCondition.Measure.COUNT) {
            reader.problem(reader.pathOf("of"), "count counts transactions; \"of\" goes with sum and average");
        }
        if (of.isPresent() && of.get().isEmpty()) {
            reader.problem(reader.pathOf("of"), "must not be empty");
        }
        Optional<Comparison> comparison = comparison(reader, MEASURE_OPERATORS);
        comparison.ifPresent(value -> {
            for (int i = 0; i < value.values().size(); i++) {
                if (!(value.values().get(i) instanceof RuleValue.Number)) {
                    String at = reader.pathOf("value") + (value.operator().arity() == Operator.Arity.ONE ? "" : "[" + i + "]");
                    reader.problem(at, "must be a number (a transaction " + measure.map(TransactionCondition.Measure::jsonName).orElse("measure")
                            + " is compared), got " + value.values().get(i).describe());
                }
            }
        });
        List<String> types = new ArrayList<>();
        Optional<JsonNode> type = reader.get("type");
        if (type.isPresent()) {
            textList(type.get(), reader.pathOf("type")).ifPresent(types::addAll);
        }
        TimeWindow window = window(reader);
        if (parser.problems().size() > before || measure.isEmpty() || comparison.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TransactionCondition(measure.get(), of.orElse(TransactionCondition.DEFAULT_COLUMN), comparison.get(),
                window, types));
    }

    private Optional<PropertyFilter> property(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            parser.problem(path, "must be a property condition such as {\"property\": \"total\", \"operator\": \"greater\", \"value\": 50},"
                    + " got " + JsonObjectReader.describe(node));
            return Optional.empty();
        }
        JsonObjectReader reader = new JsonObjectReader(node, path, parser.problems());
        Optional<String> property = reader.requiredText("property");
        Optional<Comparison> comparison = comparison(reader, Set.of(Operator.values()));
        reader.finish();
        if (property.isEmpty() || comparison.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PropertyFilter(property.get(), comparison.get()));
    }

    private Optional<EventCount> count(JsonNode node, String path) {
        if (!node.isObject()) {
            parser.problem(path, "must be an object such as {\"operator\": \"at-least\", \"value\": 2}, got " + JsonObjectReader.describe(node));
            return Optional.empty();
        }
        JsonObjectReader reader = new JsonObjectReader(node, path, parser.problems());
        Optional<EventCount.Operator> operator = reader.requiredText("operator").flatMap(text -> {
            Optional<EventCount.Operator> found = Arrays.stream(EventCount.Operator.values())
                    .filter(value -> value.jsonName().equals(text)).findFirst();
            if (found.isEmpty()) {
                reader.problem(reader.pathOf("operator"), "unknown count operator \"" + text + "\"; expected one of at-least, at-most, exactly");
            }
            return found;
        });
        if (!reader.has("value")) {
            reader.get("value");
            reader.problem(reader.pathOf("value"), "is required: a whole number of events");
        }
        Optional<Long> value = reader.whole("value", 0, Integer.MAX_VALUE);
        reader.finish();
        if (operator.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EventCount(operator.get(), value.get()));
    }

    private TimeWindow window(JsonObjectReader reader) {
        Optional<Long> days = reader.whole("within-days", 1, Comparison.MAX_DAYS);
        Optional<JsonNode> between = reader.get("between");
        if (reader.has("within-days") && between.isPresent()) {
            reader.problem(reader.pathOf("between"), "does not go with \"within-days\"; give one window");
            return TimeWindow.ALL_TIME;
        }
        if (days.isPresent()) {
            return new TimeWindow.LastDays(days.get().intValue());
        }
        if (between.isEmpty()) {
            return TimeWindow.ALL_TIME;
        }
        String at = reader.pathOf("between");
        JsonNode range = between.get();
        if (!range.isArray() || range.size() != 2) {
            reader.problem(at, "must be a list of two dates such as [\"2024-01-01\", \"2024-03-31\"], got " + JsonObjectReader.describe(range));
            return TimeWindow.ALL_TIME;
        }
        Optional<LocalDate> from = parser.date(range.get(0), at + "[0]");
        Optional<LocalDate> to = parser.date(range.get(1), at + "[1]");
        if (from.isEmpty() || to.isEmpty()) {
            return TimeWindow.ALL_TIME;
        }
        if (to.get().isBefore(from.get())) {
            reader.problem(at, "ends (" + to.get() + ") before it starts (" + from.get() + ")");
            return TimeWindow.ALL_TIME;
        }
        return new TimeWindow.Between(from.get(), to.get());
    }

    /** The operator and value of a condition; the operator must be one of {@code allowed}. */
    private Optional<Comparison> comparison(JsonObjectReader reader, Set<Operator> allowed) {
        Optional<String> name = reader.requiredText("operator");
        Optional<JsonNode> valueNode = reader.get("value");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<Operator> operator = Operator.fromJsonName(name.get()).filter(allowed::contains);
        if (operator.isEmpty()) {
            List<String> expected = Arrays.stream(Operator.values()).filter(allowed::contains).map(Operator::jsonName).toList();
            reader.problem(reader.pathOf("operator"), "unknown operator \"" + name.get() + "\"; expected one of " + String.join(", ", expected));
            return Optional.empty();
        }
        return values(operator.get(), valueNode, reader.pathOf("value")).map(values -> new Comparison(operator.get(), values));
    }

    private Optional<List<RuleValue>> values(Operator operator, Optional<JsonNode> node, String at) {
        String name = operator.jsonName();
        switch (operator.arity()) {
            case NONE:
                if (node.isPresent()) {
                    parser.problem(at, name + " takes no value");
                    return Optional.empty();
                }
                return Optional.of(List.of());
            case ONE:
                if (node.isEmpty()) {
                    parser.problem(at, "is required: " + name + " compares with one value");
                    return Optional.empty();
                }
                return scalar(node.get(), at, name + " compares with one value").map(List::of);
            case DAYS:
                if (node.isEmpty() || !node.get().isNumber() || !Comparison.isWholeDays(new RuleValue.Number(node.get().decimalValue()))) {
                    parser.problem(at, name + " takes a whole number of days from 1 to " + Comparison.MAX_DAYS + ", got "
                            + JsonObjectReader.describe(node.orElse(null)));
                    return Optional.empty();
                }
                return Optional.of(List.of(new RuleValue.Number(node.get().decimalValue())));
            case TWO:
                if (node.isEmpty() || !node.get().isArray() || node.get().size() != 2) {
                    parser.problem(at, name + " takes a list of two values, low and high, such as [18, 30], got "
                            + JsonObjectReader.describe(node.orElse(null)));
                    return Optional.empty();
                }
                return list(node.get(), at, name);
            default:
                if (node.isEmpty() || !node.get().isArray() || node.get().isEmpty()) {
                    parser.problem(at, name + " takes a list of one or more values, such as [\"GB\", \"IE\"], got "
                            + JsonObjectReader.describe(node.orElse(null)));
                    return Optional.empty();
                }
                return list(node.get(), at, name);
        }
    }

    private Optional<List<RuleValue>> list(JsonNode array, String at, String name) {
        List<RuleValue> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            scalar(array.get(i), at + "[" + i + "]", name + " takes text, numbers or booleans").ifPresent(values::add);
        }
        return values.size() == array.size() ? Optional.of(values) : Optional.empty();
    }

    private Optional<RuleValue> scalar(JsonNode node, String at, String expectation) {
        if (node.isTextual()) {
            return Optional.of(new RuleValue.Text(node.asText()));
        }
        if (node.isNumber()) {
            return Optional.of(new RuleValue.Number(node.decimalValue()));
        }
        if (node.isBoolean()) {
            return Optional.of(new RuleValue.Bool(node.booleanValue()));
        }
        parser.problem(at, expectation + ", got " + JsonObjectReader.describe(node)
                + (node.isNull() ? " (use is-set or is-not-set for missing values)" : ""));
        return Optional.empty();
    }

    private Optional<List<String>> textList(JsonNode node, String at) {
        if (node.isTextual() && !node.asText().isEmpty()) {
            return Optional.of(List.of(node.asText()));
        }
        if (!node.isArray() || node.isEmpty()) {
            parser.problem(at, "must be a text or a list of texts, got " + JsonObjectReader.describe(node));
            return Optional.empty();
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (node.get(i).isTextual()) {
                texts.add(node.get(i).asText());
            } else {
                parser.problem(at + "[" + i + "]", "must be text, got " + JsonObjectReader.describe(node.get(i)));
            }
        }
        return texts.size() == node.size() ? Optional.of(texts) : Optional.empty();
    }
}
