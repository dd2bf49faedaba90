package dev.ownstack.core.config.audiences;

import java.util.Objects;

/** The rule does not hold ({@code {"not": {...}}}): exactly the customers the rule leaves out. */
public record Not(AudienceRule rule) implements AudienceRule {
    public Not {
        Objects.requireNonNull(rule, "rule");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.not(this);
    }
}
