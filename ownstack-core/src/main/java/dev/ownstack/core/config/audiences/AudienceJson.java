package dev.ownstack.core.config.audiences;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Writes definitions and rules as the JSON {@link AudienceParser} reads (for API responses and
 * for exporting to {@code ownstack.yml}): parsing what this writes gives an equal value back.
 * Defaults are left out (performed true, a count of at least once, all time, no holdout, a
 * sample of 100 percent).
 */
public final class AudienceJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AudienceJson() {
    }

    /** The definition with its name: {@code {"name": ..., "description": ..., "rule": ...}}. */
    public static ObjectNode write(AudienceDefinition definition) {
        ObjectNode node = NODES.objectNode();
        node.put("name", definition.name());
        node.setAll(writeBody(definition));
        return node;
    }

    /** The definition without its name, as under {@code audiences.<name>} in {@code ownstack.yml}. */
    public static ObjectNode writeBody(AudienceDefinition definition) {
        ObjectNode node = NODES.objectNode();
        if (!definition.description().isEmpty()) {
            node.put("description", definition.description());
        }
        if (definition.holdoutPercent() != 0) {
            node.put("holdout-percent", definition.holdoutPercent());
        }
        if (definition.samplePercent() != 100) {
            node.put("sample-percent", definition.samplePercent());
        }
        node.set("rule", writeRule(definition.rule()));
        return node;
    }

    public static ObjectNode writeRule(AudienceRule rule) {
        return rule.accept(new Writer());
    }

    private static final class Writer implements AudienceRule.Visitor<ObjectNode> {
        @Override
        public ObjectNode allOf(AllOf rule) {
            return group("all", rule.rules());
        }

        @Override
        public ObjectNode anyOf(AnyOf rule) {
            return group("any", rule.rules());
        }

        private ObjectNode group(String key, List<AudienceRule> rules) {
            ObjectNode node = NODES.objectNode();
            ArrayNode list = node.putArray(key);
            rules.forEach(child -> list.add(child.accept(this)));
            return node;
        }

        @Override
        public ObjectNode not(Not rule) {
            ObjectNode node = NODES.objectNode();
            node.set("not", rule.rule().accept(this));
            return node;
        }

        @Override
        public ObjectNode trait(TraitCondition rule) {
            ObjectNode node = NODES.objectNode();
            node.put("trait", rule.trait());
            comparison(node, rule.comparison());
            return node;
        }

        @Override
        public ObjectNode event(EventCondition rule) {
            ObjectNode node = NODES.objectNode();
            node.put("event", rule.event());
            if (!rule.performed()) {
                node.put("performed", false);
            }
            if (!rule.where().isEmpty()) {
                ArrayNode where = node.putArray("where");
                for (PropertyFilter filter : rule.where()) {
                    ObjectNode property = where.addObject();
                    property.put("property", filter.property());
                    comparison(property, filter.comparison());
                }
            }
            if (!rule.count().equals(EventCount.AT_LEAST_ONCE)) {
                ObjectNode count = node.putObject("count");
                count.put("operator", rule.count().operator().jsonName());
                count.put("value", rule.count().value());
            }
            window(node, rule.window());
            return node;
        }

        @Override
        public ObjectNode transactions(TransactionCondition rule) {
            ObjectNode node = NODES.objectNode();
            node.put("transactions", rule.measure().jsonName());
            if (rule.measure() != TransactionCondition.Measure.COUNT) {
                node.put("of", rule.of());
            }
            comparison(node, rule.comparison());
            if (rule.types().size() == 1) {
                node.put("type", rule.types().get(0));
            } else if (!rule.types().isEmpty()) {
                ArrayNode types = node.putArray("type");
                rule.types().forEach(types::add);
            }
            window(node, rule.window());
            return node;
        }

        @Override
        public ObjectNode audience(AudienceMembership rule) {
            ObjectNode node = NODES.objectNode();
            node.put("audience", rule.audience());
            return node;
        }
    }

    private static void comparison(ObjectNode node, Comparison comparison) {
        node.put("operator", comparison.operator().jsonName());
        switch (comparison.operator().arity()) {
            case NONE -> {
            }
            case ONE, DAYS -> node.set("value", value(comparison.value()));
            default -> {
                ArrayNode values = node.putArray("value");
                comparison.values().forEach(value -> values.add(value(value)));
            }
        }
    }

    private static JsonNode value(RuleValue value) {
        if (value instanceof RuleValue.Text text) {
            return NODES.textNode(text.value());
        }
        if (value instanceof RuleValue.Number number) {
            return NODES.numberNode(number.value());
        }
        return NODES.booleanNode(((RuleValue.Bool) value).value());
    }

    private static void window(ObjectNode node, TimeWindow window) {
        if (window instanceof TimeWindow.LastDays last) {
            node.put("within-days", last.days());
        } else if (window instanceof TimeWindow.Between between) {
            ArrayNode range = node.putArray("between");
            range.add(between.from().toString());
            range.add(between.to().toString());
        }
    }
}
