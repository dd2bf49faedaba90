package dev.ownstack.destinations.hubspot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HubSpot destination against the fake: lists per sync, ids, counts, checks; every request checked against HubSpot's specs. */
class HubSpotDestinationTest {
    private static final String SYNC = "Weekly buyers";
    private final HubSpotFake fake = new HubSpotFake();
    private final HubSpotDestinationFactory factory = new HubSpotDestinationFactory();

    @AfterEach
    void checkRequestsAndStopFake() {
        try {
            assertEquals(List.of(), HubSpotSpecs.shared().problems(fake.requests()), "requests that break HubSpot's specs");
        } finally {
            fake.close();
        }
    }

    @Test
    void creates_one_manual_list_named_after_the_sync_and_finds_it_again_by_name() {
        write(open(Map.of()), Operation.UPSERT, contact("c-1", "ada@example.com"), contact("c-2", "bob@example.com"));
        write(open(Map.of()), Operation.UPSERT, contact("c-3", "cy@example.com"));

        assertEquals(List.of(SYNC), fake.listNames());
        assertEquals(Set.of("ada@example.com", "bob@example.com", "cy@example.com"), fake.memberEmails(SYNC));
        long creations = fake.requests().stream().filter(request -> request.method().equals("POST") && request.path().equals("/crm/v3/lists")).count();
        assertEquals(1, creations);
    }

    @Test
    void creates_the_list_again_when_it_was_deleted_in_hubspot() {
        Destination destination = open(Map.of());
        write(destination, Operation.UPSERT, contact("c-1", "ada@example.com"));
        assertTrue(fake.deleteList(SYNC));

        write(destination, Operation.UPSERT, contact("c-2", "bob@example.com"));

        assertEquals(List.of(SYNC), fake.listNames());
        assertEquals(Set.of("bob@example.com"), fake.memberEmails(SYNC));
    }

    @Test
    void keeps_the_audience_in_a_pinned_list() {
        String listId = fake.createList("Newsletter", "MANUAL");

        write(open(Map.of("list-id", listId)), Operation.UPSERT, contact("c-1", "ada@example.com"));

        assertEquals(List.of("Newsletter"), fake.listNames());
        assertEquals(Set.of("ada@example.com"), fake.memberEmails("Newsletter"));
    }

    @Test
    void refuses_to_manage_a_dynamic_list_of_the_syncs_name() {
        fake.createList(SYNC, "DYNAMIC");

        DestinationException error = assertThrows(DestinationException.class,
                () -> write(open(Map.of()), Operation.UPSERT, contact("c-1", "ada@example.com")));

        assertEquals(ErrorClass.PERMANENT, error.errorClass());
        assertTrue(error.getMessage().contains("is DYNAMIC"), error.getMessage());
    }

    @Test
    void without_list_membership_only_creates_and_updates_contacts() {
        BatchResult result = write(open(Map.of("list-membership", false)), Operation.UPSERT, contact("c-1", "ada@example.com"));

        assertTrue(result.results().get(0).accepted());
        assertEquals(List.of(), fake.listNames());
        assertEquals(1, fake.held().size());
    }

    @Test
    void returns_hubspots_contact_ids_and_counts() {
        Destination destination = open(Map.of());
        BatchResult first = write(destination, Operation.UPSERT, contact("c-1", "ada@example.com"), contact("c-2", "bob@example.com"));
        BatchResult again = write(destination, Operation.UPSERT, contact("c-1", "ada@example.com"));

        Set<String> ids = fake.held().keySet();
        for (RecordResult record : first.results()) {
            assertTrue(ids.contains(record.destinationId().orElseThrow()), record.toString());
        }
        assertEquals(Map.of("created", 2L, "updated", 0L, "added", 2L), first.reported());
        assertEquals(Map.of("created", 0L, "updated", 1L, "added", 0L), again.reported());
    }

    @Test
    void rejects_a_record_without_the_id_property_and_a_second_record_with_the_same_email() {
        BatchResult result = write(open(Map.of()), Operation.UPSERT, contact("c-1", "ada@example.com"),
                new SyncRecord("c-2", Map.of("firstname", "Nobody")), contact("c-3", "ADA@example.com"));

        assertTrue(result.results().get(0).accepted());
        assertEquals(Optional.of(ErrorClass.PERMANENT), result.results().get(1).errorClass());
        assertTrue(result.results().get(1).message().contains("no value for 'email'"), result.results().get(1).message());
        assertEquals(Optional.of(ErrorClass.PERMANENT), result.results().get(2).errorClass());
        assertTrue(result.results().get(2).message().contains("as record c-1"), result.results().get(2).message());
        assertEquals(1, fake.held().size());
    }

    @Test
    void an_unknown_property_is_rejected_for_its_record_in_hubspots_words() {
        BatchResult result = write(open(Map.of()), Operation.UPSERT, contact("c-1", "ada@example.com"),
                new SyncRecord("c-2", Map.of("email", "bob@example.com", "favourite_colour", "blue")));

        assertTrue(result.results().get(0).accepted());
        assertEquals("VALIDATION_ERROR/PROPERTY_DOESNT_EXIST: Property \"favourite_colour\" does not exist", result.results().get(1).message());
    }

    @Test
    void upserts_by_a_custom_unique_property() {
        fake.defineProperty("customer_id", true);

        write(open(Map.of("id-property", "customer_id")), Operation.UPSERT,
                new SyncRecord("c-1", Map.of("customer_id", "c-1", "email", "ada@example.com")));
        write(open(Map.of("id-property", "customer_id")), Operation.UPSERT,
                new SyncRecord("c-1", Map.of("customer_id", "c-1", "email", "ada@new.example.com")));

        assertEquals(1, fake.held().size());
        assertEquals(Set.of("ada@new.example.com"), fake.memberEmails(SYNC));
    }

    @Test
    void a_record_whose_email_changed_leaves_its_earlier_contact_out_of_the_list() {
        Destination destination = open(Map.of());
        String before = write(destination, Operation.UPSERT, contact("c-1", "ada@example.com")).results().get(0).destinationId().orElseThrow();

        BatchResult result = write(destination, Operation.UPSERT, new SyncRecord("c-1", Map.of("email", "ada@new.example.com"), Optional.of(before)));

        assertTrue(result.results().get(0).accepted());
        assertEquals(1L, result.reported().get("removed"));
        assertEquals(Set.of("ada@new.example.com"), fake.memberEmails(SYNC));
        assertEquals(2, fake.held().size(), "HubSpot keeps the earlier contact");
    }

    @Test
    void an_update_by_a_known_contact_id_needs_no_lookup() {
        Destination destination = open(Map.of());
        String id = write(destination, Operation.UPSERT, contact("c-1", "ada@example.com")).results().get(0).destinationId().orElseThrow();

        BatchResult result = write(destination, Operation.UPDATE,
                new SyncRecord("c-1", Map.of("email", "ada@example.com", "firstname", "Ada"), Optional.of(id)));

        assertEquals(RecordResult.accepted("c-1", id), result.results().get(0));
        assertEquals("Ada", fake.held().get(id).get("firstname"));
        assertFalse(fake.requests().stream().anyMatch(request -> request.path().endsWith("/batch/read")));
    }

    @Test
    void removing_a_contact_hubspot_never_had_is_accepted_and_removes_nothing() {
        Destination destination = open(Map.of());
        write(destination, Operation.UPSERT, contact("c-1", "ada@example.com"));

        BatchResult result = write(destination, Operation.REMOVE, contact("c-1", "ada@example.com"), contact("c-9", "nobody@example.com"));

        assertTrue(result.results().stream().allMatch(RecordResult::accepted), result.toString());
        assertEquals(Map.of("removed", 1L), result.reported());
        assertEquals(Set.of(), fake.memberEmails(SYNC));
        assertEquals(1, fake.held().size(), "removal leaves the contact in the CRM");
    }

    @Test
    void a_throttled_write_waits_for_hubspots_rolling_window() {
        fake.throttleNextWrite();

        DestinationException error = assertThrows(DestinationException.class,
                () -> write(open(Map.of()), Operation.UPSERT, contact("c-1", "ada@example.com")));

        assertEquals(ErrorClass.THROTTLED, error.errorClass());
        assertEquals(Optional.of(Duration.ofSeconds(10)), error.retryAfter());
    }

    @Test
    void check_names_the_id_property_it_verified() {
        CheckResult result = open(Map.of()).check();

        assertTrue(result.ok(), result.message());
        assertTrue(result.message().contains("identified by 'email'"), result.message());
    }

    @Test
    void check_fails_for_a_property_that_is_missing_or_not_unique() {
        fake.defineProperty("nickname", false);

        CheckResult missing = open(Map.of("id-property", "customer_id")).check();
        CheckResult notUnique = open(Map.of("id-property", "nickname")).check();

        assertFalse(missing.ok());
        assertTrue(missing.message().contains("no contact property named 'customer_id' (destinations.crm.id-property)"), missing.message());
        assertFalse(notUnique.ok());
        assertTrue(notUnique.message().contains("'nickname' is not unique"), notUnique.message());
    }

    @Test
    void check_fails_for_a_pinned_dynamic_list_and_an_unknown_one() {
        String dynamic = fake.createList("Engaged", "DYNAMIC");

        CheckResult result = open(Map.of("list-id", dynamic)).check();
        CheckResult unknown = open(Map.of("list-id", "999")).check();

        assertFalse(result.ok());
        assertTrue(result.message().contains("is DYNAMIC"), result.message());
        assertFalse(unknown.ok());
        assertTrue(unknown.message().contains("404"), unknown.message());
    }

    @Test
    void check_fails_without_throwing_when_hubspot_cannot_be_reached() {
        fake.close();

        CheckResult result = open(Map.of()).check();

        assertFalse(result.ok());
        assertTrue(result.message().contains("cannot reach hubspot crm"), result.message());
    }

    private Destination open(Map<String, Object> more) {
        return factory.open(HubSpotTestSettings.settings(fake, more));
    }

    private static SyncRecord contact(String key, String email) {
        return new SyncRecord(key, Map.of("email", email));
    }

    private static BatchResult write(Destination destination, Operation operation, SyncRecord... records) {
        RunInfo run = new RunInfo(SYNC, 1, Instant.parse("2026-05-01T00:00:00Z"));
        return destination.write(new RecordBatch(SYNC + "-1-1", run, operation, List.of(records), 1));
    }
}
