package dev.ownstack.destinations.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.destinations.http.VendorResponse;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Graph errors classified by code, with the examples of
 * https://developers.facebook.com/docs/graph-api/guides/error-handling and
 * https://developers.facebook.com/docs/marketing-api/overview/rate-limiting.
 */
class GraphErrorTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void custom_audience_rate_limit_inside_a_400_is_throttled_for_the_time_to_regain_access() {
        DestinationException error = exception(400, """
                {"error":{"message":"(#80003) There have been too many calls to this ad-account. Wait a bit and try again.",
                "type":"OAuthException","code":80003,"fbtrace_id":"AxYz"}}""",
                Map.of("x-business-use-case-usage", "{\"1234\":[{\"type\":\"custom_audience\",\"call_count\":100,\"total_cputime\":25,"
                        + "\"total_time\":25,\"estimated_time_to_regain_access\":7}]}"));
        assertEquals(ErrorClass.THROTTLED, error.errorClass());
        assertEquals(Optional.of(Duration.ofMinutes(7)), error.retryAfter());
        assertTrue(error.getMessage().contains("80003"), error.getMessage());
        assertTrue(error.getMessage().contains("AxYz"), error.getMessage());
    }

    @Test
    void user_and_ad_account_request_limits_are_throttled() {
        for (String body : List.of(
                "{\"error\":{\"message\":\"User request limit reached\",\"type\":\"OAuthException\",\"code\":17,\"error_subcode\":2446079}}",
                "{\"error\":{\"message\":\"There have been too many calls from this ad-account.\",\"code\":613,\"error_subcode\":1487742}}",
                "{\"error\":{\"message\":\"(#4) Application request limit reached\",\"type\":\"OAuthException\",\"code\":4}}")) {
            DestinationException error = exception(400, body, Map.of());
            assertEquals(ErrorClass.THROTTLED, error.errorClass(), body);
            assertEquals(Optional.empty(), error.retryAfter(), "no usage header, no Retry-After: " + body);
        }
    }

    @Test
    void unknown_error_and_service_unavailable_are_retried() {
        assertEquals(ErrorClass.RETRYABLE, exception(500, "{\"error\":{\"message\":\"An unknown error has occurred.\",\"type\":\"OAuthException\","
                + "\"code\":1}}", Map.of()).errorClass());
        assertEquals(ErrorClass.RETRYABLE, exception(503, "{\"error\":{\"message\":\"Service temporarily unavailable\",\"code\":2,"
                + "\"is_transient\":true}}", Map.of()).errorClass());
    }

    @Test
    void an_expired_token_is_auth_and_says_that_system_user_tokens_do_not_refresh() {
        DestinationException error = exception(400, """
                {"error":{"message":"Error validating access token: Session has expired on Wednesday, 14-Feb-18 18:00:00 PST.",
                "type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"H2il2t5bn4e"}}""", Map.of());
        assertEquals(ErrorClass.AUTH, error.errorClass());
        assertTrue(error.getMessage().contains("190/463"), error.getMessage());
        assertTrue(error.getMessage().contains("the token expired"), error.getMessage());
        assertTrue(error.getMessage().contains("do not refresh"), error.getMessage());
    }

    @Test
    void a_missing_permission_is_auth() {
        DestinationException error = exception(400, "{\"error\":{\"message\":\"(#200) Permissions error\",\"type\":\"OAuthException\","
                + "\"code\":200}}", Map.of());
        assertEquals(ErrorClass.AUTH, error.errorClass());
        assertTrue(error.getMessage().contains("ads_management"), error.getMessage());
    }

    @Test
    void invalid_parameters_and_a_flagged_audience_are_permanent() {
        assertEquals(ErrorClass.PERMANENT, exception(400, "{\"error\":{\"message\":\"Invalid parameter\",\"code\":100,"
                + "\"error_subcode\":1713230,\"error_user_title\":\"Audience Upload Blocked\"}}", Map.of()).errorClass());
        assertEquals(ErrorClass.PERMANENT, exception(400, "{\"error\":{\"message\":\"Failed to update the custom audience\",\"code\":2650}}",
                Map.of()).errorClass());
    }

    @Test
    void an_error_object_is_read_whatever_the_status() {
        assertEquals(Optional.empty(), GraphError.of(VendorResponse.JSON.createObjectNode().put("id", "1")));
        DestinationException error = exception(200, "{\"error\":{\"message\":\"User request limit reached\",\"code\":17}}", Map.of());
        assertEquals(ErrorClass.THROTTLED, error.errorClass());
    }

    private static DestinationException exception(int status, String body, Map<String, String> headers) {
        Map<String, List<String>> values = new java.util.HashMap<>();
        headers.forEach((name, value) -> values.put(name, List.of(value)));
        VendorResponse response = new VendorResponse(status, HttpHeaders.of(values, (name, value) -> true),
                body.getBytes(StandardCharsets.UTF_8));
        GraphError error = GraphError.of(response.json("meta")).orElseThrow();
        return error.exception("meta", response, NOW);
    }
}
