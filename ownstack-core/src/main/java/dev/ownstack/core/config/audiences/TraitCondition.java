package dev.ownstack.core.config.audiences;

import java.util.Objects;

/**
 * A condition on a column of {@code model.customers}:
 * {@code {"trait": "country", "operator": "equals", "value": "GB"}}. The column and whether the
 * operator suits its type are checked against the warehouse when the rule is compiled.
 */
public record TraitCondition(String trait, Comparison comparison) implements AudienceRule {
    public TraitCondition {
        Objects.requireNonNull(trait, "trait");
        Objects.requireNonNull(comparison, "comparison");
        if (trait.isBlank()) {
            throw new IllegalArgumentException("trait must not be empty");
        }
    }

    public static TraitCondition of(String trait, Operator operator, RuleValue... values) {
        return new TraitCondition(trait, Comparison.of(operator, values));
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.trait(this);
    }
}
