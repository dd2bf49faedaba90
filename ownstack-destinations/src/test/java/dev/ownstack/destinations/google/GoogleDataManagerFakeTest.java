package dev.ownstack.destinations.google;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake refuses what Google documents it refuses, in Google's words, so the connector's tests mean something. */
class GoogleDataManagerFakeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HASH = "07e2f1394b0ea80e2adca010ea8318df697001a005ba7452720edda4b0ce57b3";
    private final GoogleDataManagerFake fake = new GoogleDataManagerFake();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        fake.close();
    }

    /** The quickstart's example: an email sent as plain text, not hex. */
    @Test
    void a_plain_text_email_is_refused_as_the_quickstart_shows() throws Exception {
        ObjectNode body = ingest(fake.createList("s"), 1);
        ((ObjectNode) body.path("audienceMembers").get(0).path("userData").path("userIdentifiers").get(0)).put("emailAddress", "dana@example.com");
        JsonNode answer = post(body, 400);
        assertEquals("INVALID_ARGUMENT", answer.path("error").path("status").asText());
        JsonNode violation = answer.path("error").path("details").get(1).path("fieldViolations").get(0);
        assertEquals("audience_members.audience_members[0].user_data.user_identifiers", violation.path("field").asText());
        assertEquals("INVALID_HEX_ENCODING", violation.path("reason").asText());
    }

    @Test
    void more_than_ten_thousand_members_or_an_upload_without_the_terms_is_refused() throws Exception {
        String list = fake.createList("s");
        assertEquals("TOO_MANY_AUDIENCE_MEMBERS", reason(post(ingest(list, 10_001), 400)));
        ObjectNode withoutTerms = ingest(list, 1);
        withoutTerms.remove("termsOfService");
        assertEquals("TERMS_AND_CONDITIONS_NOT_SIGNED", reason(post(withoutTerms, 400)));
        assertEquals(0, fake.memberEmails("s").size());
        post(ingest(list, 10_000), 200);
        assertEquals(1, fake.memberEmails("s").size(), "one person sent 10,000 times is one member");
    }

    @Test
    void a_request_without_a_valid_bearer_token_is_unauthenticated() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + MemberRequests.INGEST_PATH))
                .header("authorization", "Bearer ya29.made-up").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ingest(fake.createList("s"), 1).toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, answer.statusCode());
        assertEquals("UNAUTHENTICATED", JSON.readTree(answer.body()).path("error").path("status").asText());
    }

    private static ObjectNode ingest(String list, int members) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode destination = body.putArray("destinations").addObject();
        destination.putObject("operatingAccount").put("accountType", "GOOGLE_ADS").put("accountId", GoogleDataManagerFake.OPERATING_ACCOUNT);
        destination.put("productDestinationId", list);
        ArrayNode audienceMembers = body.putArray("audienceMembers");
        for (int i = 0; i < members; i++) {
            audienceMembers.addObject().putObject("userData").putArray("userIdentifiers").addObject().put("emailAddress", HASH);
        }
        body.putObject("termsOfService").put("customerMatchTermsOfServiceStatus", "ACCEPTED");
        body.put("encoding", "HEX");
        return body;
    }

    private JsonNode post(JsonNode body, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/token"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=" + GoogleDataManagerFake.CLIENT_ID
                        + "&client_secret=" + GoogleDataManagerFake.CLIENT_SECRET + "&refresh_token=" + GoogleDataManagerFake.REFRESH_TOKEN))
                .build(), HttpResponse.BodyHandlers.ofString());
        String accessToken = JSON.readTree(token.body()).path("access_token").asText();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + MemberRequests.INGEST_PATH))
                .header("authorization", "Bearer " + accessToken).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }

    private static String reason(JsonNode answer) {
        return answer.path("error").path("details").get(0).path("reason").asText();
    }
}
