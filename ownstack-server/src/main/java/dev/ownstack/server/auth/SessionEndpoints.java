package dev.ownstack.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.server.api.ApiJson;
import dev.ownstack.server.http.ApiErrors;
import dev.ownstack.server.http.ClientAddress;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;

/**
 * {@code /api/session}: signing in with a local user's name and password (a session cookie that
 * is HttpOnly, SameSite=Strict and Secure over https, plus the CSRF token unsafe requests must
 * send back), who is signed in, and signing out. Failed sign-ins are throttled per name and
 * client address and audited.
 */
public final class SessionEndpoints {
    private static final String WRONG = "the name or the password is wrong";

    private final Directory directory;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final SignInThrottle throttle;
    private final ClientAddress clientAddress;
    private final Guard guard;

    public SessionEndpoints(Directory directory, PasswordHasher hasher, Sessions sessions, SignInThrottle throttle, ClientAddress clientAddress,
                            Guard guard) {
        this.directory = directory;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
        this.clientAddress = clientAddress;
        this.guard = guard;
    }

    /** {@code POST /api/session} {@code {"name": ..., "password": ...}}. */
    public void signIn(Context context) {
        ObjectNode body = ApiJson.object(context);
        String name = text(body, "name");
        String password = text(body, "password");
        String address = clientAddress.resolve(context.req().getRemoteAddr(), context.req().getHeaders("X-Forwarded-For"));
        AccessRule rule = AccessRules.of("POST", "/api/session");
        Optional<Duration> wait = throttle.wait(name, address);
        if (wait.isPresent()) {
            guard.record(context, name, rule, ErrorCode.OVERLOADED.name());
            ApiErrors.write(context, new OwnstackException(ErrorCode.OVERLOADED, "too many failed sign-ins for '" + name + "' from " + address
                    + "; try again in " + Math.max(1, wait.get().toSeconds()) + " seconds"));
            context.header("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
            return;
        }
        Optional<UserStore.Stored> stored = directory.read(store -> store.find(name));
        boolean matches = stored.isPresent() ? hasher.verify(password, stored.get().passwordHash()) : hasher.verifyNobody(password);
        if (!matches) {
            throttle.failed(name, address);
            guard.record(context, name, rule, ErrorCode.UNAUTHORIZED.name());
            throw new OwnstackException(ErrorCode.UNAUTHORIZED, WRONG);
        }
        User user = stored.get().user();
        if (user.disabled()) {
            guard.record(context, name, rule, ErrorCode.UNAUTHORIZED.name());
            throw new OwnstackException(ErrorCode.UNAUTHORIZED, "user '" + name + "' is disabled; an admin can enable them again");
        }
        throttle.succeeded(name, address);
        Sessions.Session session = sessions.create(user.name());
        Cookie cookie = new Cookie(Authenticator.COOKIE, session.id(), "/", (int) sessions.maxAge().toSeconds(), secure(context), true, null,
                SameSite.STRICT);
        context.cookie(cookie);
        guard.record(context, name, rule, AuditEntry.SUCCESS);
        ObjectNode answer = ApiJson.NODES.objectNode();
        answer.put("user", user.name());
        answer.put("role", user.role().label());
        answer.put("csrfToken", session.csrfToken());
        ApiJson.write(context, 200, answer);
    }

    /** {@code GET /api/session}: who the credentials of the request are, and the CSRF token of a session. */
    public void current(Context context) {
        Principal principal = guard.principal(context);
        ObjectNode answer = ApiJson.NODES.objectNode();
        answer.put("user", principal.name());
        answer.put("role", principal.role().label());
        answer.put("via", principal.via().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        principal.session().ifPresent(session -> {
            answer.put("csrfToken", session.csrfToken());
            answer.put("expiresAt", session.createdAt().plus(sessions.maxAge()).toString());
        });
        ApiJson.write(context, 200, answer);
    }

    /** {@code DELETE /api/session}: ends the session of the cookie and clears it; 204. */
    public void signOut(Context context) {
        guard.principal(context).session().ifPresent(session -> sessions.end(session.id()));
        context.cookie(new Cookie(Authenticator.COOKIE, "", "/", 0, secure(context), true, null, SameSite.STRICT));
        context.status(204);
    }

    /** Secure when the request came over https, directly or through a trusted proxy that says so. */
    private boolean secure(Context context) {
        if ("https".equalsIgnoreCase(context.scheme())) {
            return true;
        }
        return clientAddress.fromTrustedProxy(context.req().getRemoteAddr())
                && Collections.list(context.req().getHeaders("X-Forwarded-Proto")).stream().anyMatch("https"::equalsIgnoreCase);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, field + ": must be a non-empty string");
        }
        return value.asText();
    }
}
