package dev.ownstack.server.auth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Enforces {@link AccessRules} on a route: authenticates the caller (unless the route is open),
 * asks a cookie-authenticated unsafe request for its CSRF token, checks the role, and writes the
 * audit row of a change with its outcome, refusals included. Thread-safe.
 */
public final class Guard {
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String PRINCIPAL = "ownstack.principal";
    private static final String DETAIL = "ownstack.audit-detail";
    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Authenticator authenticator;
    private final AuditLog audit;
    private final Clock clock;

    public Guard(Authenticator authenticator, AuditLog audit, Clock clock) {
        this.authenticator = authenticator;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Authenticates the request ahead of routing, so that a call to no route at all is refused
     * for lack of credentials before it is told nothing is there. Open routes pass.
     */
    public void authenticate(Context context) {
        AccessRule rule = AccessRules.all().get(context.method().name() + " " + context.path());
        if (rule != null && rule.role().isEmpty()) {
            return;
        }
        principal(context);
    }

    /** The caller of an authenticated request. */
    public Principal principal(Context context) {
        Principal principal = context.attribute(PRINCIPAL);
        if (principal == null) {
            principal = authenticator.authenticate(context.header("Authorization"), context.cookie(Authenticator.COOKIE));
            context.attribute(PRINCIPAL, principal);
        }
        return principal;
    }

    /** The caller, when the request carries valid credentials; nothing when it carries none or wrong ones. */
    public Optional<Principal> optionalPrincipal(Context context) {
        try {
            return Optional.of(principal(context));
        } catch (OwnstackException e) {
            if (e.code() != ErrorCode.UNAUTHORIZED) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** The handler behind the route's rule. */
    public Handler guard(String method, String path, Handler handler) {
        AccessRule rule = AccessRules.of(method, path);
        if (rule.role().isEmpty()) {
            return handler;
        }
        Role required = rule.role().get();
        return context -> {
            Principal principal = principal(context);
            try {
                checkCsrf(context, principal);
                if (!principal.role().includes(required)) {
                    throw new OwnstackException(ErrorCode.FORBIDDEN, method + " " + path + " needs role " + required.label() + " or higher; '"
                            + principal.name() + "' is " + principal.role().label());
                }
                handler.handle(context);
            } catch (OwnstackException e) {
                record(context, principal.name(), rule, e.code().name());
                throw e;
            } catch (Exception e) {
                record(context, principal.name(), rule, ErrorCode.INTERNAL.name());
                throw e;
            }
            record(context, principal.name(), rule, context.status().getCode() < 400 ? AuditEntry.SUCCESS : "HTTP " + context.status().getCode());
        };
    }

    /** What a handler adds to the audit row of its call (a run's id and status, say); never a secret. */
    public static ObjectNode detail(Context context) {
        ObjectNode detail = context.attribute(DETAIL);
        if (detail == null) {
            detail = JsonNodeFactory.instance.objectNode();
            context.attribute(DETAIL, detail);
        }
        return detail;
    }

    /** Writes the audit row of a call to an audited route; for handlers that audit themselves, as sign-in does. */
    public void record(Context context, String actor, AccessRule rule, String outcome) {
        if (!rule.audited()) {
            return;
        }
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        detail.put("method", context.method().name());
        detail.put("path", context.path());
        if (context.queryString() != null) {
            detail.put("query", context.queryString());
        }
        ObjectNode added = context.attribute(DETAIL);
        if (added != null) {
            detail.setAll(added);
        }
        audit.record(new AuditEntry(clock.instant(), actor, rule.action(), String.join("/", context.pathParamMap().values()), detail, outcome));
    }

    private static void checkCsrf(Context context, Principal principal) {
        if (!principal.byCookie() || !UNSAFE.contains(context.method().name())) {
            return;
        }
        String sent = context.header(CSRF_HEADER);
        if (sent == null || sent.isEmpty()) {
            throw new OwnstackException(ErrorCode.FORBIDDEN, "a request signed in by cookie that changes something needs the header "
                    + CSRF_HEADER + " with the csrfToken of POST /api/session (or GET /api/session)");
        }
        String expected = principal.session().orElseThrow().csrfToken();
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
            throw new OwnstackException(ErrorCode.FORBIDDEN, "the " + CSRF_HEADER + " header does not match this session's csrfToken");
        }
    }
}
