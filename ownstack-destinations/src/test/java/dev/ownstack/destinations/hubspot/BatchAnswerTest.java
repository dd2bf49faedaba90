package dev.ownstack.destinations.hubspot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.RecordResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading HubSpot's 200 and 207 batch answers in the shape of its API reference (BatchResponseSimplePublicUpsertObjectWithErrors). */
class BatchAnswerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ContactInput> INPUTS = List.of(
            new ContactInput("c-1", "Ada@Example.com", Map.of("firstname", "Ada")),
            new ContactInput("c-2", "not-an-email", Map.of("firstname", "Bob")),
            new ContactInput("c-3", "cy@example.com", Map.of("firstname", "Cy")));

    @Test
    void accepts_results_by_trace_id_or_email_and_rejects_what_an_error_names() throws Exception {
        JsonNode body = JSON.readTree("""
                {"status":"COMPLETE","numErrors":1,
                 "results":[
                   {"id":"512","new":true,"archived":false,"objectWriteTraceId":"0","properties":{"email":"ada@example.com"},
                    "createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"},
                   {"id":"513","new":false,"archived":false,"properties":{"email":"cy@example.com"},
                    "createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"}],
                 "errors":[{"status":"error","category":"VALIDATION_ERROR",
                   "message":"Property values were not valid","context":{"ids":["not-an-email"]},
                   "errors":[{"message":"Email address not-an-email is invalid","code":"INVALID_EMAIL","in":"email"}],"links":{}}],
                 "startedAt":"2026-01-01T00:00:00Z","completedAt":"2026-01-01T00:00:01Z"}
                """);

        BatchAnswer answer = BatchAnswer.read(body, "hubspot crm");
        Map<String, RecordResult> outcomes = answer.outcomes(INPUTS, result -> result.path("properties").path("email").asText(null));

        assertEquals(RecordResult.accepted("c-1", "512"), outcomes.get("c-1"));
        assertEquals(RecordResult.accepted("c-3", "513"), outcomes.get("c-3"));
        assertEquals(RecordResult.rejected("c-2", ErrorClass.PERMANENT, "VALIDATION_ERROR/INVALID_EMAIL: Email address not-an-email is invalid"),
                outcomes.get("c-2"));
        assertEquals(1, answer.created());
    }

    @Test
    void an_error_naming_an_input_by_its_trace_id_rejects_that_input() throws Exception {
        JsonNode body = JSON.readTree("""
                {"status":"COMPLETE","results":[],"errors":[{"status":"error","category":"RATE_LIMITS","message":"Too many requests",
                 "context":{"objectWriteTraceId":["2"]},"errors":[],"links":{}}]}
                """);

        Map<String, RecordResult> outcomes = BatchAnswer.read(body, "hubspot crm").outcomes(INPUTS, result -> null);

        assertEquals(Optional.of(ErrorClass.THROTTLED), outcomes.get("c-3").errorClass());
        assertEquals("RATE_LIMITS: Too many requests", outcomes.get("c-3").message());
    }

    @Test
    void a_record_the_answer_does_not_mention_is_retried() throws Exception {
        JsonNode body = JSON.readTree("""
                {"status":"COMPLETE","results":[{"id":"512","objectWriteTraceId":"0","properties":{}}],
                 "errors":[{"status":"error","category":"VALIDATION_ERROR","message":"one","context":{},"errors":[],"links":{}},
                           {"status":"error","category":"VALIDATION_ERROR","message":"two","context":{},"errors":[],"links":{}}]}
                """);

        Map<String, RecordResult> outcomes = BatchAnswer.read(body, "hubspot crm").outcomes(INPUTS, result -> null);

        assertTrue(outcomes.get("c-1").accepted());
        for (String key : List.of("c-2", "c-3")) {
            assertEquals(Optional.of(ErrorClass.RETRYABLE), outcomes.get(key).errorClass());
            assertTrue(outcomes.get(key).message().contains("VALIDATION_ERROR: one; VALIDATION_ERROR: two"), outcomes.get(key).message());
        }
    }

    @Test
    void a_single_unnamed_error_belongs_to_the_single_unanswered_record() throws Exception {
        JsonNode body = JSON.readTree("""
                {"status":"COMPLETE","results":[{"id":"512","objectWriteTraceId":"0"},{"id":"513","objectWriteTraceId":"2"}],
                 "errors":[{"status":"error","category":"VALIDATION_ERROR","message":"Email address not-an-email is invalid",
                            "context":{},"errors":[],"links":{}}]}
                """);

        Map<String, RecordResult> outcomes = BatchAnswer.read(body, "hubspot crm").outcomes(INPUTS, result -> null);

        assertEquals(RecordResult.rejected("c-2", ErrorClass.PERMANENT, "VALIDATION_ERROR: Email address not-an-email is invalid"),
                outcomes.get("c-2"));
    }

    @Test
    void an_answer_without_results_is_retried_as_a_whole() throws Exception {
        DestinationException error = assertThrows(DestinationException.class,
                () -> BatchAnswer.read(JSON.readTree("{\"status\":\"PENDING\"}"), "hubspot crm"));

        assertEquals(ErrorClass.RETRYABLE, error.errorClass());
        assertTrue(error.getMessage().contains("without a results list"), error.getMessage());
    }
}
