package dev.ownstack.core.config.audiences;

import java.util.List;

/** At least one rule holds ({@code {"any": [...]}}); needs at least one rule. */
public record AnyOf(List<AudienceRule> rules) implements AudienceRule {
    public AnyOf {
        rules = List.copyOf(rules);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("any needs at least one rule");
        }
    }

    public static AnyOf of(AudienceRule... rules) {
        return new AnyOf(List.of(rules));
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.anyOf(this);
    }
}
