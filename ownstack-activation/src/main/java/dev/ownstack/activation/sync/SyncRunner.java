package dev.ownstack.activation.sync;

import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.sync.delivery.DeliveryReport;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One run of a sync once its RUNNING row exists: diff, guardrail, start, removes, then upserts
 * or updates, finish, and the run's row ended whatever happens (FAILED with the error's message
 * when something throws; the caller gets the run, not the exception). Used once.
 */
final class SyncRunner {
    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "sync-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    private final Warehouse warehouse;
    private final SyncHistory history;
    private final Clock clock;
    private final RunSettings settings;
    private StateWriter state;

    SyncRunner(Warehouse warehouse, SyncHistory history, Clock clock, RunSettings settings) {
        this.warehouse = warehouse;
        this.history = history;
        this.clock = clock;
        this.settings = settings;
    }

    SyncRun dryRun(SyncDefinition sync, String destination, SyncSourceSql source, long runId) {
        try (Warehouse reader = warehouse.openSibling()) {
            Diff diff = new Diff(reader, sync, source, String.valueOf(runId));
            try {
                Diff.Plan plan = diff.compute(clock.instant());
                history.planned(runId, plan.counts());
                SyncPlanCounts counts = plan.counts();
                String message = "dry run: would add " + counts.adds() + ", change " + counts.changes() + " and remove " + counts.removes()
                        + " (the destination has " + counts.destinationRecords() + " records)" + Guardrail.check(sync, destination, counts,
                        plan.sourceRecords()).map(reason -> "; a run would stop for approval: " + reason).orElse("");
                history.finish(runId, SyncRunStatus.DRY_RUN, clock.instant(), 0, 0, 0, 0, message, List.of());
            } catch (RuntimeException e) {
                failed(runId, e);
            } finally {
                dropQuietly(diff);
            }
        }
        return history.find(runId).orElseThrow();
    }

    SyncRun run(SyncDefinition sync, DestinationHandle handle, SyncSourceSql source, long runId, Instant startedAt, Optional<SyncRun> approving) {
        ScheduledFuture<?> heartbeat = HEARTBEATS.scheduleAtFixedRate(() -> beat(runId), SyncService.HEARTBEAT.toMillis(),
                SyncService.HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        Warehouse reader = null;
        Warehouse writer = null;
        Diff diff = null;
        try {
            reader = warehouse.openSibling();
            writer = warehouse.openSibling();
            diff = new Diff(reader, sync, source, String.valueOf(runId));
            Diff.Plan plan = diff.compute(startedAt);
            history.planned(runId, plan.counts());
            Optional<String> stop;
            if (approving.isPresent()) {
                SyncRun approved = approving.get();
                stop = Guardrail.grew(approved.planned(), plan.counts()) ? Optional.of("the changes grew since run " + approved.runId()
                        + " stopped (it would remove " + approved.planned().removes() + " and change " + approved.planned().changes()
                        + ", now " + plan.counts().removes() + " and " + plan.counts().changes() + ")") : Optional.empty();
            } else {
                stop = Guardrail.check(sync, handle.name(), plan.counts(), plan.sourceRecords());
            }
            if (stop.isPresent()) {
                history.finish(runId, SyncRunStatus.AWAITING_APPROVAL, clock.instant(), 0, 0, 0, 0,
                        stop.get() + Guardrail.howToApprove(sync.name(), runId), List.of());
            } else {
                approving.ifPresent(approved -> history.approve(approved.runId(), runId));
                diff.forgetVanishedErrors();
                state = new StateWriter(writer, sync.name(), runId, diff::answered, clock, settings.flushRecords(), settings.flushInterval());
                send(sync, handle, diff, plan.counts(), new RunInfo(sync.name(), runId, startedAt));
            }
        } catch (RuntimeException e) {
            failed(runId, e);
        } finally {
            heartbeat.cancel(false);
            closeQuietly(diff, reader, writer);
        }
        return history.find(runId).orElseThrow();
    }

    private void send(SyncDefinition sync, DestinationHandle handle, Diff diff, SyncPlanCounts plan, RunInfo run) {
        handle.destination().start(run);
        Optional<DestinationException> stopped = Optional.empty();
        if (plan.removes() > 0) {
            stopped = deliver(handle, run, diff, List.of(DiffSql.REMOVE), Operation.REMOVE);
        }
        if (stopped.isEmpty() && plan.adds() + plan.changes() > 0) {
            stopped = deliver(handle, run, diff, Diff.upsertKinds(sync.mode()), Diff.operation(sync.mode()));
        }
        state.flush();
        if (stopped.isEmpty()) {
            if (handle.capabilities().snapshot()) {
                try (StreamedRecords current = diff.current()) {
                    handle.destination().finish(run, current);
                }
            } else {
                handle.destination().finish(run, Collections.emptyIterator());
            }
        }
        String counts = "added " + state.added() + ", changed " + state.changed() + ", removed " + state.removed()
                + (state.failed() > 0 ? "; " + state.failed() + " rejected (see ownstack sync errors " + sync.name() + ")" : "");
        SyncRunStatus status = stopped.isPresent() ? SyncRunStatus.FAILED : state.failed() > 0 ? SyncRunStatus.PARTIAL : SyncRunStatus.SUCCEEDED;
        Map<String, Long> reported = state.reported();
        if (!reported.isEmpty()) {
            counts += "; " + handle.name() + " reported " + reported.entrySet().stream()
                    .map(count -> count.getKey() + " " + count.getValue()).collect(Collectors.joining(", "));
        }
        String summary = counts;
        String message = stopped.map(e -> "stopped by destination " + handle.name() + " (" + e.errorClass() + "): " + e.getMessage()
                + "; " + summary + " before it stopped; the rest is sent by the next run").orElse(summary);
        history.finish(run.runId(), status, clock.instant(), state.added(), state.changed(), state.removed(), state.failed(), message,
                state.samples(), reported);
    }

    private Optional<DestinationException> deliver(DestinationHandle handle, RunInfo run, Diff diff, List<String> kinds, Operation operation) {
        try (StreamedRecords records = diff.stream(kinds, operation)) {
            DeliveryReport report = handle.sender().send(run, operation, records, state);
            return report.stoppedBy();
        }
    }

    /** Ends the run FAILED with what was accepted before the failure; when even that fails, the next start finds the row abandoned. */
    private void failed(long runId, RuntimeException failure) {
        try {
            if (state != null) {
                state.flush();
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        long added = state == null ? 0 : state.added();
        long changed = state == null ? 0 : state.changed();
        long removed = state == null ? 0 : state.removed();
        long rejected = state == null ? 0 : state.failed();
        List<String> samples = state == null ? List.of() : state.samples();
        try {
            history.finish(runId, SyncRunStatus.FAILED, clock.instant(), added, changed, removed, rejected, failure.getMessage() == null
                    ? failure.toString() : failure.getMessage(), samples, state == null ? Map.of() : state.reported());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            throw failure;
        }
    }

    private void beat(long runId) {
        try {
            history.heartbeat(runId, clock.instant());
        } catch (RuntimeException e) {
            // a missed beat is harmless: the run's own statements report a failing warehouse, and the next beat tries again
        }
    }

    /** Drops the run's working tables and closes its connections; a failure here must not hide how the run ended. */
    private void closeQuietly(Diff diff, Warehouse reader, Warehouse writer) {
        for (Runnable step : List.<Runnable>of(() -> {
            if (state != null) {
                state.close();
            }
        }, () -> dropQuietly(diff), () -> {
            if (reader != null) {
                reader.close();
            }
        }, () -> {
            if (writer != null) {
                writer.close();
            }
        })) {
            try {
                step.run();
            } catch (RuntimeException e) {
                // leftover working tables are dropped when a later run finds this one abandoned
            }
        }
    }

    private static void dropQuietly(Diff diff) {
        if (diff != null) {
            try {
                diff.drop();
            } catch (RuntimeException e) {
                // the working tables of a run are dropped again when a later run finds it abandoned
            }
        }
    }
}
