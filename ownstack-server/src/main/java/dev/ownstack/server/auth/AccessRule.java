package dev.ownstack.server.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * Who may call a route and how a call is audited.
 *
 * @param role   the least role the caller needs; empty for a route open to all (it guards itself, as
 *               the collector does with write keys, or it is the sign-in)
 * @param action the name of the change in the audit log ({@code audience.update}); empty for a
 *               route that changes nothing, which is not audited
 */
public record AccessRule(Optional<Role> role, String action) {
    public AccessRule {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(action, "action");
    }

    /** A route that reads (or computes without keeping anything) and needs {@code role}. */
    public static AccessRule read(Role role) {
        return new AccessRule(Optional.of(role), "");
    }

    /** A route that changes something, needs {@code role} and is audited as {@code action}. */
    public static AccessRule change(Role role, String action) {
        if (action.isEmpty()) {
            throw new IllegalArgumentException("a change needs an action name for the audit log");
        }
        return new AccessRule(Optional.of(role), action);
    }

    /** A route open to all; {@code action} (may be empty) names it in the audit log. */
    public static AccessRule open(String action) {
        return new AccessRule(Optional.empty(), action);
    }

    public boolean audited() {
        return !action.isEmpty();
    }
}
