package dev.ownstack.core.config.audiences;

import java.util.List;

/** Every rule holds ({@code {"all": [...]}}); with no rules, every customer. */
public record AllOf(List<AudienceRule> rules) implements AudienceRule {
    public AllOf {
        rules = List.copyOf(rules);
    }

    public static AllOf of(AudienceRule... rules) {
        return new AllOf(List.of(rules));
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.allOf(this);
    }
}
