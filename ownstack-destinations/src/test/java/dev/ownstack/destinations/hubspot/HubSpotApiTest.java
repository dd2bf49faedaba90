package dev.ownstack.destinations.hubspot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.destinations.http.VendorResponse;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a failed HubSpot request is classified, with the bodies and headers HubSpot documents. */
class HubSpotApiTest {
    private final HubSpotApi api = new HubSpotApi(HubSpotSettings.from(HubSpotTestSettings.settings(Map.of("access-token", "pat-na1-x"))),
            Clock.fixed(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void a_429_rate_limit_is_throttled_for_the_rolling_window() {
        DestinationException error = api.failure(response(429, """
                {"status":"error","message":"You have reached your ten_secondly_rolling limit.","errorType":"RATE_LIMIT",
                 "correlationId":"c0a8-1","policyName":"TEN_SECONDLY_ROLLING","groupName":"api-calls-private-app"}
                """, Map.of("X-HubSpot-RateLimit-Interval-Milliseconds", "10000", "X-HubSpot-RateLimit-Max", "100",
                "X-HubSpot-RateLimit-Remaining", "0")), "POST /crm/v3/objects/contacts/batch/upsert");

        assertEquals(ErrorClass.THROTTLED, error.errorClass());
        assertEquals(Optional.of(Duration.ofSeconds(10)), error.retryAfter());
        assertTrue(error.getMessage().contains("RATE_LIMIT (TEN_SECONDLY_ROLLING): You have reached your ten_secondly_rolling limit."),
                error.getMessage());
    }

    @Test
    void a_spent_daily_allowance_fails_the_run_instead_of_waiting_batch_by_batch() {
        DestinationException error = api.failure(response(429, """
                {"status":"error","message":"You have reached your daily limit.","errorType":"RATE_LIMIT",
                 "correlationId":"c0a8-3","policyName":"DAILY","groupName":"api-calls-daily"}
                """, Map.of()), "POST /crm/v3/objects/contacts/batch/upsert");

        assertEquals(ErrorClass.PERMANENT, error.errorClass());
        assertTrue(error.getMessage().contains("RATE_LIMIT (DAILY): You have reached your daily limit."), error.getMessage());
        assertTrue(error.getMessage().contains("resets at midnight"), error.getMessage());
    }

    @Test
    void retry_after_wins_over_the_window_length() {
        DestinationException error = api.failure(response(429, "{\"status\":\"error\",\"message\":\"slow down\",\"errorType\":\"RATE_LIMIT\"}",
                Map.of("Retry-After", "3", "X-HubSpot-RateLimit-Interval-Milliseconds", "10000")), "PUT /crm/v3/lists/7/memberships/add");

        assertEquals(Optional.of(Duration.ofSeconds(3)), error.retryAfter());
    }

    @Test
    void an_expired_or_invalid_token_is_an_auth_failure() {
        DestinationException error = api.failure(response(401, """
                {"status":"error","message":"The OAuth token used to make this call expired 1 second(s) ago.",
                 "correlationId":"c0a8-2","category":"EXPIRED_AUTHENTICATION"}
                """, Map.of()), "POST /crm/v3/objects/contacts/batch/upsert");

        assertEquals(ErrorClass.AUTH, error.errorClass());
        assertTrue(error.getMessage().contains("EXPIRED_AUTHENTICATION: The OAuth token used to make this call expired"), error.getMessage());
        assertTrue(error.getMessage().contains("set the private app's current token"), error.getMessage());
    }

    @Test
    void a_missing_scope_is_an_auth_failure_that_names_the_scopes() {
        DestinationException error = api.failure(response(403, """
                {"status":"error","message":"This app hasn't been granted all required scopes to make this call.",
                 "category":"MISSING_SCOPES","errors":[{"message":"One or more of the following scopes are required.",
                 "context":{"requiredGranularScopes":["crm.lists.write"]}}]}
                """, Map.of()), "PUT /crm/v3/lists/7/memberships/add");

        assertEquals(ErrorClass.AUTH, error.errorClass());
        assertTrue(error.getMessage().contains("MISSING_SCOPES: This app hasn't been granted"), error.getMessage());
        assertTrue(error.getMessage().contains("crm.lists.write"), error.getMessage());
    }

    @Test
    void a_server_error_is_retryable_and_a_bad_request_is_permanent() {
        assertEquals(ErrorClass.RETRYABLE, api.failure(response(502, "<html>Bad Gateway</html>", Map.of()), "GET /x").errorClass());
        DestinationException bad = api.failure(response(400, """
                {"status":"error","message":"Duplicate IDs found in batch input: [a@example.com]. IDs must be unique",
                 "category":"VALIDATION_ERROR"}
                """, Map.of()), "POST /crm/v3/objects/contacts/batch/upsert");

        assertEquals(ErrorClass.PERMANENT, bad.errorClass());
        assertTrue(bad.getMessage().contains("VALIDATION_ERROR: Duplicate IDs found in batch input"), bad.getMessage());
    }

    @Test
    void escapes_a_list_name_as_one_path_segment() {
        assertEquals("Weekly%20buyers%2FEU%20%2B%20UK", HubSpotApi.segment("Weekly buyers/EU + UK"));
    }

    private static VendorResponse response(int status, String body, Map<String, String> headers) {
        Map<String, List<String>> all = new java.util.HashMap<>();
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return new VendorResponse(status, HttpHeaders.of(all, (name, value) -> true), body.getBytes(StandardCharsets.UTF_8));
    }
}
