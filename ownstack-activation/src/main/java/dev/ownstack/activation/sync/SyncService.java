package dev.ownstack.activation.sync;

import dev.ownstack.activation.destination.Operation;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.Warehouse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs syncs: computes in the warehouse what changed since the state the destination accepted,
 * stops for approval when a guardrail trips, sends the changes through the destination's sender
 * and advances the state only for what the destination accepted (docs/SYNCS.md).
 *
 * <p>One sync never runs twice at once: runs of one sync in this JVM exclude each other with a
 * lock, and a run in another process is seen by its RUNNING row in {@code ownstack.sync_runs}
 * ({@code CONFLICT} naming it). A RUNNING row whose heartbeat is older than {@link #STALE}, or
 * that this process (or a dead process on this host) left behind, is marked ABANDONED when the
 * sync starts again. Thread-safe; each run works on two connections of its own
 * ({@link Warehouse#openSibling()}), so runs of different syncs proceed side by side.
 *
 * <p>Definition problems (unknown sync or destination, a mapped column the source lacks, a query
 * that is not one SELECT, a mode the destination cannot do) throw before a run is recorded; a
 * failure once the run is recorded (the warehouse, the destination, repeated keys) ends the run
 * FAILED with the error as its message, and the run is returned.
 */
public final class SyncService {
    /** How often a running run writes its heartbeat. */
    static final Duration HEARTBEAT = Duration.ofSeconds(20);
    /** A RUNNING row whose heartbeat is older than this belongs to a dead process. */
    static final Duration STALE = Duration.ofMinutes(2);
    private static final String HOST = host();
    static final String RUNNER = ProcessHandle.current().pid() + "@" + HOST;

    private static final ConcurrentHashMap<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
    private static final Map<String, Long> RUNNING_HERE = new ConcurrentHashMap<>();
    private static final Set<Long> ACTIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicLong PREVIEWS = new AtomicLong();

    private final Warehouse warehouse;
    private final SyncCatalog catalog;
    private final SenderProvider senders;
    private final Clock clock;
    private final SyncHistory history;
    private final RunSettings settings;

    public SyncService(Warehouse warehouse, SyncCatalog catalog, SenderProvider senders, Clock clock) {
        this(warehouse, catalog, senders, clock, RunSettings.DEFAULT);
    }

    SyncService(Warehouse warehouse, SyncCatalog catalog, SenderProvider senders, Clock clock, RunSettings settings) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.senders = Objects.requireNonNull(senders, "senders");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.history = new SyncHistory(warehouse);
    }

    /**
     * Runs the sync now. A dry run records a DRY_RUN run with the counts it would send (and the
     * guardrail it would trip) and sends and advances nothing.
     *
     * @throws OwnstackException NOT_FOUND for an unknown sync, CONFIG_INVALID for a definition
     *     problem, CONFLICT when the sync is running
     */
    public SyncRun run(String sync, boolean dryRun) {
        return run(definition(sync), dryRun, Optional.empty());
    }

    /** What a run would send now: the counts and up to {@code sample} records of each kind; records nothing. */
    public SyncPreview preview(String sync, int sample) {
        if (sample < 0) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "sample: must not be negative, got " + sample);
        }
        SyncDefinition definition = definition(sync);
        DestinationDefinition destination = destination(definition);
        SyncSourceSql source = SyncSourceSql.resolve(warehouse, catalog, definition, clock, senders.category(destination).configName());
        SyncTables.ensure(warehouse);
        try (Warehouse reader = warehouse.openSibling()) {
            Diff diff = new Diff(reader, definition, source, "preview_" + PREVIEWS.incrementAndGet() + "_" + ProcessHandle.current().pid());
            try {
                Diff.Plan plan = diff.compute(clock.instant());
                Operation operation = Diff.operation(definition.mode());
                SyncPlanCounts counts = plan.counts();
                return new SyncPreview(sync, counts, diff.sample(DiffSql.ADD, operation, sample),
                        diff.sample(DiffSql.CHANGE, operation, counts.changes() > 0 ? sample : 0),
                        diff.sample(DiffSql.REMOVE, Operation.REMOVE, counts.removes() > 0 ? sample : 0),
                        Guardrail.check(definition, destination.name(), counts, plan.sourceRecords()));
            } finally {
                diff.drop();
            }
        }
    }

    /**
     * Sends an AWAITING_APPROVAL run's changes now, past the guardrail, as a new run that
     * {@link SyncRun#approves()} it, and marks the old run APPROVED. When the changes grew since
     * (more removes or changes than the approved plan), the new run stops for approval again.
     *
     * @throws OwnstackException NOT_FOUND for an unknown run, CONFLICT when it is not awaiting approval
     */
    public SyncRun approve(long runId) {
        SyncRun awaiting = findRun(runId).orElseThrow(() -> new OwnstackException(ErrorCode.NOT_FOUND, "there is no sync run " + runId));
        if (awaiting.status() != SyncRunStatus.AWAITING_APPROVAL) {
            throw new OwnstackException(ErrorCode.CONFLICT, "run " + runId + " of sync " + awaiting.sync() + " is " + awaiting.status()
                    + "; only a run awaiting approval can be approved");
        }
        return run(definition(awaiting.sync()), false, Optional.of(awaiting));
    }

    /** The sync's latest runs, newest first. */
    public List<SyncRun> runs(String sync, int limit) {
        requirePositive(limit);
        return history.runs(sync, limit);
    }

    public Optional<SyncRun> findRun(long runId) {
        return history.find(runId);
    }

    /** The sync's records the destination has not accepted, latest rejection first. */
    public List<SyncError> errors(String sync, int limit) {
        requirePositive(limit);
        return history.errors(sync, limit);
    }

    private SyncRun run(SyncDefinition definition, boolean dryRun, Optional<SyncRun> approving) {
        DestinationDefinition destination = destination(definition);
        SyncSourceSql source = SyncSourceSql.resolve(warehouse, catalog, definition, clock, senders.category(destination).configName());
        SyncTables.ensure(warehouse);
        if (dryRun) {
            long runId = history.start(definition.name(), true, clock.instant(), RUNNER, Optional.empty(), tx -> {
            });
            return track(runId, () -> new SyncRunner(warehouse, history, clock, settings).dryRun(definition, destination.name(), source, runId));
        }
        DestinationHandle handle = senders.open(destination);
        requireOperations(definition, handle);
        ReentrantLock lock = LOCKS.computeIfAbsent(definition.name(), name -> new ReentrantLock());
        if (!lock.tryLock()) {
            Long running = RUNNING_HERE.get(definition.name());
            throw new OwnstackException(ErrorCode.CONFLICT, "sync " + definition.name() + " is already running in this process"
                    + (running == null ? "" : " (run " + running + ")") + "; wait for it to finish");
        }
        try {
            Instant startedAt = clock.instant();
            long runId = history.start(definition.name(), false, startedAt, RUNNER, approving.map(SyncRun::runId),
                    tx -> abandonOrConflict(tx, definition.name(), startedAt));
            RUNNING_HERE.put(definition.name(), runId);
            try {
                return track(runId, () -> new SyncRunner(warehouse, history, clock, settings)
                        .run(definition, handle, source, runId, startedAt, approving));
            } finally {
                RUNNING_HERE.remove(definition.name());
            }
        } finally {
            lock.unlock();
        }
    }

    private static SyncRun track(long runId, Supplier<SyncRun> body) {
        ACTIVE.add(runId);
        try {
            return body.get();
        } finally {
            ACTIVE.remove(runId);
        }
    }

    /** Marks the sync's dead RUNNING rows ABANDONED; CONFLICT when a live one is found. */
    private void abandonOrConflict(Warehouse tx, String sync, Instant now) {
        for (SyncHistory.Running running : history.running(tx, sync)) {
            String why = null;
            if (running.heartbeatAt().isBefore(now.minus(STALE))) {
                why = "abandoned: no heartbeat since " + running.heartbeatAt() + " (its process, " + running.runner() + ", stopped)";
            } else if (running.runner().equals(RUNNER) && !ACTIVE.contains(running.runId())) {
                why = "abandoned: this process (" + RUNNER + ") no longer runs it";
            } else if (deadOnThisHost(running.runner())) {
                why = "abandoned: its process (" + running.runner() + ") is gone";
            }
            if (why != null) {
                history.abandon(tx, running.runId(), now, why);
                tx.execute("DROP TABLE IF EXISTS " + tx.dialect().table(DiffSql.diffTable(String.valueOf(running.runId()))));
                tx.execute("DROP TABLE IF EXISTS " + tx.dialect().table(StateWriter.resultsTable(running.runId())));
            } else if (!running.dryRun()) {
                throw new OwnstackException(ErrorCode.CONFLICT, "sync " + sync + " is already running: run " + running.runId() + " in process "
                        + running.runner() + ", last heartbeat at " + running.heartbeatAt() + "; wait for it (a run whose process died is"
                        + " marked abandoned " + STALE.toMinutes() + " minutes after its last heartbeat)");
            }
        }
    }

    private static boolean deadOnThisHost(String runner) {
        int at = runner.indexOf('@');
        if (at < 0 || !runner.substring(at + 1).equals(HOST)) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(runner.substring(0, at))).map(process -> !process.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void requireOperations(SyncDefinition sync, DestinationHandle handle) {
        List<Operation> needed = switch (sync.mode()) {
            case UPSERT, ADD -> List.of(Operation.UPSERT);
            case MIRROR -> List.of(Operation.UPSERT, Operation.REMOVE);
            case UPDATE -> List.of(Operation.UPDATE);
        };
        List<Operation> missing = needed.stream().filter(operation -> !handle.capabilities().supports(operation)).toList();
        if (!missing.isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "syncs." + sync.name() + ".mode: " + sync.mode().configName()
                    + " needs " + missing.stream().map(Operation::name).collect(Collectors.joining(" and ")) + ", which destination "
                    + handle.name() + " does not support (it supports " + handle.capabilities().operations().stream().map(Operation::name)
                    .sorted().collect(Collectors.joining(", ")) + ")");
        }
    }

    private SyncDefinition definition(String sync) {
        return catalog.sync(sync).orElseThrow(() -> new OwnstackException(ErrorCode.NOT_FOUND, "unknown sync \"" + sync + "\"; "
                + (catalog.syncs().isEmpty() ? "there are none" : "there are " + catalog.syncs().stream().map(s -> "\"" + s.name() + "\"")
                .collect(Collectors.joining(", ")))));
    }

    private DestinationDefinition destination(SyncDefinition sync) {
        return catalog.destination(sync.destination()).orElseThrow(() -> new OwnstackException(ErrorCode.CONFIG_INVALID, "syncs." + sync.name()
                + ".destination: there is no destination \"" + sync.destination() + "\""));
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "limit: must be at least 1, got " + limit);
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
