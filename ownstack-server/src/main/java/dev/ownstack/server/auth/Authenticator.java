package dev.ownstack.server.auth;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.server.http.ApiKeys;
import java.util.Optional;

/**
 * Finds who makes a request: an {@code Authorization: Bearer} key (a user's key, acting with the
 * user's current role, or a key of {@code server.api-keys}, acting as admin), else the session
 * cookie. A disabled user, a revoked key and an ended session are refused as if unknown, with a
 * message that says which.
 */
public final class Authenticator {
    public static final String COOKIE = "ownstack_session";

    private final ApiKeys serverKeys;
    private final Directory directory;
    private final Sessions sessions;

    public Authenticator(ApiKeys serverKeys, Directory directory, Sessions sessions) {
        this.serverKeys = serverKeys;
        this.directory = directory;
        this.sessions = sessions;
    }

    /** @throws OwnstackException UNAUTHORIZED saying what was missing or wrong */
    public Principal authenticate(String authorization, String sessionCookie) {
        Optional<String> bearer = ApiKeys.bearer(authorization);
        if (bearer.isPresent()) {
            return byKey(bearer.get());
        }
        if (sessionCookie != null && !sessionCookie.isEmpty()) {
            return bySession(sessionCookie);
        }
        if (serverKeys.isEmpty() && !directory.hasUsers()) {
            throw new OwnstackException(ErrorCode.UNAUTHORIZED, "no API keys are configured under server.api-keys and no users exist;"
                    + " add a user with: ownstack user add NAME --role admin");
        }
        throw new OwnstackException(ErrorCode.UNAUTHORIZED, "this endpoint needs credentials: send Authorization: Bearer <API key>"
                + " (a user's key or one of server.api-keys), or sign in with POST /api/session");
    }

    private Principal byKey(String text) {
        Optional<KeyToken> token = KeyToken.parse(text);
        if (token.isEmpty()) {
            if (serverKeys.isEmpty()) {
                throw new OwnstackException(ErrorCode.UNAUTHORIZED, "no API keys are configured under server.api-keys, and this is not a"
                        + " user's key (those start with osk_)");
            }
            if (serverKeys.matches(text)) {
                return new Principal(Principal.SERVER_KEY_NAME, Role.ADMIN, Principal.Via.SERVER_KEY, Optional.empty());
            }
            throw new OwnstackException(ErrorCode.UNAUTHORIZED, "the API key is not one of server.api-keys, nor a user's key");
        }
        KeyToken key = token.get();
        UserStore.StoredKey stored = directory.key(key.id()).filter(found -> key.matches(found.keyHash()))
                .orElseThrow(() -> new OwnstackException(ErrorCode.UNAUTHORIZED, "the API key " + key.prefix() + " is not one of server.api-keys,"
                        + " nor a user's key"));
        if (stored.key().revoked()) {
            throw new OwnstackException(ErrorCode.UNAUTHORIZED, "the API key " + key.prefix() + " was revoked");
        }
        User user = enabled(stored.key().user());
        directory.used(key.id());
        return new Principal(user.name(), user.role(), Principal.Via.USER_KEY, Optional.empty());
    }

    private Principal bySession(String id) {
        Sessions.Session session = sessions.find(id).orElseThrow(() -> new OwnstackException(ErrorCode.UNAUTHORIZED,
                "the session has ended (signed out, timed out or the server restarted); sign in again with POST /api/session"));
        try {
            User user = enabled(session.user());
            return new Principal(user.name(), user.role(), Principal.Via.SESSION, Optional.of(session));
        } catch (OwnstackException e) {
            sessions.end(id);
            throw e;
        }
    }

    private User enabled(String name) {
        User user = directory.user(name).orElseThrow(() -> new OwnstackException(ErrorCode.UNAUTHORIZED, "user '" + name + "' no longer exists"));
        if (user.disabled()) {
            throw new OwnstackException(ErrorCode.UNAUTHORIZED, "user '" + name + "' is disabled; an admin can enable them again");
        }
        return user;
    }
}
