package dev.ownstack.activation.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.audience.testing.SettableClock;
import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.activation.destination.testing.InMemoryDestination;
import dev.ownstack.activation.sync.testing.FixedSenderProvider;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.config.syncs.SyncGuardrails;
import dev.ownstack.core.config.syncs.SyncMode;
import dev.ownstack.core.config.syncs.SyncSource;
import dev.ownstack.core.config.syncs.SyncTrigger;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.Warehouse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sync engine on one engine, with a query source over {@code model.people} (p01 to p10) and
 * an in-memory destination taking 3 records per batch. The diff and state SQL is the part that
 * differs by engine; each test says what the destination received.
 */
abstract class SyncServiceSuite {
    static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    static final TableName PEOPLE = new TableName("model", "people");
    static final String QUERY = "SELECT id, email, name, score FROM model.people";

    protected Warehouse warehouse;
    final SettableClock clock = new SettableClock(START);
    final InMemoryDestination destination = InMemoryDestination.withBatches(3, false);

    protected abstract Warehouse open();

    protected void dispose() {
    }

    @BeforeEach
    void load() {
        warehouse = open();
        warehouse.ensureTable(PEOPLE, List.of(new Column("id", ColumnType.STRING), new Column("email", ColumnType.STRING),
                new Column("name", ColumnType.STRING), new Column("score", ColumnType.DOUBLE)), List.of());
        for (int i = 1; i <= 10; i++) {
            warehouse.execute("INSERT INTO model.people VALUES (?, ?, ?, ?)", key(i), "p" + i + "@example.com", "Person " + i, i / 10.0);
        }
    }

    @AfterEach
    void close() {
        warehouse.close();
        dispose();
    }

    static String key(int i) {
        return String.format("p%02d", i);
    }

    static SyncDefinition sync(String name, SyncMode mode) {
        return sync(name, new SyncSource.Query(QUERY), mode, SyncGuardrails.DEFAULT, SyncDefinition.DEFAULT_RETRY_WINDOW);
    }

    static SyncDefinition sync(String name, SyncSource source, SyncMode mode, SyncGuardrails guardrails, Duration retryWindow) {
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("email", "email");
        mapping.put("full_name", "name");
        mapping.put("score", "score");
        return new SyncDefinition(name, source, "memory", "id", mapping, mode, new SyncTrigger.Manual(), guardrails, retryWindow);
    }

    SyncService service(SyncDefinition... syncs) {
        Map<String, SyncDefinition> byName = new LinkedHashMap<>();
        for (SyncDefinition sync : syncs) {
            byName.put(sync.name(), sync);
        }
        return new SyncService(warehouse, SyncCatalog.of(byName, Map.of("memory", new DestinationDefinition("memory", "memory", Map.of()))),
                new FixedSenderProvider().with("memory", destination), clock);
    }

    SyncRun run(SyncService service, String sync) {
        clock.advance(Duration.ofMinutes(10));
        return service.run(sync, false);
    }

    /** Operation and keys of each batch written since the last call. */
    List<String> batches() {
        List<String> batches = destination.batches().stream().map(SyncServiceSuite::describe).toList();
        destination.clearBatches();
        return batches;
    }

    static String describe(RecordBatch batch) {
        return batch.operation() + " " + String.join(",", batch.records().stream().map(SyncRecord::key).toList());
    }

    Map<String, String> state(String sync) {
        Map<String, String> state = new TreeMap<>();
        for (Object[] row : warehouse.queryAll("SELECT record_key, fields FROM ownstack.sync_state WHERE sync = ?", sync).rows()) {
            state.put((String) row[0], (String) row[1]);
        }
        return state;
    }

    @Test
    void upsert_sends_every_record_first_and_then_only_what_changed() {
        SyncService service = service(sync("people", SyncMode.UPSERT));
        SyncRun first = run(service, "people");
        assertEquals(SyncRunStatus.SUCCEEDED, first.status(), first.message());
        assertEquals(new SyncPlanCounts(10, 0, 0, 0), first.planned());
        assertEquals(10, first.added());
        assertEquals(List.of("UPSERT p01,p02,p03", "UPSERT p04,p05,p06", "UPSERT p07,p08,p09", "UPSERT p10"), sortedBatches());
        assertEquals(Map.of("email", "p3@example.com", "full_name", "Person 3", "score", 0.3), destination.records().get("p03"));

        SyncRun unchanged = run(service, "people");
        assertEquals(new SyncPlanCounts(0, 0, 0, 10), unchanged.planned());
        assertEquals(List.of(), batches());

        warehouse.execute("UPDATE model.people SET name = 'Renamed' WHERE id = 'p04'");
        warehouse.execute("UPDATE model.people SET score = 0.4 WHERE id = 'p04'");
        warehouse.execute("DELETE FROM model.people WHERE id = 'p09'");
        warehouse.execute("INSERT INTO model.people VALUES ('p11', NULL, 'New', NULL)");
        SyncRun changed = run(service, "people");
        assertEquals(new SyncPlanCounts(1, 1, 0, 10), changed.planned(), "upsert never removes");
        assertEquals(List.of("UPSERT p04,p11"), sortedBatches());
        assertEquals(1, changed.added());
        assertEquals(1, changed.changed());
        assertTrue(destination.records().containsKey("p09"));
        Map<String, Object> p11 = new LinkedHashMap<>();
        p11.put("email", null);
        p11.put("full_name", "New");
        p11.put("score", null);
        assertEquals(p11, destination.records().get("p11"));
    }

    @Test
    void mirror_removes_records_that_left_the_source_with_the_fields_last_sent() {
        SyncService service = service(sync("people", SyncMode.MIRROR));
        run(service, "people");
        batches();
        warehouse.execute("DELETE FROM model.people WHERE id = 'p02'");
        SyncRun run = run(service, "people");
        assertEquals(SyncRunStatus.SUCCEEDED, run.status(), run.message());
        assertEquals(new SyncPlanCounts(0, 0, 1, 10), run.planned());
        assertEquals(1, run.removed());
        List<RecordBatch> sent = destination.batches();
        assertEquals(1, sent.size());
        assertEquals(Operation.REMOVE, sent.get(0).operation());
        assertEquals("p2@example.com", sent.get(0).records().get(0).fields().get("email"));
        assertEquals("id-p02", sent.get(0).records().get(0).destinationId().orElseThrow());
        assertEquals(9, destination.records().size());
        assertEquals(9, state("people").size());
    }

    @Test
    void add_mode_sends_only_records_new_to_the_destination() {
        SyncService service = service(sync("people", SyncMode.ADD));
        run(service, "people");
        batches();
        warehouse.execute("UPDATE model.people SET name = 'Changed' WHERE id = 'p01'");
        warehouse.execute("DELETE FROM model.people WHERE id = 'p02'");
        warehouse.execute("INSERT INTO model.people VALUES ('p12', 'x@example.com', 'X', 1.5)");
        SyncRun run = run(service, "people");
        assertEquals(new SyncPlanCounts(1, 0, 0, 10), run.planned());
        assertEquals(List.of("UPSERT p12"), batches());
    }

    @Test
    void update_mode_sends_adds_and_changes_as_updates_which_the_destination_may_reject() {
        SyncService service = service(sync("people", SyncMode.UPDATE));
        SyncRun run = run(service, "people");
        assertEquals(SyncRunStatus.PARTIAL, run.status(), run.message());
        assertEquals(10, run.failed());
        assertTrue(batches().stream().allMatch(batch -> batch.startsWith("UPDATE ")));
        assertEquals(10, service.errors("people", 100).size());
        assertEquals("no record p01 to update", service.errors("people", 100).stream().filter(e -> e.recordKey().equals("p01")).findFirst()
                .orElseThrow().message());
    }

    @Test
    void a_change_is_found_by_the_hash_of_the_mapped_fields_only() {
        SyncService service = service(sync("people", SyncMode.UPSERT));
        run(service, "people");
        batches();
        warehouse.execute("UPDATE model.people SET score = 0.5 WHERE id = 'p05'");
        assertEquals(new SyncPlanCounts(0, 0, 0, 10), run(service, "people").planned(), "the same value is no change");
        warehouse.execute("UPDATE model.people SET email = NULL WHERE id = 'p06'");
        warehouse.execute("UPDATE model.people SET name = 'p6@example.com' WHERE id = 'p07'");
        assertEquals(new SyncPlanCounts(0, 2, 0, 10), run(service, "people").planned());
        assertEquals(List.of("UPSERT p06,p07"), sortedBatches());
        warehouse.execute("UPDATE model.people SET name = '' WHERE id = 'p08'");
        warehouse.execute("UPDATE model.people SET name = NULL WHERE id = 'p09'");
        assertEquals(new SyncPlanCounts(0, 2, 0, 10), run(service, "people").planned(), "empty text and NULL differ from a name and each other");
    }

    @Test
    void state_advances_only_for_records_the_destination_accepted() {
        SyncService service = service(sync("people", SyncMode.UPSERT));
        destination.rejectPermanently("p03", "p07");
        SyncRun run = run(service, "people");
        assertEquals(SyncRunStatus.PARTIAL, run.status());
        assertEquals(8, run.added());
        assertEquals(2, run.failed());
        assertEquals(List.of("p03: invalid record p03", "p07: invalid record p07"), run.errorSamples().stream().sorted().toList());
        assertEquals(8, state("people").size());
        assertTrue(!state("people").containsKey("p03"));
        List<SyncError> errors = service.errors("people", 10);
        assertEquals(2, errors.size());
        assertEquals(ErrorClass.PERMANENT, errors.get(0).errorClass());
        assertEquals(Operation.UPSERT, errors.get(0).operation());
        batches();

        destination.acceptAgain("p03", "p07");
        SyncRun again = run(service, "people");
        assertEquals(SyncRunStatus.SUCCEEDED, again.status(), "rejected records are retried within the window");
        assertEquals(List.of("UPSERT p03,p07"), sortedBatches());
        assertEquals(10, state("people").size());
        assertEquals(List.of(), service.errors("people", 10), "an accepted record clears its error");
    }

    @Test
    void rejected_records_are_retried_within_the_window_and_skipped_after_it_until_they_change() {
        SyncService service = service(sync("people", new SyncSource.Query(QUERY), SyncMode.UPSERT, SyncGuardrails.DEFAULT, Duration.ofDays(1)));
        destination.rejectPermanently("p05");
        run(service, "people");
        batches();
        clock.advance(Duration.ofHours(12));
        SyncRun within = run(service, "people");
        assertEquals(List.of("UPSERT p05"), batches());
        assertEquals(1, within.failed());
        assertEquals(2, service.errors("people", 10).get(0).attempts());

        clock.advance(Duration.ofHours(13));
        SyncRun after = run(service, "people");
        assertEquals(new SyncPlanCounts(0, 0, 0, 9), after.planned());
        assertEquals(List.of(), batches());
        assertEquals(SyncRunStatus.SUCCEEDED, after.status());
        assertEquals(1, service.errors("people", 10).size(), "still listed");

        warehouse.execute("UPDATE model.people SET name = 'Fixed' WHERE id = 'p05'");
        destination.acceptAgain("p05");
        SyncRun changed = run(service, "people");
        assertEquals(new SyncPlanCounts(1, 0, 0, 9), changed.planned());
        assertEquals(List.of("UPSERT p05"), batches());
        assertEquals(List.of(), service.errors("people", 10));
    }

    @Test
    void a_rejected_record_that_leaves_the_source_before_it_was_accepted_is_forgotten_by_the_next_run_that_sends() {
        SyncService service = service(sync("people", SyncMode.MIRROR));
        destination.rejectPermanently("p05");
        run(service, "people");
        assertEquals(1, service.errors("people", 10).size());
        warehouse.execute("DELETE FROM model.people WHERE id = 'p05'");
        clock.advance(Duration.ofMinutes(10));
        service.run("people", true);
        assertEquals(1, service.errors("people", 10).size(), "a dry run changes nothing");
        SyncRun next = run(service, "people");
        assertEquals(new SyncPlanCounts(0, 0, 0, 9), next.planned());
        assertEquals(List.of(), service.errors("people", 10));
    }

    @Test
    void a_destination_failure_ends_the_run_failed_keeping_what_was_accepted_and_the_next_run_sends_the_rest() {
        SyncService service = service(sync("people", SyncMode.UPSERT));
        destination.failFromWrite(2, ErrorClass.AUTH);
        SyncRun failed = run(service, "people");
        assertEquals(SyncRunStatus.FAILED, failed.status());
        assertTrue(failed.message().contains("write 2 refused (AUTH)"), failed.message());
        assertEquals(3, failed.added());
        assertEquals(3, state("people").size());
        assertTrue(destination.finished().isEmpty(), "finish only after every batch");
        destination.stopFailing();
        batches();
        SyncRun next = run(service, "people");
        assertEquals(new SyncPlanCounts(7, 0, 0, 3), next.planned());
        assertEquals(SyncRunStatus.SUCCEEDED, next.status());
        assertEquals(10, destination.records().size());
    }

    @Test
    void a_failure_in_the_destination_start_marks_the_run_failed_not_running() {
        SyncService service = new SyncService(warehouse, SyncCatalog.of(Map.of("people", sync("people", SyncMode.UPSERT)),
                Map.of("memory", new DestinationDefinition("memory", "memory", Map.of()))),
                new FixedSenderProvider().with("memory", new FailingStart(destination), destination), clock);
        SyncRun run = run(service, "people");
        assertEquals(SyncRunStatus.FAILED, run.status());
        assertEquals("cannot start", run.message());
        assertEquals(run, service.findRun(run.runId()).orElseThrow());
        assertTrue(run.finishedAt().isPresent());
    }

    @Test
    void a_snapshot_destination_is_given_every_record_it_holds_in_key_order() {
        InMemoryDestination files = InMemoryDestination.withBatches(4, true);
        SyncService service = new SyncService(warehouse, SyncCatalog.of(Map.of("people", sync("people", SyncMode.MIRROR)),
                Map.of("memory", new DestinationDefinition("memory", "memory", Map.of()))), new FixedSenderProvider().with("memory", files), clock);
        run(service, "people");
        warehouse.execute("DELETE FROM model.people WHERE id = 'p10'");
        warehouse.execute("UPDATE model.people SET name = 'Changed' WHERE id = 'p01'");
        run(service, "people");
        List<SyncRecord> snapshot = files.snapshot();
        assertEquals(List.of("p01", "p02", "p03", "p04", "p05", "p06", "p07", "p08", "p09"), snapshot.stream().map(SyncRecord::key).toList());
        assertEquals("Changed", snapshot.get(0).fields().get("full_name"));
        assertEquals(2, files.finished().size());
    }

    @Test
    void repeated_or_null_identifiers_fail_the_run_naming_them_and_send_nothing() {
        warehouse.execute("INSERT INTO model.people VALUES ('p01', 'again@example.com', 'Again', 0)");
        warehouse.execute("INSERT INTO model.people VALUES (NULL, 'none@example.com', 'None', 0)");
        SyncService service = service(sync("people", SyncMode.UPSERT));
        SyncRun run = run(service, "people");
        assertEquals(SyncRunStatus.FAILED, run.status());
        assertTrue(run.message().contains("NULL (1 records), 'p01' (2 records)"), run.message());
        assertEquals(List.of(), batches());
    }

    @Test
    void a_mapped_column_the_source_lacks_is_an_error_naming_the_sync_the_entry_and_the_column() {
        Map<String, String> mapping = Map.of("phone", "telephone");
        SyncDefinition sync = new SyncDefinition("people", new SyncSource.Query(QUERY), "memory", "id", mapping, SyncMode.UPSERT,
                new SyncTrigger.Manual(), SyncGuardrails.DEFAULT, SyncDefinition.DEFAULT_RETRY_WINDOW);
        OwnstackException e = assertThrows(OwnstackException.class, () -> service(sync).run("people", false));
        assertEquals(ErrorCode.CONFIG_INVALID, e.code());
        assertTrue(e.getMessage().startsWith("syncs.people.mapping.phone: the source has no column 'telephone'; its columns: id, email"),
                e.getMessage());
    }

    @Test
    void a_query_source_that_writes_is_refused() {
        SyncDefinition sync = sync("people", new SyncSource.Query("SELECT 1 AS id; DELETE FROM model.people"), SyncMode.UPSERT,
                SyncGuardrails.DEFAULT, Duration.ofDays(1));
        OwnstackException e = assertThrows(OwnstackException.class, () -> service(sync).run("people", false));
        assertEquals(ErrorCode.CONFIG_INVALID, e.code());
        assertEquals(10L, ((Number) warehouse.queryAll("SELECT count(*) FROM model.people").singleValue()).longValue());
    }

    @Test
    void a_dry_run_counts_and_sends_and_advances_nothing() {
        SyncService service = service(sync("people", SyncMode.MIRROR));
        SyncRun dry = service.run("people", true);
        assertEquals(SyncRunStatus.DRY_RUN, dry.status());
        assertEquals(new SyncPlanCounts(10, 0, 0, 0), dry.planned());
        assertTrue(dry.message().startsWith("dry run: would add 10, change 0 and remove 0"), dry.message());
        assertEquals(List.of(), batches());
        assertTrue(destination.started().isEmpty());
        assertEquals(Map.of(), state("people"));
        assertEquals(List.of(dry), service.runs("people", 10));
    }

    @Test
    void a_preview_counts_and_samples_each_kind_in_key_order() {
        SyncService service = service(sync("people", SyncMode.MIRROR));
        run(service, "people");
        warehouse.execute("DELETE FROM model.people WHERE id IN ('p01', 'p02')");
        warehouse.execute("UPDATE model.people SET name = 'Changed' WHERE id = 'p03'");
        warehouse.execute("INSERT INTO model.people VALUES ('p20', 'n@example.com', 'New', 2.0)");
        SyncPreview preview = service.preview("people", 1);
        assertEquals(new SyncPlanCounts(1, 1, 2, 10), preview.counts());
        assertEquals(List.of("p20"), preview.adds().stream().map(SyncRecord::key).toList());
        assertEquals("Changed", preview.changes().get(0).fields().get("full_name"));
        assertEquals(List.of("p01"), preview.removes().stream().map(SyncRecord::key).toList());
        assertTrue(preview.guardrail().isPresent(), "3 of 10 is more than 20%");
        assertEquals(1, service.runs("people", 10).size(), "a preview records no run");
    }

    /** A destination whose start fails, as a file destination whose folder cannot be created. */
    static final class FailingStart implements Destination {
        private final Destination delegate;

        FailingStart(Destination delegate) {
            this.delegate = delegate;
        }

        @Override
        public CheckResult check() {
            return delegate.check();
        }

        @Override
        public void start(RunInfo run) {
            throw new DestinationException(ErrorClass.RETRYABLE, "cannot start");
        }

        @Override
        public BatchResult write(RecordBatch batch) {
            return delegate.write(batch);
        }
    }

    /** The destination's order of records within a run is the engine's choice; batches are compared with their keys sorted. */
    List<String> sortedBatches() {
        List<String> keys = destination.batches().stream().flatMap(batch -> batch.records().stream().map(record -> batch.operation() + " "
                + record.key())).sorted().toList();
        destination.clearBatches();
        List<String> batches = new java.util.ArrayList<>();
        for (int i = 0; i < keys.size(); i += destination.capabilities().maxBatchRecords()) {
            List<String> chunk = keys.subList(i, Math.min(keys.size(), i + destination.capabilities().maxBatchRecords()));
            batches.add(chunk.get(0).split(" ")[0] + " " + String.join(",", chunk.stream().map(k -> k.split(" ")[1]).toList()));
        }
        return batches;
    }

    @Test
    void customers_without_consent_for_the_destinations_kind_are_never_sent_and_leave_a_mirror_when_it_is_revoked() {
        TableName customers = new TableName("model", "customers");
        warehouse.ensureTable(customers, List.of(new Column("customer_id", ColumnType.STRING), new Column("email", ColumnType.STRING),
                new Column("ads_ok", ColumnType.BOOLEAN)), List.of());
        warehouse.execute("INSERT INTO model.customers VALUES ('c1', 'a@example.com', TRUE), ('c2', 'b@example.com', FALSE),"
                + " ('c3', 'c@example.com', NULL), ('c4', 'd@example.com', TRUE)");
        SyncDefinition ads = new SyncDefinition("ads", new SyncSource.Query("SELECT customer_id, email FROM model.customers"), "memory",
                "customer_id", Map.of("email", "email"), SyncMode.MIRROR, new SyncTrigger.Manual(), new SyncGuardrails(1.0, false),
                SyncDefinition.DEFAULT_RETRY_WINDOW);
        SyncService service = new SyncService(warehouse, SyncCatalog.of(Map.of("ads", ads),
                Map.of("memory", new DestinationDefinition("memory", "memory", Map.of())), Map.of(), java.util.Optional.empty(),
                new dev.ownstack.core.config.syncs.ConsentConfig(Map.of("advertising", "ads_ok"))),
                new FixedSenderProvider().with("memory", destination).ofCategory(dev.ownstack.activation.destination.DestinationCategory.ADVERTISING),
                clock);
        run(service, "ads");
        assertEquals(List.of("c1", "c4"), List.copyOf(new java.util.TreeMap<>(destination.records()).keySet()));
        warehouse.execute("UPDATE model.customers SET ads_ok = FALSE WHERE customer_id = 'c4'");
        run(service, "ads");
        assertEquals(List.of("c1"), List.copyOf(new java.util.TreeMap<>(destination.records()).keySet()));
    }

    @Test
    void a_consent_check_names_what_is_missing() {
        TableName customers = new TableName("model", "customers");
        warehouse.ensureTable(customers, List.of(new Column("customer_id", ColumnType.STRING), new Column("ads_text", ColumnType.STRING),
                new Column("ads_ok", ColumnType.BOOLEAN)), List.of());
        for (String kind : List.of("wrong-type", "no-customer-id")) {
            String query = kind.equals("wrong-type") ? "SELECT customer_id FROM model.customers" : QUERY;
            SyncDefinition ads = new SyncDefinition("ads", new SyncSource.Query(query), "memory",
                    kind.equals("wrong-type") ? "customer_id" : "id", Map.of(), SyncMode.UPSERT, new SyncTrigger.Manual(),
                    SyncGuardrails.DEFAULT, SyncDefinition.DEFAULT_RETRY_WINDOW);
            SyncService service = new SyncService(warehouse, SyncCatalog.of(Map.of("ads", ads),
                    Map.of("memory", new DestinationDefinition("memory", "memory", Map.of())), Map.of(), java.util.Optional.empty(),
                    new dev.ownstack.core.config.syncs.ConsentConfig(Map.of("advertising", kind.equals("wrong-type") ? "ads_text" : "ads_ok"))),
                    new FixedSenderProvider().with("memory", destination).ofCategory(dev.ownstack.activation.destination.DestinationCategory.ADVERTISING),
                    clock);
            OwnstackException error = assertThrows(OwnstackException.class, () -> service.run("ads", false), kind);
            assertEquals(ErrorCode.CONFIG_INVALID, error.code());
            assertTrue(error.getMessage().contains("consent.advertising"), error.getMessage());
            assertTrue(error.getMessage().contains(kind.equals("wrong-type") ? "not BOOLEAN" : "must return a customer_id column"),
                    error.getMessage());
        }
    }

    @Test
    void the_destinations_own_counts_are_summed_over_the_run() {
        destination.reportCounts();
        destination.rejectPermanently(key(2));
        SyncRun run = run(service(sync("people", SyncMode.UPSERT)), "people");
        assertEquals(Map.of("received", 10L, "invalid", 1L), run.vendorCounts());
        assertTrue(run.message().endsWith("; memory reported invalid 1, received 10"), run.message());
        SyncRun read = service(sync("people", SyncMode.UPSERT)).findRun(run.runId()).orElseThrow();
        assertEquals(run.vendorCounts(), read.vendorCounts());
    }
}
