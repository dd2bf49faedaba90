package dev.ownstack.core.config.audiences;

import java.util.Objects;

/** The customer is a member of another audience ({@code {"audience": "vip"}}), after its sampling and holdout. */
public record AudienceMembership(String audience) implements AudienceRule {
    public AudienceMembership {
        Objects.requireNonNull(audience, "audience");
        if (audience.isEmpty()) {
            throw new IllegalArgumentException("audience must not be empty");
        }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.audience(this);
    }
}
