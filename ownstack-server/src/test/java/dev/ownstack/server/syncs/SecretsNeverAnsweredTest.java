package dev.ownstack.server.syncs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.server.TestServer;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No answer of the API holds a secret of the project's destinations, whichever route and name is asked. */
class SecretsNeverAnsweredTest {
    @Test
    void no_route_answers_a_destination_secret() {
        try (TestServer test = TestServer.start(DestinationApiTest.project(""), DuckDbWarehouse::inMemory,
                new Destinations(List.of(new MemoryDestinationFactory())))) {
            List<String> leaks = new ArrayList<>();
            int answered = 0;
            for (String route : test.routes()) {
                String[] parts = route.split(" ");
                boolean read = parts[0].equals("GET") || route.equals("POST /api/destinations/{name}/check");
                if (!read || !parts[1].startsWith("/api/")) {
                    continue;
                }
                for (String name : List.of("crm", "down", "broken", "vip-to-crm")) {
                    String path = parts[1].replace("{name}", name).replace("{id}", "1");
                    HttpResponse<String> response = test.send(test.request(path).header("Authorization", "Bearer " + TestServer.API_KEY)
                            .method(parts[0], HttpRequest.BodyPublishers.noBody()).build());
                    answered += response.statusCode() == 200 ? 1 : 0;
                    if (response.body().contains(DestinationApiTest.TOKEN) || response.body().contains("written-in-the-file")) {
                        leaks.add(route + " as " + name + ": " + response.body());
                    }
                }
            }
            assertTrue(answered >= 20, "answers with 200: " + answered);
            assertEquals(List.of(), leaks);
        }
    }
}
