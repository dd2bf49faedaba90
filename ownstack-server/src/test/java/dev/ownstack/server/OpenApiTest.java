package dev.ownstack.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.server.auth.AccessRules;
import dev.ownstack.server.auth.Role;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI description the server serves covers exactly the routes registered under /api/, each with the role AccessRules gives it. */
class OpenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void describes_every_api_route_and_nothing_else() throws Exception {
        try (TestServer test = TestServer.start()) {
            HttpResponse<String> response = test.get("/api/openapi.json", "Authorization", "Bearer " + TestServer.API_KEY);
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            JsonNode document = JSON.readTree(response.body());
            assertTrue(document.path("openapi").asText().startsWith("3."), document.path("openapi").asText());
            Set<String> described = new TreeSet<>();
            document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    described.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }));
            Set<String> registered = new TreeSet<>(test.server.routes().stream().filter(route -> route.split(" ")[1].startsWith("/api/")).toList());
            assertTrue(registered.size() >= 16, registered.toString());
            assertEquals(registered, described);
            List<String> wrongRoles = new ArrayList<>();
            document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
                if (METHODS.contains(operation.getKey())) {
                    String method = operation.getKey().toUpperCase(Locale.ROOT);
                    String documented = operation.getValue().path("x-ownstack-role").asText("");
                    String ruled = AccessRules.of(method, path.getKey()).role().map(Role::label).orElse("");
                    if (!documented.equals(ruled)) {
                        wrongRoles.add(method + " " + path.getKey() + ": documented '" + documented + "', AccessRules '" + ruled + "'");
                    }
                }
            }));
            assertEquals(List.of(), wrongRoles);
            List<String> unresolved = new ArrayList<>();
            collectReferences(document, document, unresolved);
            assertEquals(List.of(), unresolved);
        }
    }

    @Test
    void needs_an_api_key_like_the_rest_of_the_api() {
        try (TestServer test = TestServer.start()) {
            assertEquals(401, test.get("/api/openapi.json").statusCode());
        }
    }

    /** Every {@code $ref} points at a schema the document has. */
    private static void collectReferences(JsonNode document, JsonNode node, List<String> unresolved) {
        if (node.isObject()) {
            JsonNode reference = node.get("$ref");
            if (reference != null && document.at(reference.asText().substring(1)).isMissingNode()) {
                unresolved.add(reference.asText());
            }
            node.elements().forEachRemaining(child -> collectReferences(document, child, unresolved));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectReferences(document, child, unresolved));
        }
    }
}
