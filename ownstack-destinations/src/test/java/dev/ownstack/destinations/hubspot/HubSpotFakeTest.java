package dev.ownstack.destinations.hubspot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake refuses what HubSpot refuses, in HubSpot's formats: the contract relies on it. */
class HubSpotFakeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPSERT = "/crm/v3/objects/contacts/batch/upsert";
    private final HubSpotFake fake = new HubSpotFake();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void refuses_a_request_without_the_private_app_token() throws Exception {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + UPSERT))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(401, answer.statusCode());
        assertEquals("INVALID_AUTHENTICATION", JSON.readTree(answer.body()).path("category").asText());
    }

    @Test
    void refuses_more_than_100_inputs_duplicate_ids_and_a_non_unique_id_property() throws Exception {
        StringJoiner inputs = new StringJoiner(",", "{\"inputs\":[", "]}");
        for (int i = 0; i < 101; i++) {
            inputs.add("{\"idProperty\":\"email\",\"id\":\"c" + i + "@example.com\",\"properties\":{}}");
        }

        JsonNode tooMany = post(UPSERT, inputs.toString(), 400);
        JsonNode duplicate = post(UPSERT, "{\"inputs\":[{\"idProperty\":\"email\",\"id\":\"a@example.com\",\"properties\":{}},"
                + "{\"idProperty\":\"email\",\"id\":\"A@example.com\",\"properties\":{}}]}", 400);
        JsonNode notUnique = post(UPSERT, "{\"inputs\":[{\"idProperty\":\"firstname\",\"id\":\"Ada\",\"properties\":{}}]}", 400);

        assertTrue(tooMany.path("message").asText().contains("101"), tooMany.toString());
        assertTrue(duplicate.path("message").asText().startsWith("Duplicate IDs found in batch input"), duplicate.toString());
        assertTrue(notUnique.path("message").asText().contains("non-unique property: firstname"), notUnique.toString());
        assertEquals(0, fake.held().size());
    }

    @Test
    void answers_207_naming_the_input_with_an_invalid_email() throws Exception {
        JsonNode answer = post(UPSERT, "{\"inputs\":[{\"idProperty\":\"email\",\"id\":\"ada@example.com\",\"properties\":{}},"
                + "{\"idProperty\":\"email\",\"id\":\"not-an-email\",\"objectWriteTraceId\":\"1\",\"properties\":{}}]}", 207);

        assertEquals(1, answer.path("results").size());
        assertEquals(1, answer.path("numErrors").asInt());
        JsonNode error = answer.path("errors").path(0);
        assertEquals("VALIDATION_ERROR", error.path("category").asText());
        assertEquals("not-an-email", error.path("context").path("ids").path(0).asText());
        assertEquals("1", error.path("context").path("objectWriteTraceId").path(0).asText());
        assertEquals("INVALID_EMAIL", error.path("errors").path(0).path("code").asText());
    }

    @Test
    void refuses_an_input_without_its_id_or_properties() throws Exception {
        JsonNode noId = post(UPSERT, "{\"inputs\":[{\"idProperty\":\"email\",\"properties\":{}}]}", 400);
        JsonNode noProperties = post("/crm/v3/objects/contacts/batch/update", "{\"inputs\":[{\"id\":\"1001\"}]}", 400);

        assertEquals("VALIDATION_ERROR", noId.path("category").asText());
        assertTrue(noProperties.path("message").asText().contains("requires an id and properties"), noProperties.toString());
    }

    @Test
    void refuses_a_body_that_is_not_json_by_its_content_type() throws Exception {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + UPSERT))
                .header("authorization", "Bearer " + fake.accessToken()).header("content-type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":[]}")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(415, answer.statusCode());
    }

    private JsonNode post(String path, String body, int status) throws IOException, InterruptedException {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                .header("authorization", "Bearer " + fake.accessToken()).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }
}
