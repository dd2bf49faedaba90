package dev.ownstack.destinations.google;

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

/** How Data Manager error answers are read, with the examples Google documents. */
class GoogleStatusTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    /** https://developers.google.com/data-manager/api/get-started/quickstart/send-audience-members: an email sent in plain text. */
    private static final String NOT_HEX = """
            {"error":{"code":400,"message":"There was a problem with the request.","status":"INVALID_ARGUMENT","details":[
            {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID_ARGUMENT","domain":"datamanager.googleapis.com"},
            {"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"audience_members.audience_members[0].user_data.user_identifiers",
            "description":"Email is not hex encoded.","reason":"INVALID_HEX_ENCODING"}]}]}}""";

    /** The same page: hex-encoded but not hashed. */
    private static final String NOT_SHA256 = """
            {"error":{"code":400,"message":"There was a problem with the request.","status":"INVALID_ARGUMENT","details":[
            {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID_ARGUMENT","domain":"datamanager.googleapis.com"},
            {"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"audience_members.audience_members[2]",
            "reason":"INVALID_SHA256_FORMAT"}]}]}}""";

    @Test
    void a_field_violation_naming_a_member_refuses_that_member_in_googles_words() {
        GoogleStatus status = GoogleStatus.of(response(400, NOT_HEX, Map.of()));
        assertEquals(Map.of(0, "INVALID_HEX_ENCODING: Email is not hex encoded. (audience_members.audience_members[0].user_data.user_identifiers)"),
                status.refusedMembers());
        assertEquals(Map.of(2, "INVALID_SHA256_FORMAT: audience_members.audience_members[2]"),
                GoogleStatus.of(response(400, NOT_SHA256, Map.of())).refusedMembers());
    }

    @Test
    void a_violation_of_the_request_itself_refuses_no_member_but_fails_the_batch_permanently() {
        String body = """
                {"error":{"code":400,"message":"There was a problem with the request.","status":"INVALID_ARGUMENT","details":[
                {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID_USER_LIST_ID","domain":"datamanager.googleapis.com"},
                {"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[
                {"field":"audience_members.audience_members[1]","reason":"INVALID_SHA256_FORMAT"},
                {"field":"destinations.product_destination_id","description":"User list is not valid.","reason":"INVALID_USER_LIST_ID"}]}]}}""";
        VendorResponse response = response(400, body, Map.of());
        GoogleStatus status = GoogleStatus.of(response);
        assertEquals(Map.of(), status.refusedMembers());
        DestinationException failure = status.exception("google", response, NOW);
        assertEquals(ErrorClass.PERMANENT, failure.errorClass());
        assertTrue(failure.getMessage().contains("INVALID_USER_LIST_ID") && failure.getMessage().contains("User list is not valid."), failure.getMessage());
    }

    @Test
    void resource_exhausted_is_throttled_for_the_retry_info_delay_before_retry_after() {
        String body = """
                {"error":{"code":429,"message":"Too many requests.","status":"RESOURCE_EXHAUSTED","details":[
                {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RESOURCE_EXHAUSTED","domain":"datamanager.googleapis.com"},
                {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"12.5s"}]}}""";
        VendorResponse withRetryInfo = response(429, body, Map.of("retry-after", List.of("30")));
        DestinationException throttled = GoogleStatus.of(withRetryInfo).exception("google", withRetryInfo, NOW);
        assertEquals(ErrorClass.THROTTLED, throttled.errorClass());
        assertEquals(Optional.of(Duration.ofMillis(12_500)), throttled.retryAfter());

        VendorResponse headerOnly = response(429, DataManagerErrors.resourceExhausted().body(), Map.of("retry-after", List.of("30")));
        assertEquals(Optional.of(Duration.ofSeconds(30)), GoogleStatus.of(headerOnly).exception("google", headerOnly, NOW).retryAfter());

        VendorResponse bare = response(429, "", Map.of());
        DestinationException unexplained = GoogleStatus.of(bare).exception("google", bare, NOW);
        assertEquals(ErrorClass.THROTTLED, unexplained.errorClass());
        assertEquals(Optional.empty(), unexplained.retryAfter());
    }

    @Test
    void unauthenticated_and_permission_denied_are_auth_failures() {
        VendorResponse expired = response(401, DataManagerErrors.unauthenticated().body(), Map.of());
        GoogleStatus status = GoogleStatus.of(expired);
        assertTrue(status.unauthenticated());
        assertEquals(ErrorClass.AUTH, status.exception("google", expired, NOW).errorClass());
        VendorResponse denied = response(403, DataManagerErrors.permissionDenied("The caller does not have permission").body(), Map.of());
        DestinationException failure = GoogleStatus.of(denied).exception("google", denied, NOW);
        assertEquals(ErrorClass.AUTH, failure.errorClass());
        assertTrue(failure.getMessage().contains("PERMISSION_DENIED: The caller does not have permission"), failure.getMessage());
    }

    @Test
    void unavailable_and_internal_errors_are_retryable_even_without_a_json_body() {
        String unavailable = "{\"error\":{\"code\":503,\"message\":\"The service is currently unavailable.\",\"status\":\"UNAVAILABLE\"}}";
        VendorResponse response = response(503, unavailable, Map.of());
        assertEquals(ErrorClass.RETRYABLE, GoogleStatus.of(response).exception("google", response, NOW).errorClass());
        VendorResponse html = response(502, "<html>Bad Gateway</html>", Map.of());
        DestinationException failure = GoogleStatus.of(html).exception("google", html, NOW);
        assertEquals(ErrorClass.RETRYABLE, failure.errorClass());
        assertTrue(failure.getMessage().contains("Bad Gateway"), failure.getMessage());
    }

    @Test
    void the_token_endpoint_refusing_the_grant_is_auth_and_its_outage_is_retryable() {
        VendorResponse revoked = response(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}", Map.of());
        DestinationException refused = GoogleOAuth.failure(revoked, "token endpoint", NOW);
        assertEquals(ErrorClass.AUTH, refused.errorClass());
        assertTrue(refused.getMessage().contains("invalid_grant: Token has been expired or revoked."), refused.getMessage());
        assertEquals(ErrorClass.RETRYABLE, GoogleOAuth.failure(response(503, "Service Unavailable", Map.of()), "token endpoint", NOW).errorClass());
        assertEquals(ErrorClass.THROTTLED, GoogleOAuth.failure(response(429, "", Map.of()), "token endpoint", NOW).errorClass());
    }

    @Test
    void protobuf_durations_are_read_in_seconds_with_fractions() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), GoogleStatus.duration("30s"));
        assertEquals(Optional.of(Duration.ofMillis(1)), GoogleStatus.duration("0.000001s"));
        assertEquals(Optional.empty(), GoogleStatus.duration("30"));
        assertEquals(Optional.empty(), GoogleStatus.duration("-1s"));
    }

    private static VendorResponse response(int status, String body, Map<String, List<String>> headers) {
        return new VendorResponse(status, HttpHeaders.of(headers, (name, value) -> true), body.getBytes(StandardCharsets.UTF_8));
    }
}
