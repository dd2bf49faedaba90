package dev.ownstack.destinations.meta;

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
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.destinations.pii.Pii;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The destination against {@link MetaFake}: audiences per sync, sessions, replace, and Meta's failures; every request checked against Meta's description. */
class MetaDestinationTest {
    private static final GraphSpec SPEC = GraphSpec.customAudience();
    private final MetaDestinationFactory factory = new MetaDestinationFactory();
    private final List<Destination> opened = new ArrayList<>();
    private MetaFake fake;

    @BeforeEach
    void startFake() throws Exception {
        fake = new MetaFake();
    }

    @AfterEach
    void stop() {
        try {
            opened.forEach(Destination::close);
            assertEquals(List.of(), SPEC.problems(fake.requests()));
        } finally {
            fake.close();
        }
    }

    @Test
    void the_audience_named_after_the_sync_is_created_once_and_found_again_across_pages() {
        for (int i = 0; i < 600; i++) {
            fake.createAudience("other-" + i);
        }
        Destination first = open(fake.settings());
        assertAllAccepted(first.write(batch(run("vip", 1), Operation.UPSERT, people(0, 2))));
        Destination second = open(fake.settings());
        assertAllAccepted(second.write(batch(run("vip", 2), Operation.UPSERT, people(2, 1))));
        long creates = fake.requests().stream().filter(request -> request.method().equals("POST")
                && request.path().endsWith("/customaudiences")).count();
        assertEquals(1, creates, "the second destination finds the audience on the list's second page");
        assertEquals(emailHashes(0, 3), fake.memberEmails("vip"));
        GraphRequest create = fake.requests().stream().filter(request -> request.path().endsWith("/customaudiences")
                && request.method().equals("POST")).findFirst().orElseThrow();
        assertEquals("CUSTOM", create.params().get("subtype"));
        assertEquals("USER_PROVIDED_ONLY", create.params().get("customer_file_source"));
    }

    @Test
    void a_pinned_audience_is_written_without_looking_one_up() {
        String pinned = fake.createAudience("made in ads manager");
        Map<String, Object> settings = new LinkedHashMap<>(fake.settings());
        settings.put("audience-id", pinned);
        Destination destination = open(settings);
        assertTrue(destination.check().message().contains(pinned));
        assertAllAccepted(destination.write(batch(run("vip", 1), Operation.UPSERT, people(0, 2))));
        assertEquals(emailHashes(0, 2), fake.memberEmails("made in ads manager"));
        assertTrue(fake.requests().stream().noneMatch(request -> request.path().contains("customaudiences")));
    }

    @Test
    void removes_send_the_fields_last_sent_with_delete_and_report_metas_counts() {
        Destination destination = open(fake.settings());
        RunInfo run = run("vip", 1);
        BatchResult added = destination.write(batch(run, Operation.UPSERT, people(0, 4)));
        assertEquals(Map.of("received", 4L, "invalid", 0L), added.reported());
        BatchResult removed = destination.write(batch(run, Operation.REMOVE, people(1, 2)));
        assertAllAccepted(removed);
        assertEquals(2L, removed.reported().get("received"));
        assertEquals(Set.of(emailHash(0), emailHash(3)), fake.memberEmails("vip"));
        assertTrue(fake.requests().stream().anyMatch(request -> request.method().equals("DELETE") && request.path().endsWith("/users")));
    }

    @Test
    void batches_of_a_run_share_a_session_and_a_retry_keeps_its_batch_seq() throws Exception {
        Destination destination = open(fake.settings());
        RunInfo run = run("vip", 1);
        destination.write(new RecordBatch("b1", run, Operation.UPSERT, people(0, 1), 1));
        destination.write(new RecordBatch("b2", run, Operation.UPSERT, people(1, 1), 1));
        destination.write(new RecordBatch("b2", run, Operation.UPSERT, people(1, 1), 2));
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (GraphRequest request : fake.requests()) {
            if (request.path().endsWith("/users")) {
                sessions.add(MetaFake.json().readValue(request.params().get("session"), Map.class));
            }
        }
        assertEquals(List.of(1, 2, 2), sessions.stream().map(session -> session.get("batch_seq")).toList());
        assertEquals(1, sessions.stream().map(session -> session.get("session_id")).distinct().count());
    }

    @Test
    void replace_checks_batches_then_replaces_the_audience_in_one_session_of_full_calls() throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>(fake.settings());
        settings.put("refresh", "replace");
        assertTrue(factory.capabilities(factory.spec().validate(new DestinationDefinition("meta", "meta-audiences", settings))).snapshot());
        Destination destination = open(settings);
        RunInfo first = run("vip", 1);
        assertAllAccepted(destination.write(batch(first, Operation.UPSERT, people(0, 3))));
        assertTrue(fake.memberEmails("vip").isEmpty(), "replace sends nothing before finish");
        destination.finish(first, people(0, 3).iterator());
        assertEquals(emailHashes(0, 3), fake.memberEmails("vip"));

        RunInfo second = run("vip", 2);
        List<SyncRecord> current = people(2, MetaFake.MAX_ROWS + 1);
        destination.finish(second, current.iterator());
        assertEquals(emailHashes(2, MetaFake.MAX_ROWS + 1), fake.memberEmails("vip"), "the audience is exactly the snapshot");
        List<Map<?, ?>> sessions = new ArrayList<>();
        for (GraphRequest request : fake.requests()) {
            if (request.path().endsWith("/usersreplace")) {
                sessions.add(MetaFake.json().readValue(request.params().get("session"), Map.class));
            }
        }
        List<Map<?, ?>> secondRun = sessions.subList(1, 3);
        assertEquals(List.of(1, 2), secondRun.stream().map(session -> session.get("batch_seq")).toList());
        assertEquals(List.of(false, true), secondRun.stream().map(session -> session.get("last_batch_flag")).toList());
        assertEquals(MetaFake.MAX_ROWS + 1, ((Number) secondRun.get(1).get("estimated_num_total")).intValue());
    }

    @Test
    void throttling_waits_for_the_time_meta_gives_in_its_usage_header() {
        Destination destination = open(fake.settings());
        fake.throttleNextWrite(80_003);
        DestinationException throttled = assertThrows(DestinationException.class,
                () -> destination.write(batch(run("vip", 1), Operation.UPSERT, people(0, 1))));
        assertEquals(ErrorClass.THROTTLED, throttled.errorClass());
        assertEquals(Optional.of(Duration.ofMinutes(2)), throttled.retryAfter());
    }

    @Test
    void an_expired_token_stops_the_run_as_auth_and_says_why() {
        Destination destination = open(fake.settings());
        fake.expireToken();
        DestinationException expired = assertThrows(DestinationException.class,
                () -> destination.write(batch(run("vip", 1), Operation.UPSERT, people(0, 1))));
        assertEquals(ErrorClass.AUTH, expired.errorClass());
        assertTrue(expired.getMessage().contains("190/463"), expired.getMessage());
        assertFalse(expired.getMessage().contains(MetaFake.TOKEN), "messages never show the token");
        CheckResult check = destination.check();
        assertFalse(check.ok());
        assertTrue(check.message().contains("expired"), check.message());
    }

    @Test
    void a_wrong_app_secret_fails_the_check_naming_appsecret_proof() {
        Map<String, Object> settings = new LinkedHashMap<>(fake.settings());
        settings.put("app-secret", "not-the-app-secret");
        CheckResult check = open(settings).check();
        assertFalse(check.ok());
        assertTrue(check.message().contains("appsecret_proof"), check.message());
    }

    @Test
    void a_field_meta_does_not_match_on_fails_the_batch_naming_it() {
        Destination destination = open(fake.settings());
        DestinationException unknown = assertThrows(DestinationException.class, () -> destination.write(batch(run("vip", 1),
                Operation.UPSERT, List.of(new SyncRecord("a", Map.of("email", "a@example.com", "first_name", "Ann"))))));
        assertEquals(ErrorClass.PERMANENT, unknown.errorClass());
        assertTrue(unknown.getMessage().contains("first_name") && unknown.getMessage().contains("fn"), unknown.getMessage());
        assertTrue(fake.requests().isEmpty(), "nothing is sent");
    }

    private Destination open(Map<String, Object> raw) {
        Destination destination = factory.open(factory.spec().validate(new DestinationDefinition("meta", "meta-audiences", raw)));
        opened.add(destination);
        return destination;
    }

    private static RunInfo run(String sync, long id) {
        return new RunInfo(sync, id, Instant.parse("2026-11-26T10:00:00Z").plusSeconds(id));
    }

    private static RecordBatch batch(RunInfo run, Operation operation, List<SyncRecord> records) {
        return new RecordBatch(run.sync() + "-" + run.runId() + "-" + operation + "-" + records.get(0).key(), run, operation, records, 1);
    }

    private static List<SyncRecord> people(int from, int count) {
        List<SyncRecord> records = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            records.add(new SyncRecord("p" + i, Map.of("email", "person" + i + "@example.com", "country", "US")));
        }
        return records;
    }

    private static String emailHash(int index) {
        return Pii.sha256Hex("person" + index + "@example.com");
    }

    private static Set<String> emailHashes(int from, int count) {
        return java.util.stream.IntStream.range(from, from + count).mapToObj(MetaDestinationTest::emailHash).collect(Collectors.toSet());
    }

    private static void assertAllAccepted(BatchResult result) {
        assertTrue(result.results().stream().allMatch(dev.ownstack.activation.destination.RecordResult::accepted), result.toString());
    }
}
