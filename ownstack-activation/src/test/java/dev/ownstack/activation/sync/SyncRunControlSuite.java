package dev.ownstack.activation.sync;

import static dev.ownstack.activation.audience.testing.Rules.definition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.audience.testing.SettableClock;
import dev.ownstack.activation.audience.testing.ShopModels;
import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.testing.InMemoryDestination;
import dev.ownstack.activation.sync.testing.FixedSenderProvider;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.config.syncs.SyncGuardrails;
import dev.ownstack.core.config.syncs.SyncMode;
import dev.ownstack.core.config.syncs.SyncSource;
import dev.ownstack.core.config.syncs.SyncTrigger;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.Warehouse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guardrails, approval and who may run a sync, on one engine. The source is the audience "score
 * above 0.5" of the shop models: c01, c05, c06 and c08 at first.
 */
abstract class SyncRunControlSuite {
    private static final AudienceDefinition SCORED = definition("scored", "{'trait': 'score', 'operator': 'greater', 'value': 0.5}");

    protected Warehouse warehouse;
    private final SettableClock clock = new SettableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final InMemoryDestination destination = InMemoryDestination.withBatches(10, false);

    protected abstract Warehouse open();

    protected void dispose() {
    }

    @BeforeEach
    void load() {
        warehouse = open();
        ShopModels.load(warehouse);
    }

    @AfterEach
    void close() {
        warehouse.close();
        dispose();
    }

    private static SyncDefinition mirror(SyncGuardrails guardrails) {
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("email", "email");
        mapping.put("first_name", "first_name");
        return new SyncDefinition("scored-to-memory", new SyncSource.Audience("scored"), "memory", "customer_id", mapping, SyncMode.MIRROR,
                new SyncTrigger.Manual(), guardrails, SyncDefinition.DEFAULT_RETRY_WINDOW);
    }

    private SyncService service(SyncDefinition sync, Destination writes) {
        return new SyncService(warehouse, SyncCatalog.of(Map.of(sync.name(), sync), Map.of("memory", new DestinationDefinition("memory",
                "memory", Map.of())), Map.of("scored", SCORED), Optional.of(ShopModels.AS_OF),
                dev.ownstack.core.config.syncs.ConsentConfig.NONE),
                new FixedSenderProvider().with("memory", writes, destination), clock);
    }

    private SyncService service() {
        return service(mirror(SyncGuardrails.DEFAULT), destination);
    }

    private SyncRun run(SyncService service) {
        clock.advance(Duration.ofMinutes(10));
        return service.run("scored-to-memory", false);
    }

    private void score(String customer, double score) {
        warehouse.execute("UPDATE model.customers SET score = ? WHERE customer_id = ?", score, customer);
    }

    private List<String> sent() {
        List<String> batches = destination.batches().stream().map(SyncServiceSuite::describe).toList();
        destination.clearBatches();
        return batches;
    }

    @Test
    void shrinking_the_audience_by_half_stops_the_mirror_sync_and_approving_sends_exactly_the_removals() {
        SyncService service = service();
        SyncRun first = run(service);
        assertEquals(SyncRunStatus.SUCCEEDED, first.status(), first.message());
        assertEquals(List.of("c01", "c05", "c06", "c08"), List.copyOf(destination.records().keySet()));
        sent();

        score("c05", 0.1);
        score("c08", 0.1);
        SyncRun stopped = run(service);
        assertEquals(SyncRunStatus.AWAITING_APPROVAL, stopped.status());
        assertEquals(new SyncPlanCounts(0, 0, 2, 4), stopped.planned());
        assertEquals("sync scored-to-memory would remove 2 and change 0 of the 4 records in destination memory (50.0%, more than"
                + " max-change-share 20.0%); nothing was sent. Check the changes with `ownstack sync run scored-to-memory --dry-run`, then"
                + " send them with `ownstack sync approve " + stopped.runId() + "`", stopped.message());
        assertEquals(List.of(), sent());
        assertEquals(1, destination.started().size(), "not even started");

        clock.advance(Duration.ofMinutes(1));
        SyncRun approved = service.approve(stopped.runId());
        assertEquals(SyncRunStatus.SUCCEEDED, approved.status(), approved.message());
        assertEquals(Optional.of(stopped.runId()), approved.approves());
        assertEquals(List.of("REMOVE c05,c08"), sent());
        assertEquals(2, approved.removed());
        assertEquals(List.of("c01", "c06"), List.copyOf(destination.records().keySet()));
        assertEquals(SyncRunStatus.APPROVED, service.findRun(stopped.runId()).orElseThrow().status());
        assertEquals(List.of(approved.runId(), stopped.runId(), first.runId()),
                service.runs("scored-to-memory", 10).stream().map(SyncRun::runId).toList());

        OwnstackException again = assertThrows(OwnstackException.class, () -> service.approve(stopped.runId()));
        assertEquals(ErrorCode.CONFLICT, again.code());
    }

    @Test
    void an_approval_whose_changes_grew_since_stops_again_and_sends_nothing() {
        SyncService service = service();
        run(service);
        sent();
        score("c05", 0.1);
        score("c08", 0.1);
        SyncRun stopped = run(service);
        score("c06", 0.1);
        SyncRun approving = service.approve(stopped.runId());
        assertEquals(SyncRunStatus.AWAITING_APPROVAL, approving.status());
        assertTrue(approving.message().startsWith("the changes grew since run " + stopped.runId()), approving.message());
        assertEquals(List.of(), sent());
        assertEquals(SyncRunStatus.AWAITING_APPROVAL, service.findRun(stopped.runId()).orElseThrow().status());
    }

    @Test
    void an_empty_source_never_empties_the_destination_unless_allowed() {
        SyncService service = service();
        run(service);
        sent();
        warehouse.execute("UPDATE model.customers SET score = 0");
        SyncRun stopped = run(service);
        assertEquals(SyncRunStatus.AWAITING_APPROVAL, stopped.status());
        assertTrue(stopped.message().startsWith("the source of sync scored-to-memory has no records and would remove all 4 records"),
                stopped.message());
        assertEquals(List.of(), sent());

        SyncService allowing = service(mirror(new SyncGuardrails(1.0, true)), destination);
        SyncRun emptied = run(allowing);
        assertEquals(SyncRunStatus.SUCCEEDED, emptied.status(), emptied.message());
        assertEquals(4, emptied.removed());
        assertEquals(Map.of(), destination.records());
    }

    @Test
    void a_second_run_of_a_running_sync_is_a_conflict_naming_the_running_run() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Destination blocking = new Destination() {
            @Override
            public CheckResult check() {
                return CheckResult.ok("blocking");
            }

            @Override
            public BatchResult write(RecordBatch batch) {
                writing.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return destination.write(batch);
            }
        };
        SyncService service = service(mirror(SyncGuardrails.DEFAULT), blocking);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<SyncRun> first = executor.submit(() -> service.run("scored-to-memory", false));
            assertTrue(writing.await(30, TimeUnit.SECONDS));
            OwnstackException conflict = assertThrows(OwnstackException.class, () -> service.run("scored-to-memory", false));
            assertEquals(ErrorCode.CONFLICT, conflict.code());
            long running = service.runs("scored-to-memory", 1).get(0).runId();
            assertEquals("sync scored-to-memory is already running in this process (run " + running + "); wait for it to finish",
                    conflict.getMessage());
            release.countDown();
            assertEquals(SyncRunStatus.SUCCEEDED, first.get(30, TimeUnit.SECONDS).status());
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    void a_run_of_another_live_process_is_a_conflict_until_its_heartbeat_is_stale_then_it_is_abandoned() {
        SyncService service = service();
        SyncTables.ensure(warehouse);
        insertRunning(77, "4242@another-host", clock.instant());
        OwnstackException conflict = assertThrows(OwnstackException.class, () -> service.run("scored-to-memory", false));
        assertEquals(ErrorCode.CONFLICT, conflict.code());
        assertTrue(conflict.getMessage().startsWith("sync scored-to-memory is already running: run 77 in process 4242@another-host"),
                conflict.getMessage());

        clock.advance(Duration.ofMinutes(3));
        SyncRun run = service.run("scored-to-memory", false);
        assertEquals(SyncRunStatus.SUCCEEDED, run.status());
        assertEquals(78, run.runId(), "run ids are global and increasing");
        SyncRun abandoned = service.findRun(77).orElseThrow();
        assertEquals(SyncRunStatus.ABANDONED, abandoned.status());
        assertTrue(abandoned.message().startsWith("abandoned: no heartbeat since"), abandoned.message());
    }

    @Test
    void a_running_row_this_process_left_behind_is_abandoned_at_once() {
        SyncService service = service();
        SyncTables.ensure(warehouse);
        insertRunning(5, SyncService.RUNNER, clock.instant());
        SyncRun run = service.run("scored-to-memory", false);
        assertEquals(SyncRunStatus.SUCCEEDED, run.status());
        assertEquals(SyncRunStatus.ABANDONED, service.findRun(5).orElseThrow().status());
    }

    private void insertRunning(long runId, String runner, Instant heartbeat) {
        warehouse.execute("INSERT INTO ownstack.sync_runs (run_id, sync, status, started_at, heartbeat_at, runner, dry_run, planned_adds,"
                + " planned_changes, planned_removes, destination_records, added, changed, removed, failed, message, error_samples)"
                + " VALUES (?, 'scored-to-memory', 'RUNNING', ?, ?, ?, false, 0, 0, 0, 0, 0, 0, 0, 0, '', '[]')", runId,
                heartbeat.atOffset(ZoneOffset.UTC), heartbeat.atOffset(ZoneOffset.UTC), runner);
    }
}
