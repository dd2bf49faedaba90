package dev.ownstack.destinations.webhook;

import static dev.ownstack.destinations.webhook.WebhookSecretTest.VECTOR_SECRET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.destinations.webhook.WebhookReceiver.Answer;
import dev.ownstack.destinations.webhook.WebhookReceiver.Delivery;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookDestinationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RunInfo RUN = new RunInfo("vips", 7, Instant.parse("2026-11-26T14:00:00Z"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T14:00:05Z"));
    private WebhookReceiver receiver;
    private WebhookDestination destination;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver(VECTOR_SECRET, clock);
        destination = open(receiver.url(), Map.of());
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void posts_a_batch_signed_over_the_exact_bytes_with_the_batch_id() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", "ada@example.com");
        fields.put("orders", 12L);
        fields.put("spent", new BigDecimal("1234.50"));
        fields.put("vip", true);
        fields.put("last_order", LocalDate.parse("2026-11-01"));
        fields.put("seen", Instant.parse("2026-11-25T10:15:30Z"));
        fields.put("phone", null);
        RecordBatch batch = batch(Operation.UPSERT, 1, new SyncRecord("c-1", fields), new SyncRecord("c-2", Map.of("email", "bob@example.com")));

        BatchResult result = destination.write(batch);

        assertEquals(List.of(RecordResult.accepted("c-1"), RecordResult.accepted("c-2")), result.results());
        Delivery delivery = only(receiver.deliveries());
        assertTrue(delivery.verified(), delivery.problem());
        assertEquals("POST", delivery.method());
        assertEquals(WebhookReceiver.PATH, delivery.path());
        assertEquals("vips-7-1", delivery.header("webhook-id"));
        assertEquals(String.valueOf(clock.instant().getEpochSecond()), delivery.header("webhook-timestamp"));
        assertEquals("application/json", delivery.header("content-type"));
        JsonNode body = JSON.readTree(delivery.body());
        assertEquals("records.upserted", body.get("type").asText());
        assertEquals("vips", body.get("sync").asText());
        assertEquals(7, body.get("run").asLong());
        assertEquals("2026-11-26T14:00:00Z", body.get("timestamp").asText());
        assertEquals(2, body.get("data").size());
        JsonNode first = body.get("data").get(0);
        assertEquals("c-1", first.get("key").asText());
        assertEquals(JSON.readTree("""
                {"email":"ada@example.com","orders":12,"spent":1234.50,"vip":true,"last_order":"2026-11-01",
                 "seen":"2026-11-25T10:15:30Z","phone":null}"""), first.get("fields"));
        assertTrue(delivery.text().contains("\"spent\":1234.50,"), "a decimal keeps its scale: " + delivery.text());
    }

    @Test
    void names_each_operation_in_the_type() throws Exception {
        destination.write(batch(Operation.UPDATE, 1, record("c-1")));
        destination.write(batch(Operation.REMOVE, 2, record("c-2")));

        List<Delivery> deliveries = receiver.deliveries();
        assertEquals("records.updated", JSON.readTree(deliveries.get(0).body()).get("type").asText());
        assertEquals("records.removed", JSON.readTree(deliveries.get(1).body()).get("type").asText());
    }

    @Test
    void a_retry_sends_the_same_id_and_bytes_with_a_new_timestamp_and_signature() {
        receiver.answer(Answer.of(503));
        RecordBatch first = batch(Operation.UPSERT, 3, record("c-1"), record("c-2"));
        assertThrows(DestinationException.class, () -> destination.write(first));
        clock.advance(Duration.ofSeconds(30));

        destination.write(new RecordBatch(first.id(), first.run(), first.operation(), first.records(), 2));

        List<Delivery> deliveries = receiver.deliveries();
        assertEquals(2, deliveries.size());
        assertTrue(deliveries.get(0).verified() && deliveries.get(1).verified());
        assertEquals(deliveries.get(0).header("webhook-id"), deliveries.get(1).header("webhook-id"));
        assertArrayEquals(deliveries.get(0).body(), deliveries.get(1).body());
        assertEquals(30, Long.parseLong(deliveries.get(1).header("webhook-timestamp")) - Long.parseLong(deliveries.get(0).header("webhook-timestamp")));
        assertNotEquals(deliveries.get(0).header("webhook-signature"), deliveries.get(1).header("webhook-signature"));
    }

    @Test
    void sends_the_custom_headers() throws Exception {
        destination = open(receiver.url(), Map.of("headers", Map.of("Authorization", "Bearer abc", "X-Team", "growth", "User-Agent", "acme/2")));

        destination.write(batch(Operation.UPSERT, 1, record("c-1")));

        Delivery delivery = only(receiver.deliveries());
        assertEquals(List.of("Bearer abc"), delivery.headers().get("authorization"));
        assertEquals(List.of("growth"), delivery.headers().get("x-team"));
        assertEquals(List.of("acme/2"), delivery.headers().get("user-agent"));
    }

    @Test
    void rejects_the_records_a_2xx_answer_lists_as_errors_and_accepts_the_rest() {
        receiver.answer(Answer.of(200, """
                {"errors":[{"key":"c-1","message":"email is invalid","retryable":false},
                           {"key":"c-3","message":"locked, try later","retryable":true},
                           {"key":"c-4"}]}"""));

        BatchResult result = destination.write(batch(Operation.UPSERT, 1, record("c-1"), record("c-2"), record("c-3"), record("c-4")));

        assertEquals(List.of(
                RecordResult.rejected("c-1", ErrorClass.PERMANENT, "email is invalid"),
                RecordResult.accepted("c-2"),
                RecordResult.rejected("c-3", ErrorClass.RETRYABLE, "locked, try later"),
                RecordResult.rejected("c-4", ErrorClass.PERMANENT, "rejected by the receiver")), result.results());
    }

    @Test
    void accepts_every_record_on_a_2xx_without_an_error_list() {
        receiver.answer(Answer.of(200, "OK"), Answer.of(202, "{\"received\":2}"), Answer.of(200, "{\"errors\":[]}"));

        for (int sequence = 1; sequence <= 3; sequence++) {
            BatchResult result = destination.write(batch(Operation.UPSERT, sequence, record("c-1"), record("c-2")));
            assertTrue(result.results().stream().allMatch(RecordResult::accepted), result.toString());
        }
    }

    @Test
    void retries_a_batch_whose_error_list_cannot_be_read() {
        receiver.answer(Answer.of(200, "{\"errors\":{\"c-1\":\"bad\"}}"), Answer.of(200, "{\"errors\":[{\"key\":\"c-9\",\"message\":\"x\"}]}"),
                Answer.of(200, "{\"errors\":[{\"key\":\"c-1\",\"mess"));

        DestinationException notAList = assertThrows(DestinationException.class, () -> destination.write(batch(Operation.UPSERT, 1, record("c-1"))));
        DestinationException unknownKey = assertThrows(DestinationException.class, () -> destination.write(batch(Operation.UPSERT, 2, record("c-1"))));
        DestinationException cutShort = assertThrows(DestinationException.class, () -> destination.write(batch(Operation.UPSERT, 3, record("c-1"))));

        assertEquals(ErrorClass.RETRYABLE, notAList.errorClass());
        assertTrue(notAList.getMessage().contains("is not a list"), notAList.getMessage());
        assertEquals(ErrorClass.RETRYABLE, unknownKey.errorClass());
        assertTrue(unknownKey.getMessage().contains("names no record of the batch (key \"c-9\")"), unknownKey.getMessage());
        assertEquals(ErrorClass.RETRYABLE, cutShort.errorClass());
        assertTrue(cutShort.getMessage().contains("the body is not valid JSON"), cutShort.getMessage());
    }

    @Test
    void classifies_every_failing_status() {
        Map<Integer, ErrorClass> expected = new LinkedHashMap<>();
        expected.put(400, ErrorClass.PERMANENT);
        expected.put(401, ErrorClass.AUTH);
        expected.put(403, ErrorClass.AUTH);
        expected.put(404, ErrorClass.PERMANENT);
        expected.put(410, ErrorClass.PERMANENT);
        expected.put(413, ErrorClass.PERMANENT);
        expected.put(422, ErrorClass.PERMANENT);
        expected.put(500, ErrorClass.RETRYABLE);
        expected.put(502, ErrorClass.RETRYABLE);
        expected.put(503, ErrorClass.RETRYABLE);
        Map<Integer, ErrorClass> actual = new HashMap<>();
        expected.keySet().forEach(status -> receiver.answer(Answer.of(status, "{\"error\":\"status " + status + "\"}")));

        int sequence = 0;
        for (int status : expected.keySet()) {
            DestinationException error = assertThrows(DestinationException.class, () -> destination.write(batch(Operation.UPSERT, 1, record("c-1"))));
            assertTrue(error.getMessage().contains("answered " + status + ": {\"error\":\"status " + status + "\"}"), error.getMessage());
            actual.put(status, error.errorClass());
            sequence++;
        }

        assertEquals(expected, actual);
        assertEquals(sequence, receiver.deliveries().size());
    }

    @Test
    void a_429_or_408_is_throttling_for_the_retry_after_in_seconds_or_as_a_date() {
        receiver.answer(Answer.withHeader(429, "Retry-After", "7"), Answer.withHeader(408, "Retry-After", "Thu, 26 Nov 2026 14:01:05 GMT"),
                Answer.of(429));

        DestinationException seconds = assertThrows(DestinationException.class, () -> destination.write(batch(Operation.UPSERT, 1, record("c-1"))));
        DestinationException date = assertThrows(DestinationException.class, () -> destination.write(batch(Operation.UPSERT, 1, record("c-1"))));
        DestinationException none = assertThrows(DestinationException.class, () -> destination.write(batch(Operation.UPSERT, 1, record("c-1"))));

        assertEquals(ErrorClass.THROTTLED, seconds.errorClass());
        assertEquals(Optional.of(Duration.ofSeconds(7)), seconds.retryAfter());
        assertEquals(ErrorClass.THROTTLED, date.errorClass());
        assertEquals(Optional.of(Duration.ofSeconds(60)), date.retryAfter());
        assertEquals(ErrorClass.THROTTLED, none.errorClass());
        assertEquals(Optional.empty(), none.retryAfter());
    }

    @Test
    void never_follows_a_redirect() {
        receiver.answer(Answer.withHeader(307, "Location", receiver.url("/elsewhere")));

        DestinationException error = assertThrows(DestinationException.class, () -> destination.write(batch(Operation.UPSERT, 1, record("c-1"))));

        assertEquals(ErrorClass.PERMANENT, error.errorClass());
        assertTrue(error.getMessage().contains("answered 307") && error.getMessage().contains("redirects are not followed"), error.getMessage());
        assertEquals(List.of(WebhookReceiver.PATH), receiver.deliveries().stream().map(Delivery::path).toList());
    }

    @Test
    void a_wrong_secret_is_refused_by_the_receiver_as_an_authentication_failure() {
        destination = open(receiver.url(), Map.of(), "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]));

        DestinationException error = assertThrows(DestinationException.class, () -> destination.write(batch(Operation.UPSERT, 1, record("c-1"))));

        assertEquals(ErrorClass.AUTH, error.errorClass());
        assertFalse(only(receiver.deliveries()).verified());
    }

    @Test
    void a_clock_far_from_the_receivers_fails_its_timestamp_tolerance() {
        MutableClock behind = new MutableClock(clock.instant().minus(Duration.ofMinutes(6)));
        destination = new WebhookDestination(WebhookSettings.from(WebhookTestSettings.settings(receiver.url(), VECTOR_SECRET, Map.of())), behind);

        assertThrows(DestinationException.class, () -> destination.write(batch(Operation.UPSERT, 1, record("c-1"))));

        assertTrue(only(receiver.deliveries()).problem().contains("outside the tolerance"));
    }

    @Test
    void an_unreachable_endpoint_is_retryable() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        destination = open("http://127.0.0.1:" + closedPort + "/hook", Map.of());

        DestinationException error = assertThrows(DestinationException.class, () -> destination.write(batch(Operation.UPSERT, 1, record("c-1"))));

        assertEquals(ErrorClass.RETRYABLE, error.errorClass());
        assertTrue(error.getMessage().startsWith("cannot reach webhook crm at http://127.0.0.1:" + closedPort), error.getMessage());
    }

    @Test
    void a_receiver_slower_than_the_timeout_is_retryable() {
        destination = open(receiver.url(), Map.of("timeout-seconds", 1));
        receiver.answer(new Answer(200, Map.of(), "", Duration.ofSeconds(3)));

        DestinationException error = assertThrows(DestinationException.class, () -> destination.write(batch(Operation.UPSERT, 1, record("c-1"))));

        assertEquals(ErrorClass.RETRYABLE, error.errorClass());
        assertTrue(error.getMessage().contains("did not answer within 1 s"), error.getMessage());
    }

    @Test
    void messages_never_show_the_urls_path_which_may_hold_a_token() {
        receiver.answer(Answer.of(500));

        DestinationException error = assertThrows(DestinationException.class, () -> destination.write(batch(Operation.UPSERT, 1, record("c-1"))));

        assertFalse(error.getMessage().contains("t0ken"), error.getMessage());
        assertTrue(error.getMessage().startsWith("webhook crm at http://127.0.0.1:"), error.getMessage());
    }

    @Test
    void check_sends_a_signed_ping() throws Exception {
        CheckResult result = destination.check();

        assertTrue(result.ok(), result.message());
        Delivery ping = only(receiver.deliveries());
        assertTrue(ping.verified(), ping.problem());
        assertEquals("ping", JSON.readTree(ping.body()).get("type").asText());
        assertTrue(ping.header("webhook-id").startsWith("ping_"));
    }

    @Test
    void check_reports_a_refusal_or_an_unreachable_receiver_without_throwing() {
        receiver.answer(Answer.of(403, "forbidden"));
        CheckResult refused = destination.check();
        receiver.close();
        CheckResult unreachable = destination.check();

        assertFalse(refused.ok());
        assertTrue(refused.message().contains("answered 403: forbidden"), refused.message());
        assertFalse(unreachable.ok());
        assertTrue(unreachable.message().startsWith("cannot reach webhook crm"), unreachable.message());
    }

    private WebhookDestination open(String url, Map<String, Object> more) {
        return open(url, more, VECTOR_SECRET);
    }

    private WebhookDestination open(String url, Map<String, Object> more, String secret) {
        return new WebhookDestination(WebhookSettings.from(WebhookTestSettings.settings(url, secret, more)), clock);
    }

    private static RecordBatch batch(Operation operation, int sequence, SyncRecord... records) {
        return new RecordBatch(RUN.sync() + "-" + RUN.runId() + "-" + sequence, RUN, operation, List.of(records), 1);
    }

    private static SyncRecord record(String key) {
        return new SyncRecord(key, Map.of("email", key + "@example.com"));
    }

    private static <T> T only(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.get(0);
    }
}
