package dev.ownstack.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.server.auth.AccessRule;
import dev.ownstack.server.auth.AccessRules;
import dev.ownstack.server.auth.Role;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every route the server registers: each has an access rule, refuses a request without
 * credentials (401) and one whose role is below its rule (403), and lets its role through.
 */
class RouteAccessTest {
    private static SecuredServer server;

    @BeforeAll
    static void start() {
        server = new SecuredServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The registered routes with their rules, as {@code METHOD} and a path with every parameter filled in. */
    private static Map<String, AccessRule> guarded() {
        Map<String, AccessRule> routes = new java.util.LinkedHashMap<>();
        for (String route : server.test.server.routes()) {
            String[] parts = route.split(" ");
            AccessRule rule = AccessRules.of(parts[0], parts[1]);
            if (rule.role().isPresent()) {
                routes.put(route, rule);
            }
        }
        return routes;
    }

    private static HttpResponse<String> call(String route, String... headers) {
        return callNaming(route, "no-such-thing", headers);
    }

    /** @param name what {name} becomes */
    private static HttpResponse<String> callNaming(String route, String name, String... headers) {
        String[] parts = route.split(" ");
        String path = parts[1].replace("{endpoint}", "track").replace("{id}", "000000000000").replace("{name}", name);
        return server.call(parts[0], path, "POST".equals(parts[0]) || "PUT".equals(parts[0]) || "PATCH".equals(parts[0]) ? "{}" : null, headers);
    }

    @Test
    void every_registered_route_has_an_access_rule_and_every_rule_a_route() {
        List<String> routes = server.test.server.routes();
        assertTrue(routes.size() >= 44, routes.toString());
        assertEquals(new TreeSet<>(AccessRules.all().keySet()), new TreeSet<>(routes));
        assertEquals(List.of("GET /", "GET /app", "GET /app/assets/<path>", "GET /health", "OPTIONS /v1/{endpoint}", "POST /api/session",
                "POST /v1/{endpoint}"), routes.stream()
                .filter(route -> AccessRules.all().get(route).role().isEmpty()).sorted().toList());
    }

    @Test
    void every_guarded_route_refuses_a_request_without_valid_credentials() {
        List<String> wrong = new ArrayList<>();
        for (String route : guarded().keySet()) {
            for (String[] headers : List.of(new String[0], new String[] {"Authorization", "Bearer osk_000000000000_"
                    + "A".repeat(43)}, new String[] {"Cookie", "ownstack_session=made-up"}, new String[] {"Authorization", "Basic YWRtaW46eA=="})) {
                HttpResponse<String> response = call(route, headers);
                if (response.statusCode() != 401) {
                    wrong.add(route + " " + List.of(headers) + " -> " + response.statusCode() + " " + response.body());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void every_route_refuses_the_role_below_its_rule() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, AccessRule> route : guarded().entrySet()) {
            Role required = route.getValue().role().orElseThrow();
            Optional<Role> below = required == Role.ADMIN ? Optional.of(Role.EDITOR) : required == Role.EDITOR ? Optional.of(Role.VIEWER)
                    : Optional.empty();
            if (below.isEmpty()) {
                continue;
            }
            checked++;
            HttpResponse<String> response = call(route.getKey(), "Authorization", "Bearer " + server.keys.get(below.get()));
            if (response.statusCode() != 403 || !response.body().contains("\"error\":\"FORBIDDEN\"") && !response.body().contains("\"code\":\"FORBIDDEN\"")) {
                wrong.add(route.getKey() + " as " + below.get() + " -> " + response.statusCode() + " " + response.body());
            }
        }
        assertTrue(checked >= 13, "routes above viewer: " + checked);
        assertEquals(List.of(), wrong);
    }

    @Test
    void every_route_lets_its_own_role_through() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, AccessRule> route : guarded().entrySet()) {
            if (route.getKey().equals("DELETE /api/session")) {
                continue;
            }
            Role required = route.getValue().role().orElseThrow();
            // a user's own keys are theirs to manage, whatever the role
            String name = route.getKey().contains("/api/users/{name}/keys") ? required.label() : "no-such-thing";
            HttpResponse<String> response = callNaming(route.getKey(), name, "Authorization", "Bearer " + server.keys.get(required));
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                wrong.add(route.getKey() + " as " + required + " -> " + response.statusCode() + " " + response.body());
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void keys_of_server_api_keys_act_as_admin() {
        HttpResponse<String> response = server.call("GET", "/api/audit", null, "Authorization", "Bearer " + TestServer.API_KEY);
        assertEquals(200, response.statusCode(), response.body());
        HttpResponse<String> session = server.call("GET", "/api/session", null, "Authorization", "Bearer " + TestServer.API_KEY);
        assertEquals("{\"user\":\"api-key\",\"role\":\"admin\",\"via\":\"server-key\"}", session.body());
    }
}
