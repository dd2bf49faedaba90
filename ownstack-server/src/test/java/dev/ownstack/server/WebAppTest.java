package dev.ownstack.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.server.auth.Role;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web app's page and files over real HTTP: who is signed in, the security headers, caching and bad paths. */
class WebAppTest {
    private static SecuredServer server;

    @BeforeAll
    static void start() {
        server = new SecuredServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_root_leads_to_the_app() {
        HttpResponse<String> response = server.call("GET", "/", null);
        assertEquals(302, response.statusCode());
        assertEquals("/app/", response.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void the_page_without_a_session_names_nobody_and_forbids_inline_scripts_and_framing() {
        HttpResponse<String> response = server.call("GET", "/app/", null);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("<script type=\"module\" src=\"/app/assets/app.js\"></script>"), response.body());
        assertFalse(response.body().contains("ownstack-user"), response.body());
        String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.contains("script-src 'self';") && policy.contains("frame-ancestors 'none'"), policy);
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow());
    }

    @Test
    void the_page_with_a_session_names_the_user_role_and_csrf_token() {
        HttpResponse<String> signIn = server.signIn("editor", SecuredServer.password(Role.EDITOR));
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String token = SecuredServer.json(signIn).path("csrfToken").asText();
        String page = server.call("GET", "/app", null, "Cookie", cookie).body();
        assertTrue(page.contains("<meta name=\"ownstack-user\" content=\"editor\">"), page);
        assertTrue(page.contains("<meta name=\"ownstack-role\" content=\"editor\">"), page);
        assertTrue(page.contains("<meta name=\"ownstack-csrf\" content=\"" + token + "\">"), page);
        assertFalse(server.call("GET", "/app", null, "Cookie", "ownstack_session=made-up").body().contains("ownstack-user"));
    }

    @Test
    void an_api_key_does_not_sign_the_page_in() {
        String page = server.withKey(Role.ADMIN, "GET", "/app", null).body();
        assertFalse(page.contains("ownstack-user"), "a browser page works with its session only: " + page);
    }

    @Test
    void serves_scripts_with_their_type_and_an_etag_and_answers_304_when_unchanged() {
        HttpResponse<String> script = server.call("GET", "/app/assets/app.js", null);
        assertEquals(200, script.statusCode());
        assertEquals("text/javascript; charset=utf-8", script.headers().firstValue("Content-Type").orElseThrow());
        String etag = script.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, server.call("GET", "/app/assets/app.js", null, "If-None-Match", etag).statusCode());
        assertEquals(200, server.call("GET", "/app/assets/pages/overview.js", null).statusCode());
        assertEquals("text/css; charset=utf-8", server.call("GET", "/app/assets/app.css", null).headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void refuses_unknown_files_and_paths_out_of_the_folder() {
        HttpResponse<String> missing = server.call("GET", "/app/assets/pages/nothing.js", null);
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("no asset 'pages/nothing.js'"), missing.body());
        assertEquals(404, server.call("GET", "/app/assets/../index.html", null).statusCode());
        assertEquals(404, server.call("GET", "/app/assets/%2e%2e/web/index.html", null).statusCode());
        assertEquals(404, server.call("GET", "/app/assets/app.java", null).statusCode());
    }
}
