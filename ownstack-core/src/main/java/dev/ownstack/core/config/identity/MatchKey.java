package dev.ownstack.core.config.identity;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A match key under {@code identity.keys}: records that share a value of it are the same
 * customer, unless that would break a limit. Keys are listed in priority order; when a link would
 * break a limit, the link by the lower-priority key is dropped.
 *
 * @param name          the key's name, used in source mappings and in the identity tables
 * @param parts         the kinds of its parts: one for a simple key (email), two or more for a
 *                      composite key (name + postcode), whose value is the parts' normalised
 *                      values joined with {@code |} and exists only when every part does
 * @param limit         the most distinct values of this key one customer may have
 * @param blockedValues normalised values that never link records (on top of the built-in placeholders)
 * @param maxGroupSize  a value carried by more records than this is blocked automatically and recorded
 */
public record MatchKey(String name, List<KeyKind> parts, int limit, Set<String> blockedValues, int maxGroupSize) {
    public MatchKey {
        Objects.requireNonNull(name, "name");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("match key " + name + " needs at least one part");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("match key " + name + ": limit must be at least 1, got " + limit);
        }
        if (maxGroupSize < 2) {
            throw new IllegalArgumentException("match key " + name + ": max-group-size must be at least 2, got " + maxGroupSize);
        }
        blockedValues = Set.copyOf(blockedValues);
    }

    public boolean composite() {
        return parts.size() > 1;
    }

    /** The kind of a simple key. */
    public KeyKind kind() {
        return parts.get(0);
    }
}
