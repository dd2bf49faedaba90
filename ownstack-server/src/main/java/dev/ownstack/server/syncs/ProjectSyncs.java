package dev.ownstack.server.syncs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.activation.sync.SyncCatalog;
import dev.ownstack.activation.sync.SyncRun;
import dev.ownstack.activation.sync.SyncService;
import dev.ownstack.activation.sync.delivery.DeliveryPolicy;
import dev.ownstack.activation.sync.delivery.Senders;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.models.ModelsConfig;
import dev.ownstack.core.config.syncs.CronExpression;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.config.syncs.SyncTrigger;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.server.auth.AuditEntry;
import dev.ownstack.server.auth.AuditLog;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The syncs of a project as the CLI, the REST API and the scheduler run them: those of
 * {@code ownstack.yml} with those saved through the API ({@link SavedSyncs}; read when this is
 * built and again after each change made through it), one {@link Senders} for the process (so
 * every sync writing to one destination shares its limits), the warehouse opened for each call and
 * closed after it, and the alerts sent for runs that fail or stop for approval. Listeners added
 * with {@link #onChange} hear of every saved, changed or deleted sync (the scheduler). Thread-safe;
 * changes are made one at a time; {@link #close} closes the destinations.
 */
public final class ProjectSyncs implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ProjectSyncs.class.getName());
    /** The actor of the runs the scheduler starts, in the audit log. */
    public static final String SCHEDULER = "scheduler";

    private final ProjectConfig config;
    private final Supplier<Warehouse> warehouses;
    private final Destinations types;
    private final Senders senders;
    private final Clock clock;
    private final SyncAlerts alerts;
    private final SavedSyncs saved;
    private final List<Consumer<Collection<SyncDefinition>>> listeners = new CopyOnWriteArrayList<>();
    private volatile State state;

    /** The syncs, their catalogs and what the API saved, at one moment. */
    private record State(SyncSetup setup, SyncCatalog catalog, DestinationCatalog destinations) {
    }

    /** Syncs whose saved secrets are sealed with the key of {@code OWNSTACK_SECRET_KEY} or of the project's key file ({@link SecretBox}). */
    public ProjectSyncs(ProjectConfig config, Supplier<Warehouse> warehouses, Destinations types, Clock clock, SyncAlerts alerts) {
        this(config, warehouses, types, clock, alerts, SecretBox.forProject(config.directory(), name -> Optional.ofNullable(System.getenv(name))),
                name -> Optional.ofNullable(System.getenv(name)));
    }

    /** @param environment resolves {@code ${env:NAME}} in the settings of saved destinations */
    public ProjectSyncs(ProjectConfig config, Supplier<Warehouse> warehouses, Destinations types, Clock clock, SyncAlerts alerts, SecretBox box,
                        Function<String, Optional<String>> environment) {
        this.config = Objects.requireNonNull(config, "config");
        this.warehouses = Objects.requireNonNull(warehouses, "warehouses");
        this.types = Objects.requireNonNull(types, "types");
        this.senders = new Senders(types, DeliveryPolicy.DEFAULT);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.saved = new SavedSyncs(config, types, box, clock, environment);
        SyncSetup setup;
        try (Warehouse warehouse = warehouses.get()) {
            setup = saved.load(warehouse);
        } catch (OwnstackException e) {
            LOG.log(System.Logger.Level.WARNING, "the syncs and destinations saved through the API cannot be read (" + e.getMessage()
                    + "); only those of ownstack.yml are used until one is saved");
            setup = new SyncSetup(config.syncs(), config.destinations(), Set.of(), Set.of(), Map.of());
        }
        this.state = state(setup);
    }

    private State state(SyncSetup setup) {
        setup.loadProblems().forEach((path, problems) -> LOG.log(System.Logger.Level.WARNING, path + " (saved through the API) cannot be read as"
                + " saved: " + String.join("; ", problems)));
        return new State(setup, SyncCatalog.of(setup.syncs(), setup.destinations(), config.audiences(), config.models().flatMap(ModelsConfig::asOf),
                config.consent()), new DestinationCatalog(setup.destinations(), setup.syncs(), types));
    }

    public List<SyncDefinition> definitions() {
        return List.copyOf(state.setup().syncs().values());
    }

    /** @throws OwnstackException {@code NOT_FOUND} naming the syncs there are */
    public SyncDefinition definition(String name) {
        Map<String, SyncDefinition> syncs = state.setup().syncs();
        SyncDefinition sync = syncs.get(name);
        if (sync == null) {
            throw new OwnstackException(ErrorCode.NOT_FOUND, "no sync named '" + name + "'; " + (syncs.isEmpty()
                    ? "there are none (add them under syncs: in ownstack.yml, see docs/SYNCS.md, or with POST /api/syncs)"
                    : "defined: " + String.join(", ", syncs.keySet())));
        }
        return sync;
    }

    /** The destinations as they are now (a new catalog after each change). */
    public DestinationCatalog destinations() {
        return state.destinations();
    }

    /** True for a sync saved through the API, false for one of {@code ownstack.yml}. */
    public boolean editableSync(String name) {
        return state.setup().savedSyncs().contains(name);
    }

    /** True for a destination saved through the API, false for one of {@code ownstack.yml}. */
    public boolean editableDestination(String name) {
        return state.setup().savedDestinations().contains(name);
    }

    /** What kept a saved destination ({@code destinations.NAME}) or sync ({@code syncs.NAME}) from being read as saved. */
    public List<String> loadProblems(String path) {
        return state.setup().loadProblems(path);
    }

    /** Calls {@code listener} with every sync after each change made through this. */
    public void onChange(Consumer<Collection<SyncDefinition>> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Saves a destination ({@link SavedSyncs#saveDestination}); syncs writing to it reopen it on their next run. */
    public synchronized DestinationDefinition saveDestination(String name, JsonNode body, boolean create, String actor) {
        DestinationDefinition definition = change(warehouse -> saved.saveDestination(warehouse, state.setup(), name(name, "destination"), body,
                create, actor));
        senders.release(name);
        return definition;
    }

    public synchronized void deleteDestination(String name) {
        change(warehouse -> {
            saved.deleteDestination(warehouse, state.setup(), name);
            return null;
        });
        senders.release(name);
    }

    public synchronized SyncDefinition saveSync(String name, JsonNode body, boolean create, String actor) {
        return change(warehouse -> saved.saveSync(warehouse, state.setup(), name(name, "sync"), body, create, actor));
    }

    public synchronized void deleteSync(String name) {
        change(warehouse -> {
            saved.deleteSync(warehouse, name);
            return null;
        });
    }

    /**
     * Checks an unsaved destination as saving would, then opens it and asks whether it answers
     * (secrets left out are those saved under {@code name}, when there is one).
     */
    public CheckResult check(String name, JsonNode body) {
        DestinationDefinition definition;
        try (Warehouse warehouse = warehouses.get()) {
            definition = saved.unsavedDestination(warehouse, name(name, "destination"), body);
        }
        DestinationFactory factory = types.factory(definition.type());
        try (Destination destination = factory.open(factory.spec().validate(definition))) {
            return destination.check();
        }
    }

    private <T> T change(Function<Warehouse, T> work) {
        T result;
        try (Warehouse warehouse = warehouses.get()) {
            result = work.apply(warehouse);
            state = state(saved.load(warehouse));
        }
        Collection<SyncDefinition> syncs = definitions();
        listeners.forEach(listener -> listener.accept(syncs));
        return result;
    }

    private static String name(String name, String what) {
        if (!SyncDefinition.NAME.matcher(name).matches()) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "name: a " + what + " name uses letters, digits, _ and -, starts with a letter"
                    + " and has at most 63 characters, got '" + (name.length() > 70 ? name.substring(0, 70) + "..." : name) + "'");
        }
        return name;
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
            return work.apply(new SyncService(warehouse, state.catalog(), senders, clock));
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
