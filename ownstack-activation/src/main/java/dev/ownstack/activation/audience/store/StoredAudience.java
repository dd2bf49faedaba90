package dev.ownstack.activation.audience.store;

import dev.ownstack.core.config.audiences.AudienceDefinition;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An audience as the store knows it: its definition, where it comes from and, for audiences
 * created through the API, when it was created and last changed. Immutable.
 */
public final class StoredAudience {
    private final AudienceDefinition definition;
    private final AudienceOrigin origin;
    private final Instant createdAt;
    private final Instant updatedAt;

    private StoredAudience(AudienceDefinition definition, AudienceOrigin origin, Instant createdAt, Instant updatedAt) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    /** An audience of {@code ownstack.yml}. */
    public static StoredAudience configured(AudienceDefinition definition) {
        return new StoredAudience(definition, AudienceOrigin.CONFIG, null, null);
    }

    /** An audience of {@code ownstack.audiences}. */
    public static StoredAudience saved(AudienceDefinition definition, AudienceOrigin origin, Instant createdAt, Instant updatedAt) {
        if (origin.isConfig()) {
            throw new IllegalArgumentException("a saved audience cannot come from ownstack.yml");
        }
        return new StoredAudience(definition, origin, Objects.requireNonNull(createdAt, "createdAt"), Objects.requireNonNull(updatedAt, "updatedAt"));
    }

    public String name() {
        return definition.name();
    }

    public AudienceDefinition definition() {
        return definition;
    }

    public AudienceOrigin origin() {
        return origin;
    }

    /** Whether the API may change or delete it: false for audiences of {@code ownstack.yml}. */
    public boolean editable() {
        return !origin.isConfig();
    }

    public Optional<Instant> createdAt() {
        return Optional.ofNullable(createdAt);
    }

    public Optional<Instant> updatedAt() {
        return Optional.ofNullable(updatedAt);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredAudience that && definition.equals(that.definition) && origin.equals(that.origin)
                && Objects.equals(createdAt, that.createdAt) && Objects.equals(updatedAt, that.updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(definition, origin, createdAt, updatedAt);
    }

    @Override
    public String toString() {
        return "StoredAudience[" + name() + ", " + origin + "]";
    }
}
