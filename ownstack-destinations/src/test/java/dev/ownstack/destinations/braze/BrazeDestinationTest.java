package dev.ownstack.destinations.braze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Braze destination against the fake: the requests it sends and what it makes of the answers. */
class BrazeDestinationTest {
    private static final RunInfo RUN = new RunInfo("vip-customers", 7, Instant.parse("2026-03-01T00:00:00Z"));
    private final BrazeFake braze = new BrazeFake();
    private final List<Destination> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Destination::close);
        braze.close();
    }

    @Test
    void upsert_sends_each_record_as_an_attributes_object_with_the_audience_attribute_true() {
        Destination destination = open(Map.of());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", "Ada@Example.com");
        fields.put("first_name", "Ada");
        fields.put("lifetime_value", new BigDecimal("1234.50"));
        fields.put("signed_up_at", Instant.parse("2025-01-02T03:04:05Z"));
        fields.put("dob", LocalDate.of(1815, 12, 10));
        fields.put("plan", null);
        assertAllAccepted(destination.write(batch(Operation.UPSERT, new SyncRecord("u-1", fields))));
        JsonNode sent = braze.trackRequests().get(0).get("attributes").get(0);
        assertEquals("u-1", sent.get("external_id").asText());
        assertTrue(sent.get("ownstack_vip_customers").asBoolean());
        assertTrue(sent.get("lifetime_value").isNumber());
        assertEquals(0, new BigDecimal("1234.5").compareTo(sent.get("lifetime_value").decimalValue()));
        assertEquals("2025-01-02T03:04:05Z", sent.get("signed_up_at").asText());
        assertEquals("1815-12-10", sent.get("dob").asText());
        assertTrue(sent.get("plan").isNull(), "a null removes the attribute in Braze");
        assertFalse(sent.has("_update_existing_only"), "an upsert by external_id creates the user");
        assertEquals(Set.of("ada@example.com"), braze.memberEmails("vip-customers"));
    }

    @Test
    void remove_sets_the_audience_attribute_false_and_never_creates_a_user() {
        Destination destination = open(Map.of());
        destination.write(batch(Operation.UPSERT, new SyncRecord("u-1", Map.of("email", "ada@example.com"))));
        BatchResult removed = destination.write(batch(Operation.REMOVE, new SyncRecord("u-1", Map.of("email", "ada@example.com")),
                new SyncRecord("u-unknown", Map.of("email", "nobody@example.com"))));
        assertAllAccepted(removed);
        assertEquals(Set.of(), braze.memberEmails("vip-customers"));
        assertEquals(Set.of("u-1"), braze.held().keySet(), "the removed user stays in Braze, only out of the audience");
        assertEquals(false, braze.held().get("u-1").get("ownstack_vip_customers"));
        JsonNode sent = braze.trackRequests().get(1).get("attributes").get(0);
        assertTrue(sent.get("_update_existing_only").asBoolean());
        assertFalse(sent.has("email"), "a removal sends only the identifier and the audience attribute");
    }

    @Test
    void members_enter_the_subscription_group_and_leave_it_when_removed() {
        Destination destination = open(Map.of("subscription-group-id", "sg-newsletter"));
        destination.write(batch(Operation.UPSERT, new SyncRecord("u-1", Map.of("email", "ada@example.com"))));
        assertEquals(Optional.of("subscribed"), braze.subscriptionState("sg-newsletter", "u-1"));
        destination.write(batch(Operation.REMOVE, new SyncRecord("u-1", Map.of())));
        assertEquals(Optional.of("unsubscribed"), braze.subscriptionState("sg-newsletter", "u-1"));
    }

    @Test
    void an_unsubscribing_audience_never_subscribes_anyone_on_removal() {
        Destination destination = open(Map.of("subscription-group-id", "sg-promos", "subscription-state", "unsubscribed"));
        destination.write(batch(Operation.UPSERT, new SyncRecord("u-1", Map.of("email", "ada@example.com"))));
        assertEquals(Optional.of("unsubscribed"), braze.subscriptionState("sg-promos", "u-1"));
        destination.write(batch(Operation.REMOVE, new SyncRecord("u-1", Map.of())));
        assertEquals(Optional.of("unsubscribed"), braze.subscriptionState("sg-promos", "u-1"));
        assertFalse(braze.trackRequests().get(1).get("attributes").get(0).has("subscription_groups"));
    }

    @Test
    void update_looks_users_up_fifty_at_a_time_and_rejects_those_braze_lacks() {
        Destination destination = open(Map.of());
        List<SyncRecord> known = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            known.add(new SyncRecord("u-" + i, Map.of("first_name", "Before")));
        }
        assertAllAccepted(destination.write(new RecordBatch("b-1", RUN, Operation.UPSERT, known, 1)));
        List<SyncRecord> updates = new ArrayList<>();
        for (int i = 0; i < 75; i++) {
            updates.add(new SyncRecord("u-" + i, Map.of("first_name", "After")));
        }
        BatchResult result = destination.write(new RecordBatch("b-2", RUN, Operation.UPDATE, updates, 1));
        for (RecordResult record : result.results()) {
            int index = Integer.parseInt(record.key().substring(2));
            assertEquals(index < 60, record.accepted(), record.toString());
            if (!record.accepted()) {
                assertEquals(Optional.of(ErrorClass.PERMANENT), record.errorClass());
                assertTrue(record.message().contains("no Braze user has external_id " + record.key()), record.message());
            }
        }
        assertEquals(60, braze.held().size(), "an update created no user");
        assertEquals("After", braze.held().get("u-59").get("first_name"));
        assertEquals(60, braze.trackRequests().get(1).get("attributes").size(), "only known users are sent");
    }

    @Test
    void a_throttled_request_waits_until_brazes_window_resets() {
        Destination destination = open(Map.of());
        braze.throttleNextWrite();
        DestinationException error = assertThrows(DestinationException.class,
                () -> destination.write(batch(Operation.UPSERT, new SyncRecord("u-1", Map.of()))));
        assertEquals(ErrorClass.THROTTLED, error.errorClass());
        Duration wait = error.retryAfter().orElseThrow();
        assertFalse(wait.isNegative());
        assertTrue(wait.compareTo(Duration.ofSeconds(2)) <= 0, wait.toString());
        assertAllAccepted(destination.write(batch(Operation.UPSERT, new SyncRecord("u-1", Map.of()))));
    }

    @Test
    void a_revoked_key_fails_writes_as_auth_and_the_check_says_so() {
        Destination destination = open(Map.of());
        assertTrue(destination.check().ok());
        braze.revokeApiKey();
        DestinationException error = assertThrows(DestinationException.class,
                () -> destination.write(batch(Operation.UPSERT, new SyncRecord("u-1", Map.of()))));
        assertEquals(ErrorClass.AUTH, error.errorClass());
        CheckResult check = destination.check();
        assertFalse(check.ok());
        assertTrue(check.message().contains("401"), check.message());
    }

    @Test
    void check_fails_without_throwing_when_nothing_listens() {
        Map<String, Object> raw = Map.of("api-key", "k", "rest-endpoint", "http://127.0.0.1:9", "timeout-seconds", 2);
        CheckResult check = open(raw, false).check();
        assertFalse(check.ok());
        assertTrue(check.message().contains("cannot reach"), check.message());
    }

    @Test
    void a_batch_of_only_invalid_records_is_rejected_record_by_record() {
        Destination destination = open(Map.of());
        BatchResult result = destination.write(batch(Operation.UPSERT, new SyncRecord("u-1", Map.of("email", "nope")),
                new SyncRecord("u-2", Map.of("phone", "call me"))));
        assertEquals(BrazeFake.INVALID_EMAIL, result.results().get(0).message());
        assertEquals(Optional.of(ErrorClass.PERMANENT), result.results().get(1).errorClass());
        assertTrue(result.results().get(1).message().contains("'phone'"), result.results().get(1).message());
        assertEquals(Map.of(), braze.held());
    }

    @Test
    void fields_the_destination_sets_itself_are_refused_before_sending() {
        Destination destination = open(Map.of());
        BatchResult result = destination.write(batch(Operation.UPSERT, new SyncRecord("u-1", Map.of("ownstack_vip_customers", true)),
                new SyncRecord("u-2", Map.of("braze_id", "abc")), new SyncRecord("u-3", Map.of("external_id", "someone-else")),
                new SyncRecord("u-4", Map.of("external_id", "u-4", "first_name", "Ok"))));
        Map<String, RecordResult> byKey = new LinkedHashMap<>();
        result.results().forEach(record -> byKey.put(record.key(), record));
        assertTrue(byKey.get("u-1").message().contains("field ownstack_vip_customers is set by the braze destination itself"));
        assertTrue(byKey.get("u-2").message().contains("field braze_id is set by the braze destination itself"));
        assertTrue(byKey.get("u-3").message().contains("differs from the record's key"));
        assertTrue(byKey.get("u-4").accepted(), byKey.get("u-4").toString());
        assertEquals(1, braze.trackRequests().get(0).get("attributes").size());
    }

    @Test
    void user_alias_keys_create_alias_only_profiles_on_upsert() {
        Destination destination = open(Map.of("identifier", "user_alias", "alias-label", "crm_id"));
        assertAllAccepted(destination.write(batch(Operation.UPSERT, new SyncRecord("crm-42", Map.of("email", "ada@example.com")))));
        JsonNode sent = braze.trackRequests().get(0).get("attributes").get(0);
        assertEquals("crm-42", sent.get("user_alias").get("alias_name").asText());
        assertEquals("crm_id", sent.get("user_alias").get("alias_label").asText());
        assertFalse(sent.get("_update_existing_only").asBoolean());
        assertEquals(Set.of("ada@example.com"), braze.memberEmails("vip-customers"));
    }

    @Test
    void email_keys_identify_users_by_email() {
        Destination destination = open(Map.of("identifier", "email"));
        assertAllAccepted(destination.write(batch(Operation.UPSERT, new SyncRecord("ada@example.com", Map.of("first_name", "Ada")))));
        assertEquals(Set.of("ada@example.com"), braze.memberEmails("vip-customers"));
        destination.write(batch(Operation.REMOVE, new SyncRecord("ada@example.com", Map.of())));
        assertEquals(Set.of(), braze.memberEmails("vip-customers"));
        assertEquals(1, braze.held().size());
    }

    @Test
    void the_fake_refuses_more_than_75_attributes_objects_as_braze_does() throws Exception {
        StringBuilder body = new StringBuilder("{\"attributes\":[");
        for (int i = 0; i < 76; i++) {
            body.append(i == 0 ? "" : ",").append("{\"external_id\":\"u-").append(i).append("\"}");
        }
        body.append("]}");
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(braze.baseUrl() + "/users/track"))
                        .header("Authorization", "Bearer " + braze.settings().get("api-key"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(400, answer.statusCode());
        assertTrue(answer.body().contains("Max Input Length Exceeded"), answer.body());
    }

    private RecordBatch batch(Operation operation, SyncRecord... records) {
        return new RecordBatch("b-" + operation + "-" + braze.trackRequests().size(), RUN, operation, List.of(records), 1);
    }

    private Destination open(Map<String, Object> overrides) {
        return open(overrides, true);
    }

    private Destination open(Map<String, Object> overrides, boolean onFake) {
        Map<String, Object> raw = new LinkedHashMap<>(onFake ? braze.settings() : Map.of());
        raw.putAll(overrides);
        BrazeDestinationFactory factory = new BrazeDestinationFactory();
        Destination destination = factory.open(factory.spec().validate(new DestinationDefinition("crm", "braze", raw)));
        opened.add(destination);
        return destination;
    }

    private static void assertAllAccepted(BatchResult result) {
        assertTrue(result.results().stream().allMatch(RecordResult::accepted), result.toString());
    }
}
