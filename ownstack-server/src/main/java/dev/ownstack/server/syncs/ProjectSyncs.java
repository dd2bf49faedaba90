package dev.ownstack.server.syncs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.activation.sync.SyncCatalog;
import dev.ownstack.activation.sync.SyncRun;
import dev.ownstack.activation.sync.SyncService;
import dev.ownstack.activation.sync.delivery.DeliveryPolicy;
import dev.ownstack.activation.sync.delivery.Senders;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.models.ModelsConfig;
import dev.ownstack.core.config.syncs.CronExpression;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.config.syncs.SyncTrigger;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.server.auth.AuditEntry;
import dev.ownstack.server.auth.AuditLog;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The syncs of a project as the CLI, the REST API and the scheduler run them: the catalog of
 * {@code ownstack.yml}, one {@link Senders} for the process (so every sync writing to one
 * destination shares its limits), the warehouse opened for each call and closed after it, and the
 * alerts sent for runs that fail or stop for approval. Thread-safe; {@link #close} closes the
 * destinations.
 */
public final class ProjectSyncs implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ProjectSyncs.class.getName());
    /** The actor of the runs the scheduler starts, in the audit log. */
    public static final String SCHEDULER = "scheduler";

    private final ProjectConfig config;
    private final SyncCatalog catalog;
    private final Supplier<Warehouse> warehouses;
    private final Senders senders;
    private final Clock clock;
    private final SyncAlerts alerts;
    private final DestinationCatalog destinations;

    public ProjectSyncs(ProjectConfig config, Supplier<Warehouse> warehouses, Destinations types, Clock clock, SyncAlerts alerts) {
        this.config = Objects.requireNonNull(config, "config");
        this.catalog = SyncCatalog.of(config.syncs(), config.destinations(), config.audiences(), config.models().flatMap(ModelsConfig::asOf),
                config.consent());
        this.warehouses = Objects.requireNonNull(warehouses, "warehouses");
        this.senders = new Senders(types, DeliveryPolicy.DEFAULT);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.destinations = new DestinationCatalog(config.destinations(), config.syncs(), types);
    }

    public List<SyncDefinition> definitions() {
        return List.copyOf(config.syncs().values());
    }

    /** @throws OwnstackException {@code NOT_FOUND} naming the syncs there are */
    public SyncDefinition definition(String name) {
        SyncDefinition sync = config.syncs().get(name);
        if (sync == null) {
            throw new OwnstackException(ErrorCode.NOT_FOUND, "no sync named '" + name + "'; " + (config.syncs().isEmpty()
                    ? "ownstack.yml defines none (add them under syncs:, see docs/SYNCS.md)" : "defined: " + String.join(", ", config.syncs().keySet())));
        }
        return sync;
    }

    public DestinationCatalog destinations() {
        return destinations;
    }

    public SyncAlerts alerts() {
        return alerts;
    }

    /** When the sync's schedule fires next after now; empty for syncs without a schedule. */
    public Optional<Instant> nextRun(SyncDefinition sync) {
        return sync.trigger() instanceof SyncTrigger.Cron cron ? CronExpression.parse(cron.expression()).next(clock.instant()) : Optional.empty();
    }

    /** Works with a sync service on a warehouse connection of its own, closed after. */
    public <T> T withService(Function<SyncService, T> work) {
        try (Warehouse warehouse = warehouses.get()) {
            return work.apply(new SyncService(warehouse, catalog, senders, clock));
        }
    }

    /** Runs a sync now (see {@link SyncService#run}); a run that fails or stops for approval is alerted. */
    public SyncRun run(String sync, boolean dryRun) {
        definition(sync);
        SyncRun run = withService(service -> service.run(sync, dryRun));
        alerts.report(run);
        return run;
    }

    /** Approves a run a guardrail stopped (see {@link SyncService#approve}); alerted like any run. */
    public SyncRun approve(long runId) {
        SyncRun run = withService(service -> service.approve(runId));
        alerts.report(run);
        return run;
    }

    /**
     * The scheduler's way to run a sync: errors are logged and alerted, never thrown, so that the
     * scheduler's worker goes on with the next one.
     */
    public SyncScheduler.Runner scheduledRunner(AuditLog audit) {
        return (sync, reason) -> {
            try {
                SyncRun run = run(sync, false);
                audit.record(scheduled(sync, reason, run.runId(), SyncJson.status(run.status()), AuditEntry.SUCCESS));
                LOG.log(System.Logger.Level.INFO, "sync " + sync + " (" + reason + "): run " + run.runId() + " " + SyncJson.status(run.status())
                        + ", added " + run.added() + ", changed " + run.changed() + ", removed " + run.removed() + ", failed " + run.failed()
                        + (run.message().isEmpty() ? "" : ": " + run.message()));
            } catch (OwnstackException e) {
                LOG.log(System.Logger.Level.WARNING, "sync " + sync + " (" + reason + ") could not run: " + e.getMessage());
                audit.record(scheduled(sync, reason, 0, "", e.code().name()));
                if (e.code() != ErrorCode.CONFLICT) {
                    alerts.reportFailure(sync, e.getMessage());
                }
            }
        };
    }

    /** The audit row of a run the scheduler started; {@code runId} 0 and {@code status} empty when none started. */
    private AuditEntry scheduled(String sync, String reason, long runId, String status, String outcome) {
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        detail.put("reason", reason);
        if (runId > 0) {
            detail.put("runId", runId);
            detail.put("status", status);
        }
        return new AuditEntry(clock.instant(), SCHEDULER, "sync.run", sync, detail, outcome);
    }

    @Override
    public void close() {
        senders.close();
    }
}
