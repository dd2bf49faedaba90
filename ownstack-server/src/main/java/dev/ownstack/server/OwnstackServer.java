package dev.ownstack.server;

import dev.ownstack.core.config.CollectorConfig;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.ServerConfig;
import dev.ownstack.core.config.models.ModelsConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.ingest.events.EventLoader;
import dev.ownstack.ingest.events.EventLog;
import dev.ownstack.ingest.events.FileEventLog;
import dev.ownstack.ingest.events.kafka.KafkaEventLog;
import dev.ownstack.ingest.events.kafka.KafkaLogSettings;
import dev.ownstack.server.api.HealthEndpoint;
import dev.ownstack.server.api.OpenApiEndpoint;
import dev.ownstack.server.api.StatusEndpoint;
import dev.ownstack.server.audiences.AudienceApi;
import dev.ownstack.server.audiences.AudienceEndpoints;
import dev.ownstack.server.audiences.CatalogEndpoint;
import dev.ownstack.server.audiences.RecipeEndpoints;
import dev.ownstack.server.auth.AuditEndpoints;
import dev.ownstack.server.auth.AuditLog;
import dev.ownstack.server.auth.Authenticator;
import dev.ownstack.server.auth.Directory;
import dev.ownstack.server.auth.Guard;
import dev.ownstack.server.auth.PasswordHasher;
import dev.ownstack.server.auth.SessionEndpoints;
import dev.ownstack.server.auth.Sessions;
import dev.ownstack.server.auth.SignInThrottle;
import dev.ownstack.server.auth.UserEndpoints;
import dev.ownstack.server.collector.CollectorCors;
import dev.ownstack.server.collector.CollectorEndpoint;
import dev.ownstack.server.collector.CollectorMetrics;
import dev.ownstack.server.collector.LoaderStatus;
import dev.ownstack.server.collector.LogHealth;
import dev.ownstack.server.collector.WriteKeys;
import dev.ownstack.server.customers.CustomerEndpoints;
import dev.ownstack.server.customers.CustomerProfile;
import dev.ownstack.server.customers.CustomerSearch;
import dev.ownstack.server.http.ApiErrors;
import dev.ownstack.server.http.ApiKeys;
import dev.ownstack.server.http.ClientAddress;
import dev.ownstack.server.http.HttpErrors;
import dev.ownstack.server.insights.MetricEndpoints;
import dev.ownstack.server.insights.ScoreModelEndpoints;
import dev.ownstack.server.metrics.MetricRegistry;
import dev.ownstack.server.syncs.DestinationEndpoints;
import dev.ownstack.server.syncs.ProjectSyncs;
import dev.ownstack.server.syncs.SyncAlerts;
import dev.ownstack.server.syncs.SyncEndpoints;
import dev.ownstack.server.syncs.SyncScheduler;
import dev.ownstack.server.web.WebAssets;
import dev.ownstack.warehouse.Warehouse;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The one HTTP server of {@code ownstack serve}: the Segment-compatible collector under
 * {@code /v1/}, {@code /health}, {@code /metrics} and the REST API under {@code /api/}, which need
 * a session or an API key and the role {@code AccessRules} gives the route. Every route is
 * registered in {@code Routes.register}, each behind its rule. {@link #close()} stops gracefully:
 * no new connections, requests in flight finish (their events become durable and are
 * acknowledged), then the loader and the log are closed.
 */
public final class OwnstackServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OwnstackServer.class.getName());
    /** How long {@link #close()} lets requests in flight finish. */
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    private static final Duration IDLE_CONNECTION_SHUTDOWN = Duration.ofMillis(100);
    /** How stale the loader's backlog may be when a request checks it against collector.max-backlog. */
    private static final Duration BACKLOG_REFRESH = Duration.ofMillis(200);
    /** Jetty and Javalin report every start and stop at INFO; only their warnings matter here. */
    /** Syncs the scheduler runs at once; each destination paces its own requests. */
    private static final int SYNC_WORKERS = 4;
    private static final List<Logger> QUIET_LOGGERS = List.of(Logger.getLogger("org.eclipse.jetty"), Logger.getLogger("io.javalin"));

    private final Javalin app;
    private final GracefulHandler inFlight;
    private final ServerSettings settings;
    private final List<String> routes;
    private final ProjectSyncs syncs;
    private final SyncScheduler scheduler;
    private boolean closed;

    private OwnstackServer(Javalin app, GracefulHandler inFlight, ServerSettings settings, List<String> routes, ProjectSyncs syncs,
                           SyncScheduler scheduler) {
        this.app = app;
        this.inFlight = inFlight;
        this.settings = settings;
        this.routes = List.copyOf(routes);
        this.syncs = syncs;
        this.scheduler = scheduler;
    }

    /**
     * Starts serving on {@code server.bind}:{@code server.port} of the configuration (port 0 picks
     * a free one; see {@link #port()}). On failure the log and the loader are closed.
     */
    public static OwnstackServer start(ServerSettings settings) {
        QUIET_LOGGERS.forEach(logger -> logger.setLevel(Level.WARNING));
        GracefulHandler inFlight = new GracefulHandler();
        Javalin app;
        List<String> registered = new ArrayList<>();
        ProjectSyncs syncs = new ProjectSyncs(settings.config(), settings.warehouses(), settings.destinations(), settings.clock(),
                new SyncAlerts(settings.config().alerts(), settings.clock()));
        AuditLog audit = new AuditLog(settings.warehouses());
        SyncScheduler scheduler = new SyncScheduler(syncs.definitions(), syncs.scheduledRunner(audit), settings.clock(),
                SyncScheduler.workerPool(SYNC_WORKERS));
        syncs.onChange(scheduler::replace);
        try {
            app = create(settings, inFlight, registered, syncs, scheduler, audit);
            app.start(settings.config().server().bind(), settings.config().server().port());
        } catch (RuntimeException e) {
            scheduler.close();
            syncs.close();
            closeQuietly(settings);
            if (e instanceof OwnstackException) {
                throw e;
            }
            ServerConfig server = settings.config().server();
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot listen on " + server.bind() + ":" + server.port() + ": " + e.getMessage(), e);
        }
        OwnstackServer server = new OwnstackServer(app, inFlight, settings, registered, syncs, scheduler);
        try {
            settings.loader().ifPresent(EventLoader::start);
            scheduler.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static Javalin create(ServerSettings settings, GracefulHandler inFlight, List<String> registered, ProjectSyncs syncs,
                                  SyncScheduler scheduler, AuditLog audit) {
        ProjectConfig config = settings.config();
        LoaderStatus loader = settings.loader().map(l -> LoaderStatus.of(l, BACKLOG_REFRESH)).orElse(LoaderStatus.NONE);
        MetricRegistry registry = new MetricRegistry();
        CollectorMetrics collectorMetrics = new CollectorMetrics(registry, loader);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        registry.gauge("jvm_memory_heap_used_bytes", "Heap memory in use.", () -> memory.getHeapMemoryUsage().getUsed());
        LogHealth health = new LogHealth();
        AudienceApi audiences = new AudienceApi(settings.warehouses(), config.audiences(), config.models().flatMap(ModelsConfig::asOf),
                settings.clock());
        ClientAddress clientAddress = new ClientAddress(config.server().trustedProxies());
        PasswordHasher hasher = new PasswordHasher();
        Directory directory = new Directory(settings.warehouses(), hasher, settings.clock());
        Sessions sessions = new Sessions(config.server().sessionIdleTimeout(), config.server().sessionMaxAge(), settings.clock());
        Guard guard = new Guard(new Authenticator(new ApiKeys(config.server().apiKeys()), directory, sessions), audit, settings.clock());
        Routes routes = new Routes(
                new CollectorEndpoint(config.collector(), new WriteKeys(config.eventSources()), clientAddress, settings.log(), loader,
                        settings.clock(), collectorMetrics, health),
                new CollectorCors(config.eventSources()),
                new HealthEndpoint(health),
                new StatusEndpoint(config.eventSources(), settings.log(), loader, settings.loader().isPresent(), collectorMetrics, health),
                guard,
                new SessionEndpoints(directory, hasher, sessions,
                        new SignInThrottle(SignInThrottle.MAX_FAILURES, SignInThrottle.WINDOW, settings.clock()), clientAddress, guard),
                new UserEndpoints(directory, sessions, guard, settings.clock()), new AuditEndpoints(audit),
                registry, new AudienceEndpoints(audiences), new RecipeEndpoints(audiences), new CatalogEndpoint(audiences),
                new DestinationEndpoints(syncs, context -> guard.principal(context).name()),
                new SyncEndpoints(syncs, context -> guard.principal(context).name()), scheduler,
                new MetricEndpoints(settings.warehouses(), settings.clock()), new ScoreModelEndpoints(settings.warehouses()),
                new CustomerEndpoints(settings.warehouses(), new CustomerSearch(config.identity()),
                        new CustomerProfile(config.identity(), config.models().orElseGet(ModelsConfig::defaults), settings.clock())),
                new OpenApiEndpoint(), new WebAssets(guard), registered);
        return Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            // Bodies are read by RequestBody with its own limit; Javalin's must never be the one users see.
            javalin.http.maxRequestSize = 2L * config.collector().maxRequestBytes() + (1 << 20);
            javalin.router.ignoreTrailingSlashes = true;
            javalin.jetty.modifyServer(server -> {
                server.setStopTimeout(GRACEFUL_STOP.toMillis());
                server.setHandler(inFlight);
                // Javalin adds its own handler after the collector's in this sequence.
                inFlight.setHandler(new Handler.Sequence(routes.collector()));
            });
            routes.register(javalin.routes);
        });
    }

    /**
     * Starts the collector the way {@code ownstack serve} runs it: the event log of the
     * configuration (the Kafka topic of {@code collector.kafka} when set, else the local log in
     * {@code collector.log-directory}), a loader that moves its events into the warehouse (opening
     * one from {@code warehouses} for each batch and closing it after), and the system clock.
     */
    public static OwnstackServer serve(ProjectConfig config, Supplier<Warehouse> warehouses) {
        CollectorConfig collector = config.collector();
        EventLog log = collector.kafka()
                .<EventLog>map(kafka -> KafkaEventLog.open(kafka, KafkaLogSettings.forCollector(collector)))
                .orElseGet(() -> new FileEventLog(collector.logDirectory()));
        return serve(config, log, warehouses);
    }

    /** Starts the collector on a given event log, with a loader into the warehouse and the system clock. */
    public static OwnstackServer serve(ProjectConfig config, EventLog log, Supplier<Warehouse> warehouses) {
        Clock clock = Clock.systemUTC();
        SharedWarehouses shared = new SharedWarehouses(warehouses);
        EventLoader loader;
        try {
            loader = new EventLoader(log, shared, EventLoader.Options.from(config.collector()), clock);
        } catch (RuntimeException e) {
            shared.close();
            log.close();
            throw e;
        }
        return start(new ServerSettings(config, log, Optional.of(loader), clock, shared));
    }

    /** Every route, as {@code METHOD /path}, in the order registered. */
    List<String> routes() {
        return routes;
    }

    /** The port the server listens on. */
    public int port() {
        return app.port();
    }

    /** Requests being served now. */
    long inFlightRequests() {
        return inFlight.getCurrentRequestCount();
    }

    /**
     * Stops accepting connections, lets requests in flight finish (up to 30 s), then closes the
     * loader and the log. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            for (Connector connector : app.jettyServer().server().getConnectors()) {
                if (connector instanceof AbstractConnector jetty) {
                    // Idle keep-alive connections need not hold the stop up for Jetty's default second.
                    jetty.setShutdownIdleTimeout(IDLE_CONNECTION_SHUTDOWN.toMillis());
                }
            }
            app.stop();
        } finally {
            try {
                scheduler.close();
                syncs.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "closing the syncs' destinations failed", e);
            }
            closeQuietly(settings);
        }
    }

    private static void closeQuietly(ServerSettings settings) {
        List<RuntimeException> failures = new ArrayList<>();
        settings.loader().ifPresent(loader -> {
            try {
                loader.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        });
        try {
            settings.log().close();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        if (settings.warehouses() instanceof SharedWarehouses shared) {
            shared.close();
        }
        for (RuntimeException failure : failures) {
            LOG.log(System.Logger.Level.ERROR, "closing the collector failed", failure);
        }
    }

    /**
     * Every route of the server, in one place. {@code POST /v1/{endpoint}} is served by
     * {@link CollectorEndpoint}, a Jetty handler ahead of Javalin's (see its documentation for
     * why); every other route is Javalin's.
     */
    private record Routes(CollectorEndpoint collector, CollectorCors cors, HealthEndpoint health, StatusEndpoint status,
                          Guard guard, SessionEndpoints sessions, UserEndpoints users, AuditEndpoints audit, MetricRegistry metrics,
                          AudienceEndpoints audiences, RecipeEndpoints recipes, CatalogEndpoint catalog,
                          DestinationEndpoints destinations, SyncEndpoints syncs, SyncScheduler scheduler, MetricEndpoints dashboards,
                          ScoreModelEndpoints scoreModels, CustomerEndpoints customers, OpenApiEndpoint openApi, WebAssets web,
                          List<String> registered) {

        void register(io.javalin.config.RoutesConfig routes) {
            // POST /v1/{endpoint} is the collector's Jetty handler (write keys); recorded so that it has an access rule too.
            registered.add("POST /v1/{endpoint}");
            route(routes, HandlerType.OPTIONS, "/v1/{endpoint}", context -> {
                CollectorEndpoint.endpoint(context.pathParam("endpoint"));
                cors.preflight(context);
            });
            route(routes, HandlerType.GET, "/health", health::handle);
            route(routes, HandlerType.GET, "/", web::root);
            route(routes, HandlerType.GET, "/app", web::page);
            route(routes, HandlerType.GET, "/app/assets/<path>", web::asset);

            routes.before("/api/*", guard::authenticate);
            route(routes, HandlerType.GET, "/metrics", context -> context.contentType(MetricRegistry.CONTENT_TYPE).result(metrics.scrape()));

            api(routes, HandlerType.POST, "/api/session", sessions::signIn);
            api(routes, HandlerType.GET, "/api/session", sessions::current);
            api(routes, HandlerType.DELETE, "/api/session", sessions::signOut);
            api(routes, HandlerType.GET, "/api/users", users::list);
            api(routes, HandlerType.POST, "/api/users", users::create);
            api(routes, HandlerType.PATCH, "/api/users/{name}", users::update);
            api(routes, HandlerType.POST, "/api/users/{name}/password", users::resetPassword);
            api(routes, HandlerType.GET, "/api/users/{name}/keys", users::keys);
            api(routes, HandlerType.POST, "/api/users/{name}/keys", users::createKey);
            api(routes, HandlerType.DELETE, "/api/users/{name}/keys/{id}", users::revokeKey);
            api(routes, HandlerType.GET, "/api/audit", audit::list);

            api(routes, HandlerType.GET, "/api/v1/status", status::handle);
            api(routes, HandlerType.GET, "/api/openapi.json", openApi::handle);
            api(routes, HandlerType.GET, "/api/audiences", audiences::list);
            api(routes, HandlerType.POST, "/api/audiences", audiences::create);
            api(routes, HandlerType.POST, "/api/audiences/validate", audiences::validate);
            api(routes, HandlerType.POST, "/api/audiences/preview", audiences::previewUnsaved);
            api(routes, HandlerType.GET, "/api/audiences/{name}", audiences::get);
            api(routes, HandlerType.PUT, "/api/audiences/{name}", audiences::update);
            api(routes, HandlerType.DELETE, "/api/audiences/{name}", audiences::delete);
            api(routes, HandlerType.POST, "/api/audiences/{name}/preview", audiences::previewSaved);
            api(routes, HandlerType.POST, "/api/audiences/{name}/compute", audiences::compute);
            api(routes, HandlerType.GET, "/api/audiences/{name}/runs", audiences::runs);
            api(routes, HandlerType.GET, "/api/audiences/{name}/changes", audiences::changes);
            api(routes, HandlerType.GET, "/api/audiences/{name}/sql", audiences::sql);
            api(routes, HandlerType.GET, "/api/recipes", recipes::list);
            api(routes, HandlerType.POST, "/api/recipes/{name}", recipes::build);
            api(routes, HandlerType.GET, "/api/catalog", catalog::get);
            api(routes, HandlerType.GET, "/api/destinations", destinations::list);
            api(routes, HandlerType.POST, "/api/destinations", destinations::create);
            api(routes, HandlerType.POST, "/api/destinations/check", destinations::checkUnsaved);
            api(routes, HandlerType.GET, "/api/destinations/{name}", destinations::get);
            api(routes, HandlerType.PUT, "/api/destinations/{name}", destinations::update);
            api(routes, HandlerType.DELETE, "/api/destinations/{name}", destinations::delete);
            api(routes, HandlerType.POST, "/api/destinations/{name}/check", destinations::check);
            api(routes, HandlerType.GET, "/api/destination-types", destinations::types);
            api(routes, HandlerType.GET, "/api/syncs", syncs::list);
            api(routes, HandlerType.POST, "/api/syncs", syncs::create);
            api(routes, HandlerType.POST, "/api/syncs/after-build", this::afterBuild);
            api(routes, HandlerType.GET, "/api/syncs/{name}", syncs::get);
            api(routes, HandlerType.PUT, "/api/syncs/{name}", syncs::update);
            api(routes, HandlerType.DELETE, "/api/syncs/{name}", syncs::delete);
            api(routes, HandlerType.POST, "/api/syncs/{name}/run", syncs::run);
            api(routes, HandlerType.GET, "/api/syncs/{name}/preview", syncs::preview);
            api(routes, HandlerType.GET, "/api/syncs/{name}/runs", syncs::runs);
            api(routes, HandlerType.GET, "/api/syncs/{name}/errors", syncs::errors);
            api(routes, HandlerType.POST, "/api/sync-runs/{id}/approve", syncs::approve);
            api(routes, HandlerType.GET, "/api/metrics", dashboards::list);
            api(routes, HandlerType.GET, "/api/metrics/{name}", dashboards::get);
            api(routes, HandlerType.GET, "/api/score-models", scoreModels::list);
            api(routes, HandlerType.GET, "/api/customers", customers::search);
            api(routes, HandlerType.GET, "/api/customers/{id}", customers::get);

            routes.exception(OwnstackException.class, (e, context) -> writeError(context, e));
            routes.exception(HttpResponseException.class, (e, context) -> writeError(context, fromJavalin(e.getStatus(), e.getMessage())));
            routes.exception(Exception.class, (e, context) -> {
                LOG.log(System.Logger.Level.ERROR, "request " + context.method() + " " + context.path() + " failed", e);
                writeError(context, new OwnstackException(ErrorCode.INTERNAL, "the server failed: " + e.getClass().getSimpleName()));
            });
            routes.error(404, context -> {
                if (context.resultInputStream() == null) {
                    writeError(context, new OwnstackException(ErrorCode.NOT_FOUND, "nothing is served at " + context.method() + " " + context.path()));
                }
            });
        }

        /** A route of the REST API, recorded so that a test can check the OpenAPI description covers it. */
        private void api(io.javalin.config.RoutesConfig routes, HandlerType method, String path, io.javalin.http.Handler handler) {
            route(routes, method, path, handler);
        }

        /** A route behind its access rule (AccessRules), recorded so that tests can walk every route. */
        private void route(io.javalin.config.RoutesConfig routes, HandlerType method, String path, io.javalin.http.Handler handler) {
            routes.addHttpHandler(method, path, guard.guard(method.name(), path, handler));
            registered.add(method.name() + " " + path);
        }

        /** The REST API answers errors in its own shape (with the rule path); the collector and the rest in theirs. */
        private static void writeError(Context context, OwnstackException e) {
            if (context.path().startsWith("/api/")) {
                ApiErrors.write(context, e);
            } else {
                HttpErrors.write(context, e);
            }
        }

        /** {@code POST /api/syncs/after-build}: starts the syncs with {@code trigger: after-build} in the background; 202. */
        private void afterBuild(Context context) {
            com.fasterxml.jackson.databind.node.ObjectNode body = dev.ownstack.server.api.ApiJson.NODES.objectNode();
            scheduler.afterBuild().forEach(body.putArray("started")::add);
            dev.ownstack.server.api.ApiJson.write(context, 202, body);
        }

        private static OwnstackException fromJavalin(int status, String message) {
            ErrorCode code = switch (status) {
                case 401 -> ErrorCode.UNAUTHORIZED;
                case 403 -> ErrorCode.FORBIDDEN;
                case 404 -> ErrorCode.NOT_FOUND;
                case 413 -> ErrorCode.TOO_LARGE;
                case 503 -> ErrorCode.OVERLOADED;
                default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.INPUT_INVALID;
            };
            return new OwnstackException(code, message);
        }
    }
}
