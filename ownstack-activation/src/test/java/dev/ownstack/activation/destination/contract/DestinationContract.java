package dev.ownstack.activation.destination.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationCategory;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.core.config.Secret;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every destination passes, driven by the capabilities it declares. A connector's
 * test extends this class and supplies its factory, settings that reach a live fake, settings
 * that do not, and a {@link DestinationProbe} that reads back what the fake now holds.
 *
 * <p>The suite opens destinations lazily inside each test, so a subclass may start its fake in
 * its own {@code @BeforeEach}. Sample records carry text with commas, quotes, a line break and
 * non-ASCII letters, a whole number and a null; {@link #fields} can be overridden for
 * destinations that take other shapes, {@link #normalise} for ones that return other types.
 * Runs write exactly {@link Capabilities#maxBatchRecords()} records in their first batch.
 */
public abstract class DestinationContract {
    /** The name of the destination in the definitions the suite builds. */
    protected static final String NAME = "contract";
    /** The name of the sync whose runs the suite writes. */
    protected static final String SYNC = "contract-sync";
    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern SECRET_LIKE = Pattern.compile(".*(password|secret|token|api-key|private-key|credential).*");

    private final List<Destination> opened = new ArrayList<>();
    private final Map<String, Map<String, Object>> expected = new TreeMap<>();
    private long nextRunId = 1;
    private int sequence;

    /** The connector under test. */
    protected abstract DestinationFactory factory();

    /** Raw settings (as from {@code ownstack.yml}) that reach the live fake. */
    protected abstract Map<String, Object> settings();

    /** Raw settings that pass the spec but name a wrong address or credential. */
    protected abstract Map<String, Object> unreachableSettings();

    /** Reads back what the live fake now holds. */
    protected abstract DestinationProbe probe();

    /**
     * How to make the live fake fail as its vendor does; required for every vendor connector
     * (any category but {@code DATA}), for which the suite then checks throttling, credential
     * expiry and per-record rejections.
     */
    protected Optional<DestinationFaults> faults() {
        return Optional.empty();
    }

    /** Whether a run's writes become visible only at {@link Destination#finish} (files); otherwise at once. */
    protected boolean publishesOnFinish() {
        return false;
    }

    /** The fields of the sample record {@code key} in its {@code version}th form. */
    protected Map<String, Object> fields(String key, int version) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", key + "@example.com");
        fields.put("name", "Zoë \"Ada\", Lovelace\nv" + version);
        fields.put("visits", (long) version);
        fields.put("plan", null);
        return fields;
    }

    /** A value for the secret setting {@code field} that its destination accepts (some check a secret's form). */
    protected String secretValue(ConfigField field) {
        return "s3cr3t-" + field.name() + "-value";
    }

    /** The form in which read-back values are compared: their text, nulls kept. */
    protected Map<String, Object> normalise(Map<String, Object> fields) {
        Map<String, Object> text = new LinkedHashMap<>();
        fields.forEach((name, value) -> text.put(name, value == null ? null : String.valueOf(value)));
        return text;
    }

    @AfterEach
    void closeDestinations() {
        for (Destination destination : opened) {
            destination.close();
        }
        opened.clear();
    }

    @Test
    void factory_is_registered_with_service_loader() {
        DestinationFactory loaded = Destinations.load().factory(factory().type());
        assertEquals(factory().getClass(), loaded.getClass());
    }

    @Test
    void spec_names_are_unique_kebab_case_and_secrets_are_secret_fields() {
        Set<String> names = new HashSet<>();
        for (ConfigField field : factory().spec().fields()) {
            assertTrue(names.add(field.name()), "setting named twice: " + field.name());
            assertTrue(KEBAB.matcher(field.name()).matches(), "setting name not in kebab-case: " + field.name());
            if (SECRET_LIKE.matcher(field.name()).matches()) {
                assertEquals(ConfigField.Type.SECRET, field.type(), "setting " + field.name() + " holds a secret but is " + field.type());
            }
            assertFalse(field.description().isBlank(), "setting " + field.name() + " has no description");
        }
        assertFalse(names.isEmpty(), "a destination type takes at least one setting");
    }

    @Test
    void settings_reject_an_unknown_key_with_its_path() {
        Map<String, Object> raw = new LinkedHashMap<>(settings());
        raw.put("no-such-setting", "x");
        OwnstackException error = assertThrows(OwnstackException.class, () -> validate(raw));
        assertEquals(ErrorCode.CONFIG_INVALID, error.code());
        assertTrue(error.getMessage().contains("destinations." + NAME + ".no-such-setting"), error.getMessage());
    }

    @Test
    void settings_reject_each_missing_required_key_with_its_path() {
        List<ConfigField> required = factory().spec().fields().stream().filter(ConfigField::required).toList();
        if (required.isEmpty()) {
            assertEquals(NAME, validate(Map.of()).name());
            return;
        }
        for (ConfigField field : required) {
            Map<String, Object> raw = new LinkedHashMap<>(settings());
            raw.remove(field.name());
            OwnstackException error = assertThrows(OwnstackException.class, () -> validate(raw), field.name());
            assertEquals(ErrorCode.CONFIG_INVALID, error.code());
            assertTrue(error.getMessage().contains("destinations." + NAME + "." + field.name()), error.getMessage());
        }
    }

    @Test
    void settings_never_print_a_secret() {
        Map<String, Object> raw = new LinkedHashMap<>(settings());
        List<String> secrets = new ArrayList<>();
        for (ConfigField field : factory().spec().fields()) {
            if (field.secret()) {
                String value = secretValue(field);
                raw.put(field.name(), Secret.fromEnvironment("CONTRACT_" + secrets.size(), value));
                secrets.add(value);
            }
        }
        DestinationSettings settings = validate(raw);
        String printed = settings.toString();
        assertTrue(printed.contains(NAME), printed);
        for (String secret : secrets) {
            assertFalse(printed.contains(secret), "settings print a secret: " + printed);
        }
        Destination destination = open(raw);
        assertFalse(secrets.stream().anyMatch(destination.toString()::contains), "destination prints a secret: " + destination);
    }

    @Test
    void check_succeeds_against_the_live_destination() {
        CheckResult result = open(settings()).check();
        assertTrue(result.ok(), result.message());
        assertFalse(result.message().isBlank());
    }

    @Test
    void check_fails_without_throwing_against_a_wrong_address_or_credential() {
        CheckResult result = open(unreachableSettings()).check();
        assertFalse(result.ok(), result.message());
        assertFalse(result.message().isBlank(), "a failed check says what failed");
    }

    @Test
    void every_record_of_a_batch_gets_exactly_one_result() {
        Destination destination = open(settings());
        RunInfo run = startRun(destination);
        List<SyncRecord> records = records(0, Math.min(7, capabilities().maxBatchRecords()), 1);
        BatchResult result = write(destination, run, Operation.UPSERT, records);
        assertTrue(result.results().stream().allMatch(RecordResult::accepted), result.toString());
        finishRun(destination, run);
        assertHolds(expected);
    }

    @Test
    void full_batches_of_upserts_from_parallel_writers_then_removes_leave_exactly_the_records_expected() throws InterruptedException {
        Destination destination = open(settings());
        int size = capabilities().maxBatchRecords();
        RunInfo run = startRun(destination);
        List<List<SyncRecord>> batches = List.of(records(0, size, 1), records(size, Math.min(3, size), 1));
        List<Thread> writers = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (List<SyncRecord> batch : batches) {
            Runnable send = () -> assertAllAccepted(write(destination, run, Operation.UPSERT, batch));
            if (capabilities().maxConcurrency() > 1) {
                Thread writer = new Thread(send);
                writer.setUncaughtExceptionHandler((thread, error) -> failures.add(error));
                writers.add(writer);
                writer.start();
            } else {
                send.run();
            }
        }
        for (Thread writer : writers) {
            writer.join();
        }
        assertTrue(failures.isEmpty(), () -> "a writer failed: " + failures);
        finishRun(destination, run);
        assertEquals(size + Math.min(3, size), expected.size());
        assertHolds(expected);
        if (capabilities().supports(Operation.REMOVE)) {
            RunInfo removal = startRun(destination);
            assertAllAccepted(write(destination, removal, Operation.REMOVE, batches.get(0)));
            finishRun(destination, removal);
            assertEquals(Math.min(3, size), expected.size());
            assertHolds(expected);
        }
    }

    @Test
    void a_run_publishes_its_writes_at_finish_or_at_once_as_declared() {
        Destination destination = open(settings());
        RunInfo first = startRun(destination);
        assertAllAccepted(write(destination, first, Operation.UPSERT, records(0, 3, 1)));
        finishRun(destination, first);
        Map<String, Map<String, Object>> afterFirst = new TreeMap<>(expected);
        RunInfo second = startRun(destination);
        assertAllAccepted(write(destination, second, Operation.UPSERT, records(3, 2, 1)));
        assertHolds(publishesOnFinish() ? afterFirst : expected);
        finishRun(destination, second);
        assertHolds(expected);
    }

    @Test
    void vendor_connectors_supply_their_faults() {
        if (factory().category() != DestinationCategory.DATA) {
            assertTrue(faults().isPresent(), factory().type() + " is a " + factory().category().configName()
                    + " destination: its contract test must supply the vendor's faults");
        }
    }

    @Test
    void a_throttled_write_is_reported_as_throttled_and_its_retry_is_accepted() {
        if (faults().isEmpty()) {
            return;
        }
        Destination destination = open(settings());
        RunInfo run = startRun(destination);
        assertAllAccepted(write(destination, run, Operation.UPSERT, records(0, 2, 1)));
        faults().orElseThrow().throttleNextWrite();
        List<SyncRecord> batch = records(2, 3, 1);
        try {
            BatchResult result = write(destination, run, Operation.UPSERT, batch);
            for (RecordResult record : result.results()) {
                assertFalse(record.accepted(), "a throttled request accepted " + record.key());
                assertEquals(ErrorClass.THROTTLED, record.errorClass().orElseThrow(), record.toString());
            }
        } catch (DestinationException throttled) {
            assertEquals(ErrorClass.THROTTLED, throttled.errorClass(), throttled.getMessage());
            assertFalse(throttled.getMessage().isBlank());
        }
        assertAllAccepted(write(destination, run, Operation.UPSERT, batch, 2));
        finishRun(destination, run);
        assertEquals(5, expected.size());
        assertHolds(expected);
    }

    @Test
    void expired_credentials_are_renewed_or_reported_as_auth_without_losing_a_record() {
        if (faults().isEmpty()) {
            return;
        }
        Destination destination = open(settings());
        RunInfo run = startRun(destination);
        assertAllAccepted(write(destination, run, Operation.UPSERT, records(0, 2, 1)));
        faults().orElseThrow().expireCredentials();
        try {
            assertAllAccepted(write(destination, run, Operation.UPSERT, records(2, 2, 1)));
        } catch (DestinationException expired) {
            assertEquals(ErrorClass.AUTH, expired.errorClass(), expired.getMessage());
            assertFalse(expired.getMessage().isBlank());
        }
        finishRun(destination, run);
        assertHolds(expected);
    }

    @Test
    void a_record_the_vendor_refuses_is_rejected_alone_in_the_vendors_words() {
        if (faults().isEmpty()) {
            return;
        }
        Destination destination = open(settings());
        RunInfo run = startRun(destination);
        List<SyncRecord> batch = new ArrayList<>(records(0, 3, 1));
        String bad = key(3);
        batch.add(1, new SyncRecord(bad, faults().orElseThrow().invalidFields(bad)));
        BatchResult result = write(destination, run, Operation.UPSERT, batch);
        for (RecordResult record : result.results()) {
            if (record.key().equals(bad)) {
                assertFalse(record.accepted(), "the invalid record was accepted: " + record);
                assertEquals(ErrorClass.PERMANENT, record.errorClass().orElseThrow(), record.toString());
                assertFalse(record.message().isBlank(), "a rejection says why");
            } else {
                assertTrue(record.accepted(), "a valid record of the batch was rejected: " + record);
            }
        }
        finishRun(destination, run);
        assertEquals(3, expected.size());
        assertHolds(expected);
    }

    /**
     * One test per declared capability: operations beyond upsert, and the snapshot. JUnit runs
     * a factory's tests on one instance, so they continue one another's state (the same fake,
     * the expected records carried over); each checks everything the destination holds.
     */
    @TestFactory
    Stream<DynamicTest> declared_capabilities() {
        List<DynamicTest> tests = new ArrayList<>();
        Capabilities capabilities = capabilities();
        if (capabilities.supports(Operation.REMOVE)) {
            tests.add(DynamicTest.dynamicTest("changes_and_removes_in_a_later_run_leave_exactly_the_expected_records",
                    this::changesAndRemoves));
        }
        if (capabilities.supports(Operation.UPDATE)) {
            tests.add(DynamicTest.dynamicTest("update_of_a_missing_record_is_rejected_permanently", this::updateOfMissing));
            tests.add(DynamicTest.dynamicTest("update_of_a_held_record_changes_it", this::updateOfHeld));
        }
        tests.add(DynamicTest.dynamicTest(capabilities.snapshot() ? "finish_reads_every_current_record_for_the_snapshot"
                : "finish_needs_no_current_records_without_snapshot", this::snapshotHonoured));
        return tests.stream();
    }

    private void changesAndRemoves() {
        Destination destination = open(settings());
        RunInfo first = startRun(destination);
        assertAllAccepted(write(destination, first, Operation.UPSERT, records(0, 10, 1)));
        finishRun(destination, first);
        RunInfo second = startRun(destination);
        List<SyncRecord> changed = new ArrayList<>(records(0, 3, 2));
        changed.addAll(records(10, 2, 1));
        assertAllAccepted(write(destination, second, Operation.UPSERT, changed));
        List<SyncRecord> removed = new ArrayList<>();
        for (String key : List.of(key(5), key(6), key(7))) {
            removed.add(new SyncRecord(key, expected.get(key)));
        }
        assertAllAccepted(write(destination, second, Operation.REMOVE, removed));
        finishRun(destination, second);
        assertFalse(expected.containsKey(key(6)), "an accepted remove leaves the record out");
        assertHolds(expected);
    }

    private void updateOfMissing() {
        Destination destination = open(settings());
        RunInfo run = startRun(destination);
        assertAllAccepted(write(destination, run, Operation.UPSERT, records(0, 2, 1)));
        BatchResult result = write(destination, run, Operation.UPDATE, List.of(new SyncRecord(key(1), fields(key(1), 2)),
                new SyncRecord(key(99), fields(key(99), 1))));
        for (RecordResult record : result.results()) {
            if (record.key().equals(key(99))) {
                assertFalse(record.accepted(), "update of a record the destination lacks was accepted");
                assertEquals(ErrorClass.PERMANENT, record.errorClass().orElseThrow());
                assertFalse(record.message().isBlank(), "a rejection quotes the destination");
            } else {
                assertTrue(record.accepted(), record.toString());
            }
        }
        finishRun(destination, run);
        assertHolds(expected);
    }

    private void updateOfHeld() {
        Destination destination = open(settings());
        RunInfo first = startRun(destination);
        assertAllAccepted(write(destination, first, Operation.UPSERT, records(0, 3, 1)));
        finishRun(destination, first);
        RunInfo second = startRun(destination);
        assertAllAccepted(write(destination, second, Operation.UPDATE, records(1, 1, 3)));
        finishRun(destination, second);
        assertEquals(normalise(fields(key(1), 3)), normalise(expected.get(key(1))));
        assertHolds(expected);
    }

    private void snapshotHonoured() {
        Destination destination = open(settings());
        RunInfo first = startRun(destination);
        assertAllAccepted(write(destination, first, Operation.UPSERT, records(0, 4, 1)));
        finishRun(destination, first);
        RunInfo second = startRun(destination);
        assertAllAccepted(write(destination, second, Operation.UPSERT, records(4, 1, 1)));
        int held = expected.size();
        int read = finishRun(destination, second);
        assertEquals(capabilities().snapshot() ? held : 0, read, "current records read by finish");
        assertHolds(expected);
    }

    /** Checks raw settings against the spec, as the configuration loader does. */
    protected DestinationSettings validate(Map<String, Object> raw) {
        return factory().spec().validate(new DestinationDefinition(NAME, factory().type(), raw));
    }

    /** Opens a destination the suite closes after the test. */
    protected Destination open(Map<String, Object> raw) {
        Destination destination = factory().open(validate(raw));
        opened.add(destination);
        return destination;
    }

    protected Capabilities capabilities() {
        return factory().capabilities(validate(settings()));
    }

    private RunInfo startRun(Destination destination) {
        RunInfo run = new RunInfo(SYNC, nextRunId++, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(nextRunId));
        destination.start(run);
        return run;
    }

    /** Finishes the run as the engine does, handing over the current records when the destination wants a snapshot; returns how many it read. */
    private int finishRun(Destination destination, RunInfo run) {
        List<SyncRecord> current = new ArrayList<>();
        if (capabilities().snapshot()) {
            expected.forEach((key, fields) -> current.add(new SyncRecord(key, fields)));
        }
        int[] read = {0};
        destination.finish(run, current.stream().peek(record -> read[0]++).iterator());
        return read[0];
    }

    private BatchResult write(Destination destination, RunInfo run, Operation operation, List<SyncRecord> records) {
        return write(destination, run, operation, records, 1);
    }

    private BatchResult write(Destination destination, RunInfo run, Operation operation, List<SyncRecord> records, int attempt) {
        String id;
        synchronized (this) {
            id = run.sync() + "-" + run.runId() + "-" + (++sequence);
        }
        RecordBatch batch = new RecordBatch(id, run, operation, records, attempt);
        BatchResult result = destination.write(batch);
        List<String> sent = records.stream().map(SyncRecord::key).sorted().toList();
        List<String> answered = result.results().stream().map(RecordResult::key).sorted().toList();
        assertEquals(sent, answered, "batch " + id + " must answer each record exactly once");
        Map<String, SyncRecord> byKey = new LinkedHashMap<>();
        records.forEach(record -> byKey.put(record.key(), record));
        synchronized (expected) {
            for (RecordResult record : result.results()) {
                if (record.accepted()) {
                    if (operation == Operation.REMOVE) {
                        expected.remove(record.key());
                    } else {
                        expected.put(record.key(), byKey.get(record.key()).fields());
                    }
                }
            }
        }
        return result;
    }

    private static void assertAllAccepted(BatchResult result) {
        List<RecordResult> rejected = result.results().stream().filter(record -> !record.accepted()).toList();
        assertTrue(rejected.isEmpty(), () -> "valid records rejected: " + rejected);
    }

    private void assertHolds(Map<String, Map<String, Object>> records) {
        Map<String, Map<String, Object>> want = new TreeMap<>();
        records.forEach((key, fields) -> want.put(key, normalise(fields)));
        Map<String, Map<String, Object>> got = new TreeMap<>();
        probe().readBack().forEach((key, fields) -> got.put(key, normalise(fields)));
        assertEquals(want.keySet(), got.keySet(), "keys the destination holds");
        assertEquals(want, got, "records the destination holds");
    }

    private List<SyncRecord> records(int from, int count, int version) {
        List<SyncRecord> records = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            records.add(new SyncRecord(key(i), fields(key(i), version)));
        }
        return records;
    }

    private static String key(int index) {
        return String.format("k%06d", index);
    }
}
