package dev.ownstack.destinations.braze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.destinations.http.VendorResponse;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Braze's answers to /users/track, in the forms its documentation and real answers show. */
class BrazeAnswerTest {
    private static final String WHERE = "braze crm at https://rest.iad-01.braze.com";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.250Z");
    private static final List<SyncRecord> SENT = List.of(new SyncRecord("u-0", Map.of()), new SyncRecord("u-1", Map.of()),
            new SyncRecord("u-2", Map.of()));

    @Test
    void success_accepts_every_record_and_reports_attributes_processed() {
        BatchResult result = BrazeAnswer.tracked(response(201, "{\"message\":\"success\",\"attributes_processed\":3}"), SENT, WHERE, NOW);
        assertTrue(result.results().stream().allMatch(RecordResult::accepted), result.toString());
        assertEquals(3L, result.reported().get("received"));
        assertEquals(0L, result.reported().get("invalid"));
    }

    @Test
    void a_non_fatal_error_inside_a_success_rejects_only_the_object_at_its_index() {
        String body = "{\"attributes_processed\":2,\"message\":\"success\",\"errors\":[{\"type\":\"'external_id' or 'braze_id' or 'user_alias'"
                + " is required\",\"input_array\":\"attributes\",\"index\":1}]}";
        BatchResult result = BrazeAnswer.tracked(response(201, body), SENT, WHERE, NOW);
        assertTrue(result.results().get(0).accepted());
        RecordResult rejected = result.results().get(1);
        assertEquals("u-1", rejected.key());
        assertEquals(Optional.of(ErrorClass.PERMANENT), rejected.errorClass());
        assertEquals("'external_id' or 'braze_id' or 'user_alias' is required", rejected.message());
        assertTrue(result.results().get(2).accepted());
        assertEquals(Map.of("received", 2L, "invalid", 1L), result.reported());
    }

    @Test
    void an_error_that_names_no_attributes_object_rejects_nobody_and_is_counted() {
        String body = "{\"message\":\"success\",\"errors\":[{\"type\":\"bad event\",\"input_array\":\"events\",\"index\":0}]}";
        BatchResult result = BrazeAnswer.tracked(response(201, body), SENT, WHERE, NOW);
        assertTrue(result.results().stream().allMatch(RecordResult::accepted));
        assertEquals(1L, result.reported().get("unattributed_errors"));
    }

    @Test
    void a_queued_answer_during_maintenance_accepts_the_batch() {
        BatchResult result = BrazeAnswer.tracked(response(202, "{\"message\":\"queued\"}"), SENT, WHERE, NOW);
        assertTrue(result.results().stream().allMatch(RecordResult::accepted));
    }

    @Test
    void a_400_naming_each_invalid_object_rejects_those_records_and_retries_the_others() {
        String body = "{\"message\":\"Valid data must be provided in the 'attributes', 'events', or 'purchases' fields.\",\"errors\":["
                + "{\"type\":\"The value provided for the 'email' field is not a valid email.\",\"input_array\":\"attributes\",\"index\":0},"
                + "{\"type\":\"The value provided for the 'email' field is not a valid email.\",\"input_array\":\"attributes\",\"index\":1}]}";
        BatchResult result = BrazeAnswer.tracked(response(400, body), SENT, WHERE, NOW);
        assertEquals(Optional.of(ErrorClass.PERMANENT), result.results().get(0).errorClass());
        assertEquals("The value provided for the 'email' field is not a valid email.", result.results().get(1).message());
        assertEquals(Optional.of(ErrorClass.RETRYABLE), result.results().get(2).errorClass());
        assertTrue(result.results().get(2).message().contains("Valid data must be provided"), result.results().get(2).message());
    }

    @Test
    void a_400_without_per_object_errors_fails_the_batch_permanently() {
        DestinationException error = assertThrows(DestinationException.class,
                () -> BrazeAnswer.tracked(response(400, "{\"message\":\"Max Input Length Exceeded\"}"), SENT, WHERE, NOW));
        assertEquals(ErrorClass.PERMANENT, error.errorClass());
        assertTrue(error.getMessage().contains("Max Input Length Exceeded"), error.getMessage());
    }

    @Test
    void a_429_waits_until_the_rate_limit_window_resets() {
        long reset = NOW.getEpochSecond() + 2;
        VendorResponse answer = response(429, "{\"message\":\"Rate limit exceeded\"}",
                Map.of("x-ratelimit-limit", "3000", "x-ratelimit-remaining", "0", "x-ratelimit-reset", Long.toString(reset)));
        DestinationException error = assertThrows(DestinationException.class, () -> BrazeAnswer.tracked(answer, SENT, WHERE, NOW));
        assertEquals(ErrorClass.THROTTLED, error.errorClass());
        assertEquals(Optional.of(Duration.ofMillis(1_750)), error.retryAfter());
        assertTrue(error.getMessage().contains("rate limit 3000 requests"), error.getMessage());
    }

    @Test
    void a_429_with_a_reset_already_past_waits_for_nothing_and_without_headers_gives_no_wait() {
        VendorResponse past = response(429, "", Map.of("x-ratelimit-reset", Long.toString(NOW.getEpochSecond() - 5)));
        assertEquals(Optional.of(Duration.ZERO), BrazeAnswer.failure(past, WHERE, NOW).retryAfter());
        assertEquals(Optional.empty(), BrazeAnswer.failure(response(429, ""), WHERE, NOW).retryAfter());
    }

    @Test
    void an_unknown_or_missing_key_and_a_refused_plan_are_authentication_failures() {
        for (int status : List.of(401, 403, 404)) {
            DestinationException error = BrazeAnswer.failure(response(status, "{\"message\":\"Invalid API key\"}"), WHERE, NOW);
            assertEquals(ErrorClass.AUTH, error.errorClass(), "status " + status);
            assertTrue(error.getMessage().contains(WHERE + " answered " + status), error.getMessage());
        }
    }

    @Test
    void a_server_error_is_retried() {
        assertEquals(ErrorClass.RETRYABLE, BrazeAnswer.failure(response(503, ""), WHERE, NOW).errorClass());
    }

    static VendorResponse response(int status, String body) {
        return response(status, body, Map.of());
    }

    static VendorResponse response(int status, String body, Map<String, String> headers) {
        Map<String, List<String>> values = new java.util.HashMap<>();
        headers.forEach((name, value) -> values.put(name, List.of(value)));
        return new VendorResponse(status, HttpHeaders.of(values, (name, value) -> true), body.getBytes(StandardCharsets.UTF_8));
    }
}
