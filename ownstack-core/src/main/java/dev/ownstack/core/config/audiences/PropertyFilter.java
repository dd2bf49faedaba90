package dev.ownstack.core.config.audiences;

import java.util.Objects;

/**
 * A condition on one key of an event's {@code properties} JSON:
 * {@code {"property": "total", "operator": "greater", "value": 50}}. Any key name is allowed.
 */
public record PropertyFilter(String property, Comparison comparison) {
    public PropertyFilter {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(comparison, "comparison");
        if (property.isEmpty()) {
            throw new IllegalArgumentException("property must not be empty");
        }
    }

    public static PropertyFilter of(String property, Operator operator, RuleValue... values) {
        return new PropertyFilter(property, Comparison.of(operator, values));
    }
}
