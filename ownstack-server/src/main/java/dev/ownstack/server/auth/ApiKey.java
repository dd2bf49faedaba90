package dev.ownstack.server.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An API key of a user as listed: its id, the prefix shown to recognise it (never the key), when
 * it was created, last used and revoked.
 */
public record ApiKey(String id, String user, String prefix, Instant createdAt, Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    public boolean revoked() {
        return revokedAt.isPresent();
    }
}
