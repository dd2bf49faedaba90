package dev.ownstack.server.auth;

import static dev.ownstack.server.auth.AccessRule.change;
import static dev.ownstack.server.auth.AccessRule.open;
import static dev.ownstack.server.auth.AccessRule.read;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one table of who may call which route ({@code METHOD /path} as registered): viewers read,
 * editors also change audiences, syncs and destinations, admins also manage users and read the
 * audit log. A route registered without a rule here fails the server's start (and a test).
 * docs/SERVER.md shows this table.
 */
public final class AccessRules {
    private static final Map<String, AccessRule> RULES = new LinkedHashMap<>();

    static {
        RULES.put("OPTIONS /v1/{endpoint}", open(""));
        RULES.put("POST /v1/{endpoint}", open(""));
        RULES.put("GET /health", open(""));
        RULES.put("GET /metrics", read(Role.VIEWER));
        // The web app's page and files hold no data; the page asks the REST API for everything.
        RULES.put("GET /", open(""));
        RULES.put("GET /app", open(""));
        RULES.put("GET /app/assets/<path>", open(""));

        RULES.put("POST /api/session", open("session.create"));
        RULES.put("GET /api/session", read(Role.VIEWER));
        RULES.put("DELETE /api/session", change(Role.VIEWER, "session.delete"));

        RULES.put("GET /api/v1/status", read(Role.VIEWER));
        RULES.put("GET /api/openapi.json", read(Role.VIEWER));
        RULES.put("GET /api/audiences", read(Role.VIEWER));
        RULES.put("POST /api/audiences", change(Role.EDITOR, "audience.create"));
        RULES.put("POST /api/audiences/validate", read(Role.VIEWER));
        RULES.put("POST /api/audiences/preview", read(Role.VIEWER));
        RULES.put("GET /api/audiences/{name}", read(Role.VIEWER));
        RULES.put("PUT /api/audiences/{name}", change(Role.EDITOR, "audience.update"));
        RULES.put("DELETE /api/audiences/{name}", change(Role.EDITOR, "audience.delete"));
        RULES.put("POST /api/audiences/{name}/preview", read(Role.VIEWER));
        RULES.put("POST /api/audiences/{name}/compute", change(Role.EDITOR, "audience.compute"));
        RULES.put("GET /api/audiences/{name}/runs", read(Role.VIEWER));
        RULES.put("GET /api/audiences/{name}/changes", read(Role.VIEWER));
        RULES.put("GET /api/audiences/{name}/sql", read(Role.VIEWER));
        RULES.put("GET /api/recipes", read(Role.VIEWER));
        RULES.put("POST /api/recipes/{name}", read(Role.VIEWER));
        RULES.put("GET /api/catalog", read(Role.VIEWER));

        RULES.put("GET /api/destinations", read(Role.VIEWER));
        RULES.put("POST /api/destinations", change(Role.EDITOR, "destination.create"));
        RULES.put("POST /api/destinations/check", change(Role.EDITOR, "destination.check"));
        RULES.put("GET /api/destinations/{name}", read(Role.VIEWER));
        RULES.put("PUT /api/destinations/{name}", change(Role.EDITOR, "destination.update"));
        RULES.put("DELETE /api/destinations/{name}", change(Role.EDITOR, "destination.delete"));
        RULES.put("POST /api/destinations/{name}/check", change(Role.EDITOR, "destination.check"));
        RULES.put("GET /api/destination-types", read(Role.VIEWER));
        RULES.put("GET /api/syncs", read(Role.VIEWER));
        RULES.put("POST /api/syncs", change(Role.EDITOR, "sync.create"));
        RULES.put("POST /api/syncs/after-build", change(Role.EDITOR, "sync.after-build"));
        RULES.put("GET /api/syncs/{name}", read(Role.VIEWER));
        RULES.put("PUT /api/syncs/{name}", change(Role.EDITOR, "sync.update"));
        RULES.put("DELETE /api/syncs/{name}", change(Role.EDITOR, "sync.delete"));
        RULES.put("POST /api/syncs/{name}/run", change(Role.EDITOR, "sync.run"));
        RULES.put("GET /api/syncs/{name}/preview", read(Role.VIEWER));
        RULES.put("GET /api/syncs/{name}/runs", read(Role.VIEWER));
        RULES.put("GET /api/syncs/{name}/errors", read(Role.VIEWER));
        RULES.put("POST /api/sync-runs/{id}/approve", change(Role.EDITOR, "sync.approve"));
        RULES.put("GET /api/metrics", read(Role.VIEWER));
        RULES.put("GET /api/metrics/{name}", read(Role.VIEWER));
        RULES.put("GET /api/score-models", read(Role.VIEWER));
        RULES.put("GET /api/customers", read(Role.VIEWER));
        RULES.put("GET /api/customers/{id}", read(Role.VIEWER));

        RULES.put("GET /api/users", read(Role.ADMIN));
        RULES.put("POST /api/users", change(Role.ADMIN, "user.create"));
        RULES.put("PATCH /api/users/{name}", change(Role.ADMIN, "user.update"));
        RULES.put("POST /api/users/{name}/password", change(Role.ADMIN, "user.password"));
        // Everyone manages their own keys; the handlers let only admins touch another user's.
        RULES.put("GET /api/users/{name}/keys", read(Role.VIEWER));
        RULES.put("POST /api/users/{name}/keys", change(Role.VIEWER, "key.create"));
        RULES.put("DELETE /api/users/{name}/keys/{id}", change(Role.VIEWER, "key.revoke"));
        RULES.put("GET /api/audit", read(Role.ADMIN));
    }

    private AccessRules() {
    }

    /** @throws OwnstackException INTERNAL when the route has no rule: every route must have one */
    public static AccessRule of(String method, String path) {
        AccessRule rule = RULES.get(method + " " + path);
        if (rule == null) {
            throw new OwnstackException(ErrorCode.INTERNAL, "route " + method + " " + path + " has no access rule; add one to AccessRules");
        }
        return rule;
    }

    /** Every rule, as {@code METHOD /path}, in the order of the table. */
    public static Map<String, AccessRule> all() {
        return java.util.Collections.unmodifiableMap(RULES);
    }
}
