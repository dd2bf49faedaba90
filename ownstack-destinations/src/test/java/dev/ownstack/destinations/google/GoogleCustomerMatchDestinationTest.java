package dev.ownstack.destinations.google;

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
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connector against the Data Manager fake: lists, tokens, and the failures beyond the contract's. */
class GoogleCustomerMatchDestinationTest {
    private final GoogleDataManagerFake fake = new GoogleDataManagerFake();
    private final List<Destination> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Destination::close);
        fake.close();
    }

    @Test
    void each_sync_fills_a_list_named_after_it_created_once_and_found_again_by_a_new_destination() {
        write(open(fake.settings()), "vip-customers", Operation.UPSERT, person("ada@example.com"));
        write(open(fake.settings()), "vip-customers", Operation.UPSERT, person("grace@example.com"));
        write(open(fake.settings()), "churned", Operation.UPSERT, person("alan@example.com"));
        assertEquals(Set.of(sha256("ada@example.com"), sha256("grace@example.com")), fake.memberEmails("vip-customers"));
        assertEquals(Set.of(sha256("alan@example.com")), fake.memberEmails("churned"));
        assertEquals(2, fake.held().keySet().stream().map(key -> key.substring(0, key.indexOf('/'))).distinct().count());
    }

    @Test
    void a_pinned_list_is_filled_whatever_the_sync_and_checked_by_id() {
        String id = fake.createList("Newsletter subscribers");
        Map<String, Object> settings = new LinkedHashMap<>(fake.settings());
        settings.put("user-list-id", id);
        Destination destination = open(settings);
        write(destination, "any-sync", Operation.UPSERT, person("ada@example.com"));
        assertEquals(Set.of(sha256("ada@example.com")), fake.memberEmails("Newsletter subscribers"));
        CheckResult check = destination.check();
        assertTrue(check.ok(), check.message());
        assertTrue(check.message().contains("Newsletter subscribers"), check.message());

        settings.put("user-list-id", "424242");
        CheckResult missing = open(settings).check();
        assertFalse(missing.ok());
        assertTrue(missing.message().contains("NOT_FOUND"), missing.message());
    }

    @Test
    void a_manager_account_the_user_acts_through_is_named_and_one_it_cannot_use_is_an_auth_failure() {
        Map<String, Object> settings = new LinkedHashMap<>(fake.settings());
        settings.put("login-account-id", "987-654-3210");
        Destination destination = open(settings);
        assertTrue(destination.check().ok());
        write(destination, "s", Operation.UPSERT, person("ada@example.com"));
        assertEquals(Set.of(sha256("ada@example.com")), fake.memberEmails("s"));

        settings.put("login-account-id", "111-111-1111");
        CheckResult denied = open(settings).check();
        assertFalse(denied.ok());
        assertTrue(denied.message().contains("PERMISSION_DENIED"), denied.message());
        String list = fake.createList("pinned");
        settings.put("user-list-id", list);
        DestinationException failure = assertThrows(DestinationException.class,
                () -> write(open(settings), "s", Operation.UPSERT, person("grace@example.com")));
        assertEquals(ErrorClass.AUTH, failure.errorClass());
    }

    @Test
    void members_google_refuses_are_rejected_alone_in_its_words_and_the_rest_sent_again() {
        fake.refuseMember(sha256("mallory@example.com"));
        BatchResult result = write(open(fake.settings()), "s", Operation.UPSERT, person("ada@example.com"), person("mallory@example.com"),
                person("grace@example.com"));
        RecordResult refused = result.results().stream().filter(record -> record.key().equals("mallory@example.com")).findFirst().orElseThrow();
        assertEquals(Optional.of(ErrorClass.PERMANENT), refused.errorClass());
        assertTrue(refused.message().startsWith("INVALID_AUDIENCE_MEMBER: This audience member is not valid."), refused.message());
        assertEquals(2, result.results().stream().filter(RecordResult::accepted).count());
        assertEquals(Map.of("received", 2L), result.reported());
        assertEquals(Set.of(sha256("ada@example.com"), sha256("grace@example.com")), fake.memberEmails("s"));
        assertEquals(2, fake.writes(), "one refused request, one resend without the refused member");
    }

    @Test
    void an_access_token_is_fetched_once_reused_and_renewed_when_refused() {
        Destination destination = open(fake.settings());
        write(destination, "s", Operation.UPSERT, person("ada@example.com"));
        write(destination, "s", Operation.UPSERT, person("grace@example.com"));
        assertEquals(1, fake.tokensIssued());
        fake.expireTokens();
        BatchResult removed = write(destination, "s", Operation.REMOVE, person("ada@example.com"));
        assertTrue(removed.results().get(0).accepted(), removed.toString());
        assertEquals(2, fake.tokensIssued());
        assertEquals(Set.of(sha256("grace@example.com")), fake.memberEmails("s"));
    }

    @Test
    void a_revoked_refresh_token_or_unknown_client_is_an_auth_failure_naming_the_oauth_error() {
        Map<String, Object> revoked = new LinkedHashMap<>(fake.settings());
        revoked.put("refresh-token", "1//revoked");
        DestinationException failure = assertThrows(DestinationException.class,
                () -> write(open(revoked), "s", Operation.UPSERT, person("ada@example.com")));
        assertEquals(ErrorClass.AUTH, failure.errorClass());
        assertTrue(failure.getMessage().contains("invalid_grant"), failure.getMessage());

        Map<String, Object> wrongClient = new LinkedHashMap<>(fake.settings());
        wrongClient.put("client-secret", "wrong");
        CheckResult check = open(wrongClient).check();
        assertFalse(check.ok());
        assertTrue(check.message().contains("invalid_client"), check.message());
        assertFalse(check.message().contains("wrong"), "a failed check never prints the secret: " + check.message());
    }

    @Test
    void a_throttled_write_carries_googles_retry_after() {
        Destination destination = open(fake.settings());
        destination.start(run("s"));
        fake.throttleNextWrite();
        DestinationException throttled = assertThrows(DestinationException.class,
                () -> write(destination, "s", Operation.UPSERT, person("ada@example.com")));
        assertEquals(ErrorClass.THROTTLED, throttled.errorClass());
        assertEquals(Optional.of(Duration.ofSeconds(30)), throttled.retryAfter());
        assertTrue(throttled.getMessage().contains("RESOURCE_EXHAUSTED"), throttled.getMessage());
    }

    @Test
    void fields_the_destination_does_not_know_fail_the_batch_naming_them() {
        SyncRecord record = new SyncRecord("k1", Map.of("email", "ada@example.com", "plan", "gold", "visits", 3L));
        DestinationException failure = assertThrows(DestinationException.class,
                () -> write(open(fake.settings()), "s", Operation.UPSERT, record));
        assertEquals(ErrorClass.PERMANENT, failure.errorClass());
        assertTrue(failure.getMessage().contains("plan, visits"), failure.getMessage());
        assertEquals(0, fake.writes());
    }

    @Test
    void records_without_a_usable_identifier_are_rejected_without_a_request() {
        BatchResult result = write(open(fake.settings()), "s", Operation.UPSERT,
                new SyncRecord("blank", Map.of("first_name", "Ada", "country", "GB")),
                new SyncRecord("bad-phone", Map.of("email", "ada@example.com", "phone", "call me maybe")));
        assertTrue(result.results().stream().noneMatch(RecordResult::accepted), result.toString());
        assertTrue(result.results().stream().allMatch(record -> record.errorClass().orElseThrow() == ErrorClass.PERMANENT));
        assertEquals(0, fake.writes());
        assertEquals(Map.of(), result.reported());
    }

    @Test
    void settings_name_each_unusable_value() {
        Map<String, Object> settings = new LinkedHashMap<>(fake.settings());
        settings.put("operating-account-id", "12-34");
        settings.put("login-account-id", "abc");
        settings.put("default-country", "Narnia");
        settings.put("user-list-id", "list-1");
        OwnstackException error = assertThrows(OwnstackException.class, () -> open(settings));
        assertEquals(ErrorCode.CONFIG_INVALID, error.code());
        for (String setting : List.of("operating-account-id: ", "login-account-id: ", "default-country: ", "user-list-id: ")) {
            assertTrue(error.getMessage().contains("destinations.google." + setting), error.getMessage());
        }
    }

    private Destination open(Map<String, Object> raw) {
        GoogleCustomerMatchDestinationFactory factory = new GoogleCustomerMatchDestinationFactory();
        Destination destination = factory.open(factory.spec().validate(new DestinationDefinition("google", factory.type(), raw)));
        opened.add(destination);
        return destination;
    }

    private static BatchResult write(Destination destination, String sync, Operation operation, SyncRecord... records) {
        return destination.write(new RecordBatch(sync + "-1-1", run(sync), operation, List.of(records), 1));
    }

    private static RunInfo run(String sync) {
        return new RunInfo(sync, 1, Instant.parse("2026-11-26T12:00:00Z"));
    }

    private static SyncRecord person(String email) {
        return new SyncRecord(email, Map.of("email", email));
    }

    private static String sha256(String text) {
        return GoogleCustomerMatchContractTest.sha256(text);
    }
}
