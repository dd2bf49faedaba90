package dev.ownstack.server.syncs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.server.TestServer;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No answer of the API holds a secret of the project's destinations, whichever route and name is
 * asked: those of ownstack.yml and one saved through the API, including the answers to saving and
 * checking it.
 */
class SecretsNeverAnsweredTest {
    private static final String SAVED = "saved-secret-through-the-api";
    private static final List<String> READS = List.of("POST /api/destinations/{name}/check", "POST /api/destinations/check");

    @TempDir
    Path project;

    @Test
    void no_route_answers_a_destination_secret() {
        try (Warehouse held = DuckDbWarehouse.inMemory();
             TestServer test = TestServer.start(DestinationApiTest.project(project, ""), held::openSibling,
                new Destinations(List.of(new MemoryDestinationFactory())))) {
            // The server's event loader creates this schema when it starts; two connections creating it at once conflict in DuckDB.
            held.execute("CREATE SCHEMA IF NOT EXISTS ownstack");
            List<String> leaks = new ArrayList<>();
            String body = "{\"name\": \"saved\", \"type\": \"memory\", \"settings\": {\"url\": \"ok:saved\", \"token\": \"" + SAVED + "\"}}";
            HttpResponse<String> created = send(test, "POST", "/api/destinations", body);
            assertEquals(201, created.statusCode(), created.body());
            HttpResponse<String> updated = send(test, "PUT", "/api/destinations/saved", body);
            assertEquals(200, updated.statusCode(), updated.body());
            for (HttpResponse<String> response : List.of(created, updated)) {
                if (response.body().contains(SAVED)) {
                    leaks.add("saving: " + response.body());
                }
            }
            int answered = 0;
            for (String route : test.routes()) {
                String[] parts = route.split(" ");
                boolean read = parts[0].equals("GET") || READS.contains(route);
                if (!read || !parts[1].startsWith("/api/")) {
                    continue;
                }
                for (String name : List.of("crm", "down", "broken", "vip-to-crm", "saved")) {
                    String path = parts[1].replace("{name}", name).replace("{id}", "1");
                    HttpResponse<String> response = send(test, parts[0], path, parts[0].equals("POST")
                            ? "{\"name\": \"" + name + "\", \"type\": \"memory\", \"settings\": {\"url\": \"ok:x\"}}" : null);
                    answered += response.statusCode() == 200 ? 1 : 0;
                    if (response.body().contains(DestinationApiTest.TOKEN) || response.body().contains("written-in-the-file")
                            || response.body().contains(SAVED)) {
                        leaks.add(route + " as " + name + ": " + response.body());
                    }
                }
            }
            assertTrue(answered >= 30, "answers with 200: " + answered);
            assertEquals(List.of(), leaks);
        }
    }

    private static HttpResponse<String> send(TestServer test, String method, String path, String body) {
        return test.send(test.request(path).header("Authorization", "Bearer " + TestServer.API_KEY).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
