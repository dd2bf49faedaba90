package dev.ownstack.server.auth;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/** A local user as stored in {@code ownstack.users}, without the password hash. */
public record User(String name, Role role, Instant createdAt, boolean disabled) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}");

    public User {
        checkName(name);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** INPUT_INVALID unless the name is 1 to 100 letters, digits and {@code . _ @ + -}, starting with a letter or digit. */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "name: a user name is 1 to 100 letters, digits and . _ @ + -, starting with a"
                    + " letter or digit, got '" + (name == null ? "" : name.length() > 40 ? name.substring(0, 40) + "..." : name) + "'");
        }
        return name;
    }
}
