package dev.ownstack.server;

import static dev.ownstack.server.SecuredServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.server.auth.Role;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sign-in, sessions and CSRF over real HTTP. */
class SessionApiTest {
    private SecuredServer server;

    @BeforeEach
    void start() {
        server = new SecuredServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void signs_in_with_an_http_only_strict_cookie_and_answers_the_csrf_token() {
        HttpResponse<String> response = server.signIn("editor", SecuredServer.password(Role.EDITOR));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertEquals("editor", body.path("user").asText());
        assertEquals("editor", body.path("role").asText());
        assertEquals(43, body.path("csrfToken").asText().length());
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.matches("ownstack_session=[A-Za-z0-9_-]{43};.*"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertTrue(cookie.contains("Path=/"), cookie);
        assertFalse(cookie.contains("Secure"), "plain http: " + cookie);
        assertFalse(response.body().contains(cookie.split(";")[0].split("=")[1]), "the session id is only in the cookie");
    }

    @Test
    void marks_the_cookie_secure_when_a_trusted_proxy_says_the_request_came_over_https() {
        HttpResponse<String> response = server.signIn("viewer", SecuredServer.password(Role.VIEWER), "X-Forwarded-Proto", "https");
        assertTrue(response.headers().firstValue("Set-Cookie").orElseThrow().contains("Secure"), response.headers().map().toString());
    }

    @Test
    void refuses_a_wrong_password_and_an_unknown_user_alike() {
        HttpResponse<String> wrong = server.signIn("editor", "not-the-password-at-all");
        HttpResponse<String> unknown = server.signIn("nobody", "not-the-password-at-all");
        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        assertEquals(json(wrong).path("message"), json(unknown).path("message"));
        assertEquals("the name or the password is wrong", json(wrong).path("message").asText());
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());
        assertEquals(400, server.call("POST", "/api/session", "{\"name\":\"editor\"}").statusCode());
    }

    @Test
    void tells_who_is_signed_in_and_signs_out() {
        SecuredServer.Browser browser = server.browser(Role.VIEWER);
        HttpResponse<String> who = server.call("GET", "/api/session", null, "Cookie", browser.cookie());
        assertEquals(200, who.statusCode(), who.body());
        assertEquals("viewer", json(who).path("user").asText());
        assertEquals("session", json(who).path("via").asText());
        assertEquals(browser.csrfToken(), json(who).path("csrfToken").asText());
        assertEquals(403, server.call("DELETE", "/api/session", null, "Cookie", browser.cookie()).statusCode(), "signing out needs the token too");
        HttpResponse<String> out = server.call("DELETE", "/api/session", null, "Cookie", browser.cookie(), "X-CSRF-Token", browser.csrfToken());
        assertEquals(204, out.statusCode(), out.body());
        String cleared = out.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cleared.startsWith("ownstack_session=;") && cleared.contains("Expires=Thu, 01 Jan 1970"), cleared);
        HttpResponse<String> after = server.call("GET", "/api/audiences", null, "Cookie", browser.cookie());
        assertEquals(401, after.statusCode());
        assertTrue(json(after).path("message").asText().contains("the session has ended"), after.body());
    }

    @Test
    void needs_the_csrf_token_on_every_unsafe_request_made_with_the_cookie() {
        SecuredServer.Browser browser = server.browser(Role.EDITOR);
        assertEquals(200, server.call("GET", "/api/audiences", null, "Cookie", browser.cookie()).statusCode(), "reads need no token");
        for (List<String> call : List.of(List.of("POST", "/api/audiences"), List.of("PUT", "/api/audiences/vip"),
                List.of("DELETE", "/api/audiences/vip"), List.of("POST", "/api/audiences/validate"))) {
            HttpResponse<String> without = server.call(call.get(0), call.get(1), "{}", "Cookie", browser.cookie());
            assertEquals(403, without.statusCode(), call + " " + without.body());
            assertTrue(json(without).path("message").asText().contains("X-CSRF-Token"), without.body());
            HttpResponse<String> wrong = server.call(call.get(0), call.get(1), "{}", "Cookie", browser.cookie(), "X-CSRF-Token",
                    browser.csrfToken().substring(1) + "x");
            assertEquals(403, wrong.statusCode(), call + " " + wrong.body());
            assertTrue(json(wrong).path("message").asText().contains("does not match"), wrong.body());
            HttpResponse<String> with = server.call(call.get(0), call.get(1), "{}", "Cookie", browser.cookie(), "X-CSRF-Token", browser.csrfToken());
            assertFalse(with.statusCode() == 401 || with.statusCode() == 403, call + " " + with.statusCode() + " " + with.body());
        }
    }

    @Test
    void another_sessions_csrf_token_does_not_do() {
        SecuredServer.Browser mine = server.browser(Role.EDITOR);
        SecuredServer.Browser theirs = server.browser(Role.ADMIN);
        assertEquals(403, server.call("DELETE", "/api/audiences/vip", null, "Cookie", mine.cookie(), "X-CSRF-Token", theirs.csrfToken())
                .statusCode());
    }

    @Test
    void api_keys_need_no_csrf_token() {
        HttpResponse<String> response = server.withKey(Role.EDITOR, "DELETE", "/api/audiences/vip", null);
        assertEquals(404, response.statusCode(), response.body());
    }

    @Test
    void slows_repeated_failed_sign_ins_of_a_name_from_an_address() {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, server.signIn("viewer", "wrong-password-" + i).statusCode());
        }
        HttpResponse<String> refused = server.signIn("viewer", SecuredServer.password(Role.VIEWER));
        assertEquals(429, refused.statusCode(), refused.body());
        assertTrue(json(refused).path("message").asText().startsWith("too many failed sign-ins for 'viewer' from 127.0.0.1"), refused.body());
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 60 && retryAfter <= 900, "Retry-After " + retryAfter);
        assertEquals(200, server.signIn("editor", SecuredServer.password(Role.EDITOR)).statusCode(), "another name is not held up");
    }
}
