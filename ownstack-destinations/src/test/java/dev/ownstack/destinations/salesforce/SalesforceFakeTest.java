package dev.ownstack.destinations.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake org refuses what Salesforce refuses, in Salesforce's words. */
class SalesforceFakeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SalesforceFake fake = new SalesforceFake();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void a_data_request_without_a_current_token_is_an_invalid_session() throws Exception {
        HttpResponse<String> answer = send("GET", "/services/data/v62.0/sobjects/Contact/describe", "Bearer expired", null);
        assertEquals(401, answer.statusCode());
        assertEquals("INVALID_SESSION_ID", JSON.readTree(answer.body()).get(0).path("errorCode").asText());
    }

    @Test
    void more_than_200_records_in_a_collection_are_refused_as_a_whole() throws Exception {
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < 201; i++) {
            records.append(i == 0 ? "" : ",").append("{\"attributes\":{\"type\":\"Contact\"},\"Ownstack_Id__c\":\"k").append(i)
                    .append("\",\"LastName\":\"L\"}");
        }
        HttpResponse<String> answer = send("PATCH", "/services/data/v62.0/composite/sobjects/Contact/Ownstack_Id__c", token(),
                "{\"allOrNone\":false,\"records\":[" + records + "]}");
        assertEquals(400, answer.statusCode());
        assertEquals("EXCEEDED_ID_LIMIT", JSON.readTree(answer.body()).get(0).path("errorCode").asText());
        assertTrue(fake.held().isEmpty());
    }

    @Test
    void a_record_without_its_type_attribute_is_refused() throws Exception {
        HttpResponse<String> answer = send("PATCH", "/services/data/v62.0/composite/sobjects/Contact/Ownstack_Id__c", token(),
                "{\"allOrNone\":false,\"records\":[{\"Ownstack_Id__c\":\"k1\",\"LastName\":\"L\"}]}");
        assertEquals(400, answer.statusCode());
        JsonNode error = JSON.readTree(answer.body()).get(0);
        assertEquals("INVALID_TYPE", error.path("errorCode").asText());
        assertEquals("Must send a concrete entity type.", error.path("message").asText());
    }

    @Test
    void per_record_errors_come_in_a_200_in_request_order() throws Exception {
        HttpResponse<String> answer = send("PATCH", "/services/data/v62.0/composite/sobjects/Contact/Ownstack_Id__c", token(),
                "{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":\"Contact\"},\"Ownstack_Id__c\":\"k1\",\"Email\":\"nope\",\"LastName\":\"L\"},"
                        + "{\"attributes\":{\"type\":\"Contact\"},\"Ownstack_Id__c\":\"k2\",\"LastName\":\"L\"}]}");
        assertEquals(200, answer.statusCode());
        JsonNode results = JSON.readTree(answer.body());
        assertEquals("INVALID_EMAIL_ADDRESS", results.get(0).path("errors").get(0).path("statusCode").asText());
        assertEquals("Email", results.get(0).path("errors").get(0).path("fields").get(0).asText());
        assertTrue(results.get(1).path("success").asBoolean());
        assertTrue(results.get(1).path("created").asBoolean());
        assertEquals(java.util.Set.of("k2"), fake.held().keySet());
        assertEquals(java.util.Set.of(), fake.memberEmails("any"));
    }

    @Test
    void the_token_endpoint_refuses_a_wrong_secret_as_invalid_client() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/services/oauth2/token"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + SalesforceFake.CLIENT_ID
                        + "&client_secret=wrong")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, answer.statusCode());
        assertEquals(Map.of("error", "invalid_client", "error_description", "invalid client credentials"),
                JSON.readValue(answer.body(), Map.class));
    }

    private String token() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/services/oauth2/token"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=" + SalesforceFake.CLIENT_ID
                        + "&client_secret=" + SalesforceFake.CLIENT_SECRET + "&refresh_token=" + SalesforceFake.REFRESH_TOKEN)).build(),
                HttpResponse.BodyHandlers.ofString());
        return "Bearer " + JSON.readTree(answer.body()).path("access_token").asText();
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path)).header("authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
