package dev.ownstack.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.server.api.ApiJson;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code /api/users}: admins list and create users, change a role, disable or enable a user and
 * reset a password; every user manages their own API keys, admins anyone's. Password hashes and
 * key hashes never leave the server; a key's text is answered once, when it is created.
 */
public final class UserEndpoints {
    private static final Set<String> PATCHABLE = Set.of("role", "disabled");

    private final Directory directory;
    private final Sessions sessions;
    private final Guard guard;
    private final Clock clock;

    public UserEndpoints(Directory directory, Sessions sessions, Guard guard, Clock clock) {
        this.directory = directory;
        this.sessions = sessions;
        this.guard = guard;
        this.clock = clock;
    }

    /** {@code GET /api/users}. */
    public void list(Context context) {
        ObjectNode body = ApiJson.NODES.objectNode();
        ArrayNode users = body.putArray("users");
        directory.read(UserStore::list).forEach(user -> users.add(json(user)));
        ApiJson.write(context, 200, body);
    }

    /** {@code POST /api/users} {@code {"name", "role", "password"}}; 201. */
    public void create(Context context) {
        ObjectNode body = ApiJson.object(context);
        String name = text(body, "name");
        Role role = Role.parse(text(body, "role"));
        String password = text(body, "password");
        User user = directory.change(store -> store.add(name, role, password, clock.instant()));
        ApiJson.write(context, 201, json(user));
    }

    /** {@code PATCH /api/users/{name}} {@code {"role": ..., "disabled": ...}}, either or both. */
    public void update(Context context) {
        String name = context.pathParam("name");
        ObjectNode body = ApiJson.object(context);
        for (Iterator<String> fields = body.fieldNames(); fields.hasNext();) {
            String field = fields.next();
            if (!PATCHABLE.contains(field)) {
                throw new OwnstackException(ErrorCode.INPUT_INVALID, field + ": unknown field; a user's role and disabled can be changed");
            }
        }
        if (body.isEmpty()) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "the body must set role, disabled or both");
        }
        JsonNode disabled = body.get("disabled");
        if (disabled != null && !disabled.isBoolean()) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "disabled: must be true or false, got " + disabled);
        }
        Role role = body.has("role") ? Role.parse(text(body, "role")) : null;
        User user = directory.change(store -> {
            User changed = store.get(name);
            if (role != null) {
                changed = store.setRole(name, role);
            }
            if (disabled != null) {
                changed = store.setDisabled(name, disabled.asBoolean());
            }
            return changed;
        });
        if (user.disabled()) {
            sessions.endAll(name);
        }
        ApiJson.write(context, 200, json(user));
    }

    /** {@code POST /api/users/{name}/password} {@code {"password": ...}}: ends the user's sessions; 204. */
    public void resetPassword(Context context) {
        String name = context.pathParam("name");
        String password = text(ApiJson.object(context), "password");
        directory.change(store -> {
            store.setPassword(name, password);
            return null;
        });
        sessions.endAll(name);
        context.status(204);
    }

    /** {@code POST /api/users/{name}/keys}: a new key, its text answered this once; 201. */
    public void createKey(Context context) {
        String name = ownOrAdmin(context);
        KeyToken token = directory.change(store -> store.createKey(name, clock.instant()));
        ApiKey key = directory.read(store -> store.keys(name)).stream().filter(k -> k.id().equals(token.id())).findFirst().orElseThrow();
        ObjectNode body = json(key);
        body.put("key", token.text());
        ApiJson.write(context, 201, body);
    }

    /** {@code GET /api/users/{name}/keys}: prefixes only. */
    public void keys(Context context) {
        String name = ownOrAdmin(context);
        ObjectNode body = ApiJson.NODES.objectNode();
        ArrayNode keys = body.putArray("keys");
        directory.read(store -> store.keys(name)).forEach(key -> keys.add(json(key)));
        ApiJson.write(context, 200, body);
    }

    /** {@code DELETE /api/users/{name}/keys/{id}}: revokes the key at once. */
    public void revokeKey(Context context) {
        String name = ownOrAdmin(context);
        String id = context.pathParam("id");
        ApiKey key = directory.change(store -> store.revokeKey(name, id, clock.instant()));
        ApiJson.write(context, 200, json(key));
    }

    private String ownOrAdmin(Context context) {
        String name = context.pathParam("name");
        Principal principal = guard.principal(context);
        if (!principal.name().equals(name) && !principal.role().includes(Role.ADMIN)) {
            throw new OwnstackException(ErrorCode.FORBIDDEN, "only admins manage the keys of another user; '" + principal.name() + "' is "
                    + principal.role().label());
        }
        return name;
    }

    static ObjectNode json(User user) {
        ObjectNode node = ApiJson.NODES.objectNode();
        node.put("name", user.name());
        node.put("role", user.role().label());
        node.put("createdAt", user.createdAt().toString());
        node.put("disabled", user.disabled());
        return node;
    }

    static ObjectNode json(ApiKey key) {
        ObjectNode node = ApiJson.NODES.objectNode();
        node.put("id", key.id());
        node.put("user", key.user());
        node.put("prefix", key.prefix());
        node.put("createdAt", key.createdAt().toString());
        key.lastUsedAt().ifPresentOrElse(at -> node.put("lastUsedAt", at.toString()), () -> node.putNull("lastUsedAt"));
        key.revokedAt().ifPresentOrElse(at -> node.put("revokedAt", at.toString()), () -> node.putNull("revokedAt"));
        return node;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, field + ": must be a string");
        }
        return value.asText();
    }
}
