package dev.ownstack.server;

import static dev.ownstack.server.SecuredServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.server.auth.Role;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The users and keys API, and the audit rows it leaves. */
class UserApiTest {
    private static final String NEW_PASSWORD = "carol-chose-a-long-one";

    private SecuredServer server;

    @BeforeEach
    void start() {
        server = new SecuredServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> admin(String method, String path, String body) {
        return server.withKey(Role.ADMIN, method, path, body);
    }

    @Test
    void admins_create_list_and_change_users_without_any_hash_in_the_answers() {
        HttpResponse<String> created = admin("POST", "/api/users", "{\"name\":\"carol\",\"role\":\"viewer\",\"password\":\"" + NEW_PASSWORD + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("viewer", json(created).path("role").asText());
        HttpResponse<String> list = admin("GET", "/api/users", null);
        assertEquals(List.of("admin", "carol", "editor", "viewer"), names(json(list).path("users")));
        assertFalse(list.body().contains("argon2"), list.body());
        HttpResponse<String> promoted = admin("PATCH", "/api/users/carol", "{\"role\":\"editor\"}");
        assertEquals("editor", json(promoted).path("role").asText());
        assertEquals(409, admin("POST", "/api/users", "{\"name\":\"carol\",\"role\":\"viewer\",\"password\":\"" + NEW_PASSWORD + "\"}").statusCode());
        HttpResponse<String> weak = admin("POST", "/api/users", "{\"name\":\"dan\",\"role\":\"viewer\",\"password\":\"short\"}");
        assertEquals(400, weak.statusCode());
        assertEquals("password", json(weak).path("path").asText(), weak.body());
        HttpResponse<String> badRole = admin("PATCH", "/api/users/carol", "{\"role\":\"owner\"}");
        assertEquals("role: must be one of viewer, editor, admin, got 'owner'", json(badRole).path("message").asText());
        assertEquals(400, admin("PATCH", "/api/users/carol", "{\"password\":\"x\"}").statusCode());
    }

    @Test
    void a_role_change_takes_effect_on_the_next_request() {
        assertEquals(403, server.withKey(Role.VIEWER, "DELETE", "/api/audiences/vip", null).statusCode());
        admin("PATCH", "/api/users/viewer", "{\"role\":\"editor\"}");
        assertEquals(404, server.withKey(Role.VIEWER, "DELETE", "/api/audiences/vip", null).statusCode());
    }

    @Test
    void a_disabled_user_is_refused_by_key_session_and_sign_in() {
        SecuredServer.Browser browser = server.browser(Role.EDITOR);
        assertEquals(200, admin("PATCH", "/api/users/editor", "{\"disabled\":true}").statusCode());
        HttpResponse<String> byKey = server.withKey(Role.EDITOR, "GET", "/api/audiences", null);
        assertEquals(401, byKey.statusCode());
        assertTrue(json(byKey).path("message").asText().contains("user 'editor' is disabled"), byKey.body());
        assertEquals(401, server.call("GET", "/api/audiences", null, "Cookie", browser.cookie()).statusCode());
        HttpResponse<String> signIn = server.signIn("editor", SecuredServer.password(Role.EDITOR));
        assertEquals(401, signIn.statusCode());
        assertTrue(json(signIn).path("message").asText().contains("disabled"), signIn.body());
        admin("PATCH", "/api/users/editor", "{\"disabled\":false}");
        assertEquals(200, server.withKey(Role.EDITOR, "GET", "/api/audiences", null).statusCode());
    }

    @Test
    void a_password_reset_ends_the_users_sessions() {
        SecuredServer.Browser browser = server.browser(Role.VIEWER);
        assertEquals(204, admin("POST", "/api/users/viewer/password", "{\"password\":\"" + NEW_PASSWORD + "\"}").statusCode());
        assertEquals(401, server.call("GET", "/api/audiences", null, "Cookie", browser.cookie()).statusCode());
        assertEquals(401, server.signIn("viewer", SecuredServer.password(Role.VIEWER)).statusCode());
        assertEquals(200, server.signIn("viewer", NEW_PASSWORD).statusCode());
    }

    @Test
    void a_key_is_shown_once_listed_by_prefix_and_refused_once_revoked() {
        HttpResponse<String> created = server.withKey(Role.VIEWER, "POST", "/api/users/viewer/keys", null);
        assertEquals(201, created.statusCode(), created.body());
        String key = json(created).path("key").asText();
        String id = json(created).path("id").asText();
        assertTrue(key.startsWith(json(created).path("prefix").asText() + "_"), created.body());
        HttpResponse<String> list = server.withKey(Role.VIEWER, "GET", "/api/users/viewer/keys", null);
        assertEquals(2, json(list).path("keys").size(), list.body());
        assertFalse(list.body().contains(key), list.body());
        assertEquals(200, server.call("GET", "/api/syncs", null, "Authorization", "Bearer " + key).statusCode());
        assertEquals(403, server.call("POST", "/api/syncs/after-build", null, "Authorization", "Bearer " + key).statusCode(),
                "a key acts with its user's role");
        assertEquals(403, server.withKey(Role.EDITOR, "DELETE", "/api/users/viewer/keys/" + id, null).statusCode(),
                "only admins touch another user's keys");
        HttpResponse<String> revoked = admin("DELETE", "/api/users/viewer/keys/" + id, null);
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertFalse(json(revoked).path("revokedAt").isNull(), revoked.body());
        HttpResponse<String> after = server.call("GET", "/api/syncs", null, "Authorization", "Bearer " + key);
        assertEquals(401, after.statusCode());
        assertTrue(json(after).path("message").asText().endsWith("was revoked"), after.body());
        assertEquals(200, server.withKey(Role.VIEWER, "GET", "/api/syncs", null).statusCode(), "the user's other key still works");
    }

    @Test
    void writes_an_audit_row_for_each_change_refusals_and_sign_ins_included_and_never_a_secret() {
        admin("POST", "/api/users", "{\"name\":\"carol\",\"role\":\"viewer\",\"password\":\"" + NEW_PASSWORD + "\"}");
        server.withKey(Role.VIEWER, "DELETE", "/api/audiences/vip", null);
        server.signIn("carol", "a-wrong-password-here");
        server.signIn("carol", NEW_PASSWORD);
        String key = json(server.withKey(Role.EDITOR, "POST", "/api/users/editor/keys", null)).path("key").asText();
        server.withKey(Role.VIEWER, "GET", "/api/syncs", null);
        HttpResponse<String> audit = admin("GET", "/api/audit?limit=10", null);
        assertEquals(200, audit.statusCode(), audit.body());
        List<String> rows = new ArrayList<>();
        for (JsonNode entry : json(audit).path("entries")) {
            rows.add(entry.path("actor").asText() + " " + entry.path("action").asText() + " " + entry.path("target").asText() + " "
                    + entry.path("outcome").asText());
        }
        assertEquals(List.of("editor key.create editor success", "carol session.create  success", "carol session.create  UNAUTHORIZED",
                "viewer audience.delete vip FORBIDDEN", "admin user.create  success"), rows);
        assertEquals(5, json(audit).path("total").asLong());
        assertFalse(audit.body().contains(NEW_PASSWORD), audit.body());
        assertFalse(audit.body().contains("a-wrong-password-here"), audit.body());
        assertFalse(audit.body().contains(key.substring(17)), audit.body());
        HttpResponse<String> page = admin("GET", "/api/audit?limit=2&offset=1&actor=carol", null);
        assertEquals(1, json(page).path("entries").size(), page.body());
        assertEquals(400, admin("GET", "/api/audit?limit=0", null).statusCode());
        HttpResponse<String> refused = admin("GET", "/api/audit?outcome=failed&action=SESSION", null);
        assertEquals(1, json(refused).path("total").asLong(), refused.body());
        assertEquals("UNAUTHORIZED", json(refused).path("entries").path(0).path("outcome").asText(), refused.body());
        HttpResponse<String> badOutcome = admin("GET", "/api/audit?outcome=maybe", null);
        assertEquals(400, badOutcome.statusCode());
        assertTrue(badOutcome.body().contains("outcome: must be success or failed (refused or failed), got 'maybe'"), badOutcome.body());
    }

    private static List<String> names(JsonNode users) {
        List<String> names = new ArrayList<>();
        users.forEach(user -> names.add(user.path("name").asText()));
        return names;
    }
}
