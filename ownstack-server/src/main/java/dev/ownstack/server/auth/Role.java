package dev.ownstack.server.auth;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a user may do, each role including the ones below it: a viewer reads, an editor also
 * changes audiences, syncs and destinations, an admin also manages users, their API keys and
 * reads the audit log.
 */
public enum Role {
    VIEWER,
    EDITOR,
    ADMIN;

    /** True when this role may do what {@code required} may. */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    /** The spelling in the API, the CLI and the tables: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws OwnstackException INPUT_INVALID naming the roles there are */
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.label().equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        throw new OwnstackException(ErrorCode.INPUT_INVALID, "role: must be one of " + labels() + ", got '" + text + "'");
    }

    public static String labels() {
        return Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", "));
    }
}
