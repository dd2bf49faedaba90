package dev.ownstack.server.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * Who makes a request: a user signed in with a session, a user's API key (acting with the user's
 * role), or a key of {@code server.api-keys} (named {@code api-key}, an admin).
 */
public record Principal(String name, Role role, Via via, Optional<Sessions.Session> session) {
    /** The name audit rows give requests made with a key of {@code server.api-keys}. */
    public static final String SERVER_KEY_NAME = "api-key";

    /** How the request proved who it is. */
    public enum Via {
        SESSION,
        USER_KEY,
        SERVER_KEY
    }

    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(session, "session");
    }

    /** True when the request is authenticated by the session cookie, so that unsafe methods need the CSRF token. */
    public boolean byCookie() {
        return via == Via.SESSION;
    }
}
