package dev.ownstack.destinations.marketo;

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
import dev.ownstack.core.config.syncs.DestinationDefinition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Marketo destination against {@link MarketoFake}: tokens, static lists, per-record reasons and whole-request errors. */
class MarketoDestinationTest {
    private static final RunInfo RUN = new RunInfo("vip-customers", 7, Instant.parse("2026-03-10T12:00:00Z"));
    private final MarketoFake fake = new MarketoFake(Set.of("loyaltyTier"));
    private final List<Destination> opened = new ArrayList<>();
    private int sequence;

    @AfterEach
    void close() {
        opened.forEach(Destination::close);
        fake.close();
    }

    @Test
    void upserts_create_then_update_leads_and_keep_them_in_a_list_named_after_the_sync() {
        Destination destination = open(Map.of());
        BatchResult first = write(destination, Operation.UPSERT, lead("ada", "Ada"), lead("bob", "Bob"));
        assertTrue(first.results().stream().allMatch(RecordResult::accepted), first.toString());
        assertEquals(Map.of("created", 2L), first.reported());
        BatchResult second = write(destination, Operation.UPSERT, lead("ada", "Ada Lovelace"));
        assertEquals(Map.of("updated", 1L), second.reported());
        assertEquals(first.results().get(0).destinationId(), second.results().get(0).destinationId(), "the lead's id is kept");
        assertEquals(Set.of("ada@example.com", "bob@example.com"), fake.memberEmails("vip-customers"));
        assertEquals("Ada Lovelace", fake.members("vip-customers").get("ada@example.com").get("firstName"));
        assertEquals(1, fake.requests().stream().filter(request -> request.startsWith("POST /rest/asset/v1/staticLists.json")).count());
    }

    @Test
    void the_token_travels_only_in_the_authorization_header_and_is_reused() {
        Destination destination = open(Map.of());
        write(destination, Operation.UPSERT, lead("ada", "Ada"));
        write(destination, Operation.UPSERT, lead("bob", "Bob"));
        assertEquals(1, fake.tokensIssued());
        assertTrue(fake.requests().stream().noneMatch(request -> request.contains("access_token")), fake.requests().toString());
    }

    @Test
    void the_fake_refuses_a_token_in_the_query_string_as_marketo_now_does() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String token = client.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/identity/oauth/token?grant_type=client_credentials&client_id="
                + MarketoFake.CLIENT_ID + "&client_secret=" + MarketoFake.CLIENT_SECRET)).build(), HttpResponse.BodyHandlers.ofString())
                .body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/rest/v1/leads/describe2.json?access_token="
                + token)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().contains("\"success\":false") && answer.body().contains("\"code\":\"600\""), answer.body());
    }

    @Test
    void a_token_is_renewed_a_minute_before_marketo_says_it_expires() {
        Instant start = Instant.now();
        Instant[] now = {start};
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        Destination destination = new MarketoDestination(MarketoSettings.from(settings(fake.settings())), clock);
        opened.add(destination);
        write(destination, Operation.UPSERT, lead("ada", "Ada"));
        now[0] = start.plusSeconds(3000);
        write(destination, Operation.UPSERT, lead("bob", "Bob"));
        assertEquals(1, identityCalls());
        now[0] = start.plusSeconds(3541);
        write(destination, Operation.UPSERT, lead("cy", "Cy"));
        assertEquals(2, identityCalls(), "the token was asked for again before its hour was up");
    }

    @Test
    void an_expired_token_is_renewed_once_and_a_token_refused_again_stops_the_run() {
        Destination destination = open(Map.of());
        write(destination, Operation.UPSERT, lead("ada", "Ada"));
        fake.expireCredentials();
        assertTrue(write(destination, Operation.UPSERT, lead("bob", "Bob")).results().get(0).accepted());
        assertEquals(2, fake.tokensIssued());
        fake.failNextWrite("601", "Access token invalid");
        fake.failNextWrite("601", "Access token invalid");
        DestinationException error = assertThrows(DestinationException.class, () -> write(destination, Operation.UPSERT, lead("cy", "Cy")));
        assertEquals(ErrorClass.AUTH, error.errorClass());
        assertTrue(error.getMessage().contains("601: Access token invalid"), error.getMessage());
    }

    @Test
    void quota_concurrency_and_system_errors_inside_200s_are_classified() {
        Destination destination = open(Map.of());
        fake.failNextWrite("607", "Daily quota reached");
        DestinationException quota = assertThrows(DestinationException.class, () -> write(destination, Operation.UPSERT, lead("ada", "Ada")));
        assertEquals(ErrorClass.THROTTLED, quota.errorClass());
        assertTrue(quota.retryAfter().isPresent());
        fake.failNextWrite("615", "Concurrent access limit reached");
        assertEquals(ErrorClass.THROTTLED, assertThrows(DestinationException.class,
                () -> write(destination, Operation.UPSERT, lead("ada", "Ada"))).errorClass());
        fake.failNextWrite("611", "System error");
        assertEquals(ErrorClass.RETRYABLE, assertThrows(DestinationException.class,
                () -> write(destination, Operation.UPSERT, lead("ada", "Ada"))).errorClass());
        assertTrue(fake.held().isEmpty());
    }

    @Test
    void records_marketo_skips_are_rejected_alone_with_its_code_and_message() {
        Destination destination = open(Map.of());
        Map<String, Object> unknownField = new LinkedHashMap<>(lead("cy", "Cy").fields());
        unknownField.put("nickname", "C");
        Map<String, Object> noEmail = new LinkedHashMap<>();
        noEmail.put("firstName", "Dee");
        BatchResult result = write(destination, Operation.UPSERT, lead("ada", "Ada"), new SyncRecord("cy", unknownField),
                new SyncRecord("dee", noEmail), lead("bob", "Bob"));
        assertEquals(List.of(true, false, false, true), result.results().stream().map(RecordResult::accepted).toList());
        assertEquals("1006: Field 'nickname' not found", result.results().get(1).message());
        assertEquals(Optional.of(ErrorClass.PERMANENT), result.results().get(2).errorClass());
        assertTrue(result.results().get(2).message().contains("lookup field 'email'"), result.results().get(2).message());
        assertEquals(Map.of("created", 2L, "skipped", 1L), result.reported());
    }

    @Test
    void update_of_a_lead_marketo_lacks_is_rejected_with_lead_not_found() {
        Destination destination = open(Map.of());
        write(destination, Operation.UPSERT, lead("ada", "Ada"));
        BatchResult result = write(destination, Operation.UPDATE, lead("ada", "Ada L"), lead("zed", "Zed"));
        assertTrue(result.results().get(0).accepted());
        assertEquals("1004: Lead not found", result.results().get(1).message());
        assertEquals(1, fake.held().size());
    }

    @Test
    void removals_take_leads_out_of_the_list_by_known_id_or_by_lookup_and_never_delete_them() {
        Destination destination = open(Map.of());
        BatchResult added = write(destination, Operation.UPSERT, lead("ada", "Ada"), lead("bob", "Bob"), lead("cy", "Cy"));
        String adaId = added.results().get(0).destinationId().orElseThrow();
        SyncRecord ada = new SyncRecord("ada", lead("ada", "Ada").fields(), Optional.of(adaId));
        BatchResult removed = write(destination, Operation.REMOVE, ada, lead("bob", "Bob"), lead("never", "Never"));
        assertTrue(removed.results().stream().allMatch(RecordResult::accepted), removed.toString());
        assertEquals(Map.of("removed", 2L), removed.reported());
        assertEquals(Set.of("cy@example.com"), fake.memberEmails("vip-customers"));
        assertEquals(3, fake.held().size(), "leads stay in Marketo");
        assertEquals(1, fake.requests().stream().filter(request -> request.startsWith("POST /rest/v1/leads.json?_method=GET")).count());
    }

    @Test
    void an_existing_list_of_the_syncs_name_is_reused_and_parallel_writers_create_none_twice() throws InterruptedException {
        long existing = fake.createList("vip-customers");
        Destination destination = open(Map.of());
        List<Thread> writers = new ArrayList<>();
        for (String name : List.of("ada", "bob", "cy", "dee")) {
            Thread writer = new Thread(() -> write(destination, Operation.UPSERT, lead(name, name)));
            writers.add(writer);
            writer.start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        assertEquals(Set.of("ada@example.com", "bob@example.com", "cy@example.com", "dee@example.com"), fake.memberEmails("vip-customers"));
        assertTrue(fake.requests().stream().noneMatch(request -> request.startsWith("POST /rest/asset/v1/staticLists.json")));
        assertTrue(fake.requests().stream().anyMatch(request -> request.startsWith("POST /rest/v1/lists/" + existing + "/leads.json")));
    }

    @Test
    void a_pinned_list_is_used_without_looking_it_up() {
        long pinned = fake.createList("Newsletter");
        Destination destination = open(Map.of("list-id", pinned));
        write(destination, Operation.UPSERT, lead("ada", "Ada"));
        assertEquals(Set.of("ada@example.com"), fake.memberEmails("Newsletter"));
        assertTrue(fake.requests().stream().noneMatch(request -> request.contains("/rest/asset/")), fake.requests().toString());
    }

    @Test
    void without_list_membership_leads_are_only_synced_and_removal_is_not_offered() {
        Map<String, Object> raw = new LinkedHashMap<>(fake.settings());
        raw.remove("list-folder-id");
        raw.put("list-membership", false);
        Destination destination = open(raw, true);
        assertTrue(write(destination, Operation.UPSERT, lead("ada", "Ada")).results().get(0).accepted());
        assertEquals(1, fake.held().size());
        assertTrue(fake.requests().stream().noneMatch(request -> request.contains("/lists") || request.contains("staticList")));
        assertFalse(new MarketoDestinationFactory().capabilities(settings(raw)).supports(Operation.REMOVE));
    }

    @Test
    void check_confirms_the_lookup_field_exists_and_is_searchable() {
        CheckResult ok = open(Map.of("lookup-field", "loyaltyTier")).check();
        assertTrue(ok.ok(), ok.message());
        CheckResult missing = open(Map.of("lookup-field", "shoeSize")).check();
        assertFalse(missing.ok());
        assertTrue(missing.message().contains("no lead field named 'shoeSize'"), missing.message());
        CheckResult unsearchable = open(Map.of("lookup-field", "firstName")).check();
        assertFalse(unsearchable.ok());
        assertTrue(unsearchable.message().contains("not searchable"), unsearchable.message());
    }

    @Test
    void check_fails_for_a_pinned_list_marketo_does_not_have() {
        assertTrue(open(Map.of("list-id", fake.createList("Newsletter"))).check().ok());
        CheckResult result = open(Map.of("list-id", 4242L)).check();
        assertFalse(result.ok());
        assertTrue(result.message().contains("no static list with id 4242"), result.message());
    }

    @Test
    void removals_found_by_lookup_match_the_lead_whatever_the_case_of_the_value() {
        Destination destination = open(Map.of());
        write(destination, Operation.UPSERT, lead("ada", "Ada"));
        Map<String, Object> shouted = new LinkedHashMap<>(lead("ada", "Ada").fields());
        shouted.put("email", "ADA@Example.COM");
        assertTrue(write(destination, Operation.REMOVE, new SyncRecord("ada", shouted)).results().get(0).accepted());
        assertEquals(Set.of(), fake.memberEmails("vip-customers"));
    }

    @Test
    void check_reports_an_unreachable_instance_without_throwing() {
        Map<String, Object> raw = new LinkedHashMap<>(fake.settings());
        raw.put("munchkin-base-url", "http://127.0.0.1:1");
        CheckResult result = open(raw, true).check();
        assertFalse(result.ok());
        assertTrue(result.message().contains("cannot reach"), result.message());
        assertFalse(result.message().contains(MarketoFake.CLIENT_SECRET), "a failed check never shows the secret");
    }

    private long identityCalls() {
        return fake.requests().stream().filter(request -> request.startsWith("GET /identity/oauth/token")).count();
    }

    private Destination open(Map<String, Object> overrides) {
        Map<String, Object> raw = new LinkedHashMap<>(fake.settings());
        raw.putAll(overrides);
        return open(raw, true);
    }

    private Destination open(Map<String, Object> raw, boolean track) {
        Destination destination = new MarketoDestinationFactory().open(settings(raw));
        if (track) {
            opened.add(destination);
        }
        return destination;
    }

    private static dev.ownstack.activation.destination.DestinationSettings settings(Map<String, Object> raw) {
        return new MarketoDestinationFactory().spec().validate(new DestinationDefinition("crm", "marketo", raw));
    }

    private BatchResult write(Destination destination, Operation operation, SyncRecord... records) {
        int number;
        synchronized (this) {
            number = ++sequence;
        }
        return destination.write(new RecordBatch("vip-customers-7-" + number, RUN, operation, List.of(records), 1));
    }

    private static SyncRecord lead(String name, String firstName) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", name + "@example.com");
        fields.put("firstName", firstName);
        return new SyncRecord(name, fields);
    }
}
