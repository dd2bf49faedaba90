package dev.ownstack.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.config.CollectorConfig;
import dev.ownstack.core.config.Secret;
import dev.ownstack.server.auth.PasswordHasher;
import dev.ownstack.server.auth.Role;
import dev.ownstack.server.auth.UserStore;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A server whose warehouse (an in-memory DuckDB held open) has the users {@code admin},
 * {@code editor} and {@code viewer}, each with an API key, and which also accepts
 * {@link TestServer#API_KEY} from {@code server.api-keys}; 127.0.0.1 is a trusted proxy.
 */
final class SecuredServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final Warehouse held = DuckDbWarehouse.inMemory();
    final Map<Role, String> keys = new EnumMap<>(Role.class);
    final TestServer test;

    SecuredServer() {
        UserStore store = new UserStore(held, new PasswordHasher());
        for (Role role : Role.values()) {
            store.add(role.label(), role, password(role), Instant.now());
            keys.put(role, store.createKey(role.label(), Instant.now()).text());
        }
        test = TestServer.start(TestServer.config(0, List.of("127.0.0.1"), List.of(Secret.literal(TestServer.API_KEY)),
                CollectorConfig.defaults(Path.of("/tmp/unused"))), held::openSibling);
    }

    static String password(Role role) {
        return role.label() + "-password-long-enough";
    }

    /** A request with the given method and body (empty when null) and headers in pairs. */
    HttpResponse<String> call(String method, String path, String body, String... headers) {
        HttpRequest.Builder builder = test.request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return test.send(builder.build());
    }

    HttpResponse<String> withKey(Role role, String method, String path, String body) {
        return call(method, path, body, "Authorization", "Bearer " + keys.get(role));
    }

    /** Signs in; the answer's body has the CSRF token, its Set-Cookie the session. */
    HttpResponse<String> signIn(String name, String password, String... headers) {
        return call("POST", "/api/session", "{\"name\":" + quote(name) + ",\"password\":" + quote(password) + "}", headers);
    }

    /** A signed-in browser: the cookie header and the CSRF token. */
    record Browser(String cookie, String csrfToken) {
    }

    Browser browser(Role role) {
        HttpResponse<String> response = signIn(role.label(), password(role));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("sign-in of " + role + " failed: " + response.body());
        }
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return new Browser(cookie, json(response).path("csrfToken").asText());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        test.close();
        held.close();
    }
}
