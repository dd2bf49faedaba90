package dev.ownstack.destinations.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the connector sends and how it reads Salesforce's answers, against the fake org. */
class SalesforceDestinationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RunInfo RUN = new RunInfo("crm-sync", 1, Instant.parse("2026-01-01T00:00:00Z"));

    private final SalesforceFake fake = new SalesforceFake();
    private final List<Destination> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Destination::close);
        fake.close();
    }

    @Test
    void upserts_go_to_the_collection_upsert_endpoint_in_the_documented_shape() throws Exception {
        BatchResult result = write(open(Map.of()), Operation.UPSERT, List.of(record("k1", "ada@example.com", "Lovelace")));
        assertTrue(result.results().get(0).accepted(), result.toString());
        SalesforceFake.Request upsert = last("PATCH");
        assertEquals("/services/data/v62.0/composite/sobjects/Contact/Ownstack_Id__c", upsert.path());
        assertTrue(upsert.contentType().startsWith("application/json"), upsert.contentType());
        JsonNode body = JSON.readTree(upsert.body());
        assertFalse(body.path("allOrNone").asBoolean(true));
        JsonNode sent = body.path("records").get(0);
        assertEquals("Contact", sent.path("attributes").path("type").asText());
        assertEquals("k1", sent.path("Ownstack_Id__c").asText());
        assertEquals("ada@example.com", sent.path("Email").asText());
        assertTrue(sent.has("Plan__c") && sent.path("Plan__c").isNull(), "a null is sent as JSON null, which clears the field");
        assertEquals(fake.held().get("k1").get("Email"), "ada@example.com");
        assertTrue(result.results().get(0).destinationId().orElseThrow().startsWith("003"));
        assertEquals(Map.of("created", 1L), result.reported());
    }

    @Test
    void a_null_clears_a_field_through_collections_and_through_bulk() {
        Destination collections = open(Map.of("api", "collections"));
        Map<String, Object> set = fields("a@example.com", "Lovelace");
        set.put("Plan__c", "gold");
        write(collections, Operation.UPSERT, List.of(new SyncRecord("k1", set), new SyncRecord("k2", set)));
        assertEquals("gold", fake.held().get("k1").get("Plan__c"));
        write(collections, Operation.UPSERT, List.of(record("k1", "a@example.com", "Lovelace")));
        assertEquals(null, fake.held().get("k1").get("Plan__c"));
        write(open(Map.of("api", "bulk")), Operation.UPSERT, List.of(record("k2", "a@example.com", "Lovelace")));
        assertEquals(null, fake.held().get("k2").get("Plan__c"));
        assertTrue(fake.held().get("k2").containsKey("Plan__c"));
    }

    @Test
    void a_field_a_bulk_record_does_not_map_is_left_as_it_is() {
        Destination destination = open(Map.of("api", "bulk"));
        Map<String, Object> first = fields("a@example.com", "Lovelace");
        first.put("Phone", "+44 20 7946 0000");
        write(destination, Operation.UPSERT, List.of(new SyncRecord("k1", first)));
        BatchResult result = write(destination, Operation.UPSERT, List.of(new SyncRecord("k1", fields("b@example.com", "Lovelace")),
                new SyncRecord("k2", first)));
        assertTrue(result.results().stream().allMatch(RecordResult::accepted), result.toString());
        assertEquals("+44 20 7946 0000", fake.held().get("k1").get("Phone"));
        assertEquals("b@example.com", fake.held().get("k1").get("Email"));
        assertEquals(Map.of("created", 1L, "updated", 1L), result.reported());
    }

    @Test
    void batches_from_the_bulk_threshold_up_use_one_bulk_job_and_smaller_ones_use_collections() {
        Destination destination = open(Map.of("api", "auto", "bulk-threshold", 5, "bulk-batch-size", 50));
        write(destination, Operation.UPSERT, records(0, 4));
        assertEquals(0, fake.bulkJobs());
        BatchResult result = write(destination, Operation.UPSERT, records(4, 5));
        assertEquals(1, fake.bulkJobs());
        assertTrue(result.results().stream().allMatch(record -> record.destinationId().isPresent()), result.toString());
        assertTrue(fake.requests().stream().anyMatch(request -> request.method().equals("PUT") && request.path().endsWith("/batches")
                && request.contentType().startsWith("text/csv")));
        assertEquals(9, fake.held().size());
    }

    @Test
    void a_small_batch_over_200_records_goes_in_requests_of_200() {
        Destination destination = open(Map.of("api", "auto", "bulk-threshold", 1_000, "bulk-batch-size", 1_000));
        BatchResult result = write(destination, Operation.UPSERT, records(0, 450));
        assertEquals(450, result.results().stream().filter(RecordResult::accepted).count());
        assertEquals(3, fake.requests().stream().filter(request -> request.method().equals("PATCH")).count());
        assertEquals(0, fake.bulkJobs());
    }

    @Test
    void a_record_salesforce_refuses_is_rejected_permanently_in_its_words_through_both_apis() {
        for (String api : List.of("collections", "bulk")) {
            BatchResult result = write(open(Map.of("api", api)), Operation.UPSERT,
                    List.of(record("ok-" + api, "a@example.com", "Lovelace"), record("no-name-" + api, "b@example.com", null)));
            RecordResult refused = byKey(result).get("no-name-" + api);
            assertEquals(ErrorClass.PERMANENT, refused.errorClass().orElseThrow(), api);
            assertTrue(refused.message().startsWith("REQUIRED_FIELD_MISSING: Required fields are missing: [LastName]"), refused.message());
            assertTrue(byKey(result).get("ok-" + api).accepted(), api);
        }
    }

    @Test
    void a_bulk_job_that_outlasts_the_wait_is_aborted_and_the_batch_sent_again() {
        fake.holdBulkJobs();
        Destination destination = open(Map.of("api", "bulk", "bulk-wait-seconds", 1));
        DestinationException error = assertThrows(DestinationException.class, () -> write(destination, Operation.UPSERT, records(0, 2)));
        assertEquals(ErrorClass.RETRYABLE, error.errorClass());
        assertTrue(error.getMessage().contains("was still InProgress"), error.getMessage());
        SalesforceFake.Request abort = last("PATCH");
        assertTrue(abort.body().contains("\"state\":\"Aborted\""), abort.body());
    }

    @Test
    void a_locked_row_is_rejected_for_a_resend() {
        fake.lockNextWriteOf("k2");
        BatchResult result = write(open(Map.of()), Operation.UPSERT, records(1, 2));
        RecordResult locked = byKey(result).get("k2");
        assertEquals(ErrorClass.RETRYABLE, locked.errorClass().orElseThrow());
        assertTrue(locked.message().startsWith("UNABLE_TO_LOCK_ROW"), locked.message());
        assertTrue(byKey(result).get("k1").accepted());
    }

    @Test
    void update_uses_the_id_an_earlier_write_returned_and_never_creates() {
        Destination destination = open(Map.of());
        String id = write(destination, Operation.UPSERT, records(1, 1)).results().get(0).destinationId().orElseThrow();
        int before = fake.requests().size();
        BatchResult result = write(destination, Operation.UPDATE, List.of(
                new SyncRecord("k1", fields("new@example.com", "Lovelace"), Optional.of(id)),
                new SyncRecord("k7", fields("x@example.com", "Hopper"))));
        List<SalesforceFake.Request> sent = fake.requests().subList(before, fake.requests().size());
        assertTrue(sent.stream().anyMatch(request -> request.path().startsWith("/services/data/v62.0/query")), "k7 is looked up");
        assertFalse(sent.stream().anyMatch(request -> request.path().contains("query") && request.path().contains("k1")), "k1 has its id");
        assertEquals("new@example.com", fake.held().get("k1").get("Email"));
        RecordResult missing = byKey(result).get("k7");
        assertEquals(ErrorClass.PERMANENT, missing.errorClass().orElseThrow());
        assertTrue(missing.message().startsWith("NOT_FOUND"), missing.message());
        assertFalse(fake.held().containsKey("k7"));
    }

    @Test
    void removal_finds_records_by_key_deletes_them_and_accepts_those_already_gone() {
        Destination destination = open(Map.of());
        write(destination, Operation.UPSERT, records(0, 3));
        BatchResult result = write(destination, Operation.REMOVE, List.of(record("k0", "k0@example.com", "L"),
                record("k1", "k1@example.com", "L"), record("never-sent", "n@example.com", "L")));
        assertTrue(result.results().stream().allMatch(RecordResult::accepted), result.toString());
        assertEquals(List.of("k2"), List.copyOf(fake.held().keySet()));
        assertTrue(fake.requests().stream().anyMatch(request -> request.method().equals("DELETE")
                && request.path().startsWith("/services/data/v62.0/composite/sobjects?ids=") && request.path().endsWith("&allOrNone=false")));
    }

    @Test
    void an_expired_session_is_renewed_once_and_the_request_resent() {
        Destination destination = open(Map.of());
        write(destination, Operation.UPSERT, records(0, 1));
        fake.expireCredentials();
        assertTrue(write(destination, Operation.UPSERT, records(1, 1)).results().get(0).accepted());
        assertEquals(2, fake.requests().stream().filter(request -> request.path().equals("/services/oauth2/token")).count());
        assertTrue(fake.requests().get(0).body().contains("grant_type=refresh_token"));
    }

    @Test
    void a_revoked_refresh_token_is_an_authentication_failure() {
        Destination destination = open(Map.of());
        fake.revokeRefreshToken();
        DestinationException error = assertThrows(DestinationException.class, () -> write(destination, Operation.UPSERT, records(0, 1)));
        assertEquals(ErrorClass.AUTH, error.errorClass());
        assertTrue(error.getMessage().contains("invalid_grant: expired access/refresh token"), error.getMessage());
        assertFalse(error.getMessage().contains(SalesforceFake.REFRESH_TOKEN));
    }

    @Test
    void without_a_refresh_token_the_client_credentials_grant_is_used() {
        Map<String, Object> settings = new LinkedHashMap<>(fake.settings());
        settings.remove("refresh-token");
        Destination destination = open(settings, Map.of());
        assertTrue(write(destination, Operation.UPSERT, records(0, 1)).results().get(0).accepted());
        assertTrue(fake.requests().get(0).body().startsWith("grant_type=client_credentials&client_id="), fake.requests().get(0).body());
    }

    @Test
    void a_spent_api_allocation_is_throttling_in_salesforces_words() {
        Destination destination = open(Map.of());
        fake.throttleNextWrite();
        DestinationException error = assertThrows(DestinationException.class, () -> write(destination, Operation.UPSERT, records(0, 1)));
        assertEquals(ErrorClass.THROTTLED, error.errorClass());
        assertTrue(error.getMessage().contains("403: REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded."), error.getMessage());
    }

    @Test
    void a_field_the_object_lacks_fails_the_batch_permanently_and_a_bulk_job_names_it() {
        Map<String, Object> unknown = fields("a@example.com", "Lovelace");
        unknown.put("Shoe_Size__c", 43L);
        DestinationException error = assertThrows(DestinationException.class,
                () -> write(open(Map.of("api", "collections")), Operation.UPSERT, List.of(new SyncRecord("k1", unknown))));
        assertEquals(ErrorClass.PERMANENT, error.errorClass());
        assertTrue(error.getMessage().contains("INVALID_FIELD: No such column 'Shoe_Size__c'"), error.getMessage());
        BatchResult result = write(open(Map.of("api", "bulk")), Operation.UPSERT, List.of(new SyncRecord("k1", unknown)));
        RecordResult rejected = result.results().get(0);
        assertEquals(ErrorClass.PERMANENT, rejected.errorClass().orElseThrow());
        assertTrue(rejected.message().contains("InvalidBatch : Field name not found : Shoe_Size__c"), rejected.message());
        assertTrue(fake.held().isEmpty());
    }

    @Test
    void a_record_mapping_the_id_is_rejected_without_being_sent() {
        Map<String, Object> withId = fields("a@example.com", "Lovelace");
        withId.put("Id", "003000000000001AAA");
        BatchResult result = write(open(Map.of()), Operation.UPSERT, List.of(new SyncRecord("k1", withId), record("k2", "b@example.com", "L")));
        assertEquals(ErrorClass.PERMANENT, byKey(result).get("k1").errorClass().orElseThrow());
        assertEquals(List.of("k2"), List.copyOf(fake.held().keySet()));
    }

    @Test
    void check_confirms_the_external_id_field_and_explains_what_is_wrong() {
        CheckResult ok = open(Map.of()).check();
        assertTrue(ok.ok(), ok.message());
        CheckResult notExternal = open(Map.of("external-id-field", "Email")).check();
        assertFalse(notExternal.ok());
        assertTrue(notExternal.message().contains("not an external id field"), notExternal.message());
        CheckResult noObject = open(Map.of("object", "Lead")).check();
        assertFalse(noObject.ok());
        assertTrue(noObject.message().contains("404"), noObject.message());
        Map<String, Object> down = new LinkedHashMap<>(fake.settings());
        down.put("instance-url", "http://127.0.0.1:1");
        CheckResult unreachable = open(down, Map.of()).check();
        assertFalse(unreachable.ok());
    }

    private Destination open(Map<String, Object> overrides) {
        return open(fake.settings(), overrides);
    }

    private Destination open(Map<String, Object> base, Map<String, Object> overrides) {
        Map<String, Object> raw = new LinkedHashMap<>(base);
        raw.putAll(overrides);
        SalesforceDestinationFactory factory = new SalesforceDestinationFactory();
        Destination destination = factory.open(factory.spec().validate(new DestinationDefinition("crm", "salesforce", raw)));
        opened.add(destination);
        return destination;
    }

    private static BatchResult write(Destination destination, Operation operation, List<SyncRecord> records) {
        BatchResult result = destination.write(new RecordBatch("crm-sync-1-1", RUN, operation, records, 1));
        assertEquals(records.size(), result.results().size());
        return result;
    }

    private static Map<String, RecordResult> byKey(BatchResult result) {
        Map<String, RecordResult> byKey = new HashMap<>();
        result.results().forEach(record -> byKey.put(record.key(), record));
        return byKey;
    }

    private SalesforceFake.Request last(String method) {
        List<SalesforceFake.Request> requests = fake.requests();
        for (int i = requests.size() - 1; i >= 0; i--) {
            if (requests.get(i).method().equals(method)) {
                return requests.get(i);
            }
        }
        throw new AssertionError("no " + method + " request in " + requests);
    }

    private static List<SyncRecord> records(int from, int count) {
        List<SyncRecord> records = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            records.add(record("k" + i, "k" + i + "@example.com", "Name " + i));
        }
        return records;
    }

    private static SyncRecord record(String key, String email, String lastName) {
        return new SyncRecord(key, fields(email, lastName));
    }

    private static Map<String, Object> fields(String email, String lastName) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Email", email);
        fields.put("LastName", lastName);
        fields.put("Plan__c", null);
        return fields;
    }
}
