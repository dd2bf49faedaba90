package dev.ownstack.cli.command;

import dev.ownstack.activation.audience.history.AudienceRun;
import dev.ownstack.activation.audience.recipe.Recipes;
import dev.ownstack.activation.audience.store.AudienceOrigin;
import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.generate.GeneratorOptions;
import dev.ownstack.cli.generate.GeneratorSummary;
import dev.ownstack.cli.output.Progress;
import dev.ownstack.cli.output.OutputFormat;
import dev.ownstack.cli.output.SectionPrinter;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.core.config.FileFormat;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.ProjectConfigLoader;
import dev.ownstack.core.config.ServerConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Identifiers;
import dev.ownstack.core.table.TableName;
import dev.ownstack.ingest.LoadResult;
import dev.ownstack.server.OwnstackServer;
import dev.ownstack.server.auth.PasswordHasher;
import dev.ownstack.server.auth.Role;
import dev.ownstack.server.auth.UserStore;
import dev.ownstack.warehouse.QueryResult;
import dev.ownstack.warehouse.ResultColumn;
import dev.ownstack.model.identity.IdentityStats;
import dev.ownstack.model.identity.ResolveSummary;
import dev.ownstack.model.master.ModelBuildSummary;
import dev.ownstack.model.master.ModelTables;
import dev.ownstack.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ownstack demo}: the whole stack on generated data, in one folder, in under a minute. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Run ownstack end to end on generated data: create a project folder, generate customers, orders",
            "and events, write an ownstack.yml for them, load the files into an embedded DuckDB warehouse,",
            "start the event collector for a moment and send the events through it over HTTP as an SDK would,",
            "resolve identities (scored against the generator's truth), build the master models, train and apply",
            "a churn model and a lifetime-value model (their scores become traits), compute two",
            "audiences (one of ownstack.yml, one made from a recipe), sync them to a folder of CSV files and to a",
            "webhook receiver the demo runs on 127.0.0.1, and show what is in the warehouse. Then it starts the",
            "server on the demo project (the web app, the REST API and the collector) and prints the address and",
            "the demo user's sign-in; stop it with Ctrl-C (--no-serve ends the demo without it).",
            "Running it again starts the demo folder afresh.",
            "",
            "Afterwards, explore with:  ownstack sql --project ownstack-demo \"select * from model.customers limit 5\"",
            "                           ownstack identity stats --project ownstack-demo",
            "                           ownstack audience preview --project ownstack-demo " + DemoCommand.YAML_AUDIENCE,
            "or run the collector:      ownstack serve --project ownstack-demo   (write key " + DemoCommand.WRITE_KEY + ")"})
public final class DemoCommand implements Callable<Integer> {
    private static final String MARKER = ".ownstack-demo";
    /** Sent through the collector instead of loaded as a file. */
    private static final String EVENTS_FILE = "events.jsonl";
    private static final Set<String> NOT_LOADED = Set.of("truth.csv", "manifest.json", EVENTS_FILE);
    static final String WRITE_KEY = "demo-write-key";
    /** The audience the demo's ownstack.yml defines. */
    static final String YAML_AUDIENCE = "big_spenders";
    /** The audience the demo creates from {@link #RECIPE}. */
    static final String RECIPE_AUDIENCE = "lapsed_buyers";
    static final String RECIPE = "lapsed-buyers";
    static final int PORT = 8080;
    /** The folder of the demo's file destination, inside the demo folder. */
    static final String OUTBOX = "outbox";

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "ownstack-demo",
            description = "Folder for the demo project (created; replaced if it holds an earlier demo). Default: ${DEFAULT-VALUE}.")
    Path directory;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "2000", description = "People to generate. Default: ${DEFAULT-VALUE}.")
    long customers;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + PORT,
            description = "Port of the server the demo starts at the end (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--no-serve", description = "End after the last step instead of starting the server on the demo project.")
    boolean noServe;

    /** The demo's user of the web app, an admin. */
    static final String DEMO_USER = "demo";
    static final String DEMO_PASSWORD = "ownstack-demo";

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65535) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "--port " + port + " must be between 0 and 65535");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        prepareFolder();
        Path data = directory.resolve("data");

        out.println("1/8  Generating " + String.format("%,d", customers) + " customers (seed " + seed + ") into " + data);
        out.flush();
        GeneratorSummary generated = GenerateCommand.run(new GeneratorOptions(customers, seed, data), err);

        List<String> files = generated.rowsByFile().keySet().stream().filter(name -> !NOT_LOADED.contains(name)).sorted().toList();
        try (DemoReceiver receiver = DemoReceiver.start()) {
            Path outbox = Files.createDirectories(directory.toAbsolutePath().normalize().resolve(OUTBOX));
            Files.writeString(directory.resolve(ProjectConfig.FILE_NAME), projectFile(files) + DemoSyncs.yaml(outbox, receiver.url()));
            ProjectConfig config = run(data, receiver, outbox, start);
            return noServe ? 0 : serve(config, out, spec.commandLine().getErr());
        }
    }

    /**
     * Runs the server on the demo project until the process is stopped; the webhook receiver of the
     * demo's syncs keeps running with it.
     */
    private int serve(ProjectConfig config, PrintWriter out, PrintWriter err) throws InterruptedException {
        ProjectConfig served = config.withServer(config.server().withPort(port));
        OwnstackServer server;
        try {
            server = OwnstackServer.serve(served, () -> ProjectOption.openWarehouse(served, err));
        } catch (OwnstackException e) {
            throw new OwnstackException(e.code(), e.getMessage() + "; run the demo with --port N for another port, or --no-serve", e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "ownstack-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        String address = "http://127.0.0.1:" + server.port();
        out.printf("%nThe server is running on the demo project. Open the web app:%n%n");
        out.printf("  %s/app/%n  sign in as %s with the password %s (an admin)%n%n", address, DEMO_USER, DEMO_PASSWORD);
        out.printf("It also collects events (write key %s at %s/v1/track) and answers the REST API under %s/api/.%n", WRITE_KEY, address, address);
        out.println("Stop it with Ctrl-C.");
        out.flush();
        try {
            stopped.await();
        } finally {
            // Interrupted (the demo run inside another program): stop the server here, not at exit.
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // the hook is running or has run
            }
        }
        return 0;
    }

    /** Steps 2 to 8, with the webhook receiver running and the project file written. */
    private ProjectConfig run(Path data, DemoReceiver receiver, Path outbox, long start) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProjectConfig config = ProjectConfigLoader.withSystemEnvironment().load(directory);
        out.println("2/8  Wrote " + directory.resolve(ProjectConfig.FILE_NAME) + " with " + config.batchSources().size()
                + " file sources, the event source 'web', identity keys, models, an audience, destinations and syncs; loading the files into "
                + ValidateCommand.describe(config.warehouse()).replace("warehouse ", ""));
        out.flush();

        Progress progress = Progress.onStderr(err);
        long rows;
        try (Warehouse warehouse = ProjectOption.openWarehouse(config, err)) {
            rows = IngestCommand.load(config.batchSources(), config.directory(), warehouse, progress)
                    .stream().mapToLong(LoadResult::rowsLoaded).sum();
            progress.done();
        }
        out.printf("     Loaded %,d rows from files.%n", rows);
        long sendStart = System.nanoTime();
        DemoEvents.Sent sent = sendEvents(config, data.resolve(EVENTS_FILE), out, err);

        try (Warehouse warehouse = ProjectOption.openWarehouse(config, err)) {
            long landed = ((Number) warehouse.queryAll("SELECT count(*) FROM raw.events WHERE source = 'web'").singleValue()).longValue();
            out.printf("     %,d events landed in raw.events, %.1f s after the first was sent%n", landed, (System.nanoTime() - sendStart) / 1e9);
            if (landed != sent.events()) {
                throw new OwnstackException(ErrorCode.INTERNAL, "the demo sent " + sent.events() + " events but " + landed + " landed");
            }
            out.printf("4/8  Resolving identities: %s records of %d sources into customers%n",
                    "CRM contacts, shop accounts, newsletter members and browsers", config.identity().orElseThrow().sources().size());
            out.flush();
            ResolveSummary resolved = ResolveCommand.resolve(config, warehouse, IdentitySetup.components("auto", config), progress);
            progress.done();
            EvaluateCommand.Scores scores = EvaluateCommand.score(warehouse, new EvaluateCommand.Truth(data.resolve("truth.csv"),
                    "record_id", "person_id", "source", null, Map.of("events.anonymousId", "web_devices")));
            out.printf("     %,d records became %,d customers in %.1f s (%,d links dropped by per-customer limits, %,d values blocked).%n",
                    resolved.records(), resolved.customers(), resolved.elapsed().toMillis() / 1000.0, resolved.droppedLinks(),
                    resolved.blockedValues());
            out.printf("     Against the generator's truth (%,d people): pairwise precision %.3f, recall %.3f, F1 %.3f%n",
                    scores.pairs().trueClusters(), scores.pairs().precision(), scores.pairs().recall(), scores.pairs().f1());
            out.println("     (browsers that never sign in or leave an email carry nothing to link them; see docs/IDENTITY.md)");
            out.printf("5/8  Building the master models%n");
            out.flush();
            ModelBuildSummary built = BuildCommand.build(config, warehouse, progress);
            progress.done();
            out.printf("     Built %s in %.1f s%n", String.join(", ", built.rows().keySet().stream().map(Object::toString).toList()),
                    built.seconds());
            DemoScores.run(config, warehouse, out, progress);
            computeAudiences(config, warehouse, built.rows().getOrDefault(ModelTables.CUSTOMERS, 0L), out);
            DemoSyncs.run(config, warehouse, receiver, outbox, out, err);
            new UserStore(warehouse, new PasswordHasher()).add(DEMO_USER, Role.ADMIN, DEMO_PASSWORD, Instant.now());
            out.printf("8/8  What is in the warehouse now:%n%n");
            showTables(warehouse, out);
            out.println();
            out.println("Customers by number of records (ownstack identity stats):");
            SectionPrinter.print(IdentityStats.report(warehouse).stream().filter(section -> section.title().equals("Customer sizes")).toList(),
                    OutputFormat.TABLE, out);
            showSample(warehouse, out);
        }
        out.printf("%nDone in %.1f s. The project is in %s; try:%n", (System.nanoTime() - start) / 1e9, directory);
        out.println("  bin/ownstack sql --project " + directory + " \"select * from model.customers order by revenue desc limit 5\"");
        out.println("  bin/ownstack identity explain --project " + directory + " <a customer_id or an email from that list>");
        out.println("  bin/ownstack audience preview --project " + directory + " " + YAML_AUDIENCE + " --breakdown orders");
        out.println("  bin/ownstack score list --project " + directory + "   # the stored churn and ltv models and their AUC");
        out.println("  bin/ownstack sync runs --project " + directory + " " + DemoSyncs.FILE_SYNC);
        out.println("  bin/ownstack ingest --project " + directory + "      # again: adds nothing, loads are idempotent");
        out.println("  bin/ownstack serve --project " + directory + "       # the server again later (the web app, the API, the collector); then:");
        out.println("  curl -u " + WRITE_KEY + ": http://127.0.0.1:" + PORT + "/v1/track -d '{\"userId\":\"u1\",\"event\":\"Signed Up\"}'");
        out.flush();
        return config;
    }

    /**
     * Creates the recipe's audience beside the one of ownstack.yml, computes both (recording a run
     * of each) and prints their sizes.
     */
    private static void computeAudiences(ProjectConfig config, Warehouse warehouse, long customers, PrintWriter out) {
        out.printf("6/8  Computing the audiences: %s of ownstack.yml, and %s made from the recipe %s%n", YAML_AUDIENCE, RECIPE_AUDIENCE,
                RECIPE);
        out.flush();
        long start = System.nanoTime();
        List<String> sizes = new ArrayList<>();
        try (AudienceSession session = AudienceSession.over(config, warehouse)) {
            session.store().create(Recipes.get(RECIPE).build(RECIPE_AUDIENCE, Map.of()), AudienceOrigin.recipe(RECIPE), session.context());
            for (String name : List.of(YAML_AUDIENCE, RECIPE_AUDIENCE)) {
                AudienceRun run = AudienceHistoryCommands.compute(session, session.store().get(name));
                sizes.add(String.format("%s: %,d members", name, run.size()));
            }
        }
        out.printf("     %s (of %,d customers), computed in %.1f s%n", String.join("; ", sizes), customers, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Starts the collector on a free port of 127.0.0.1, sends the generated events through it over
     * HTTP and stops it, which loads what is left.
     */
    private static DemoEvents.Sent sendEvents(ProjectConfig config, Path eventsFile, PrintWriter out, PrintWriter err) throws IOException {
        ServerConfig local = new ServerConfig("127.0.0.1", 0, config.server().apiKeys(), config.server().trustedProxies());
        ProjectConfig demo = config.withServer(local);
        DemoEvents.Sent sent;
        try (OwnstackServer server = OwnstackServer.serve(demo, () -> ProjectOption.openWarehouse(demo, err))) {
            String url = "http://127.0.0.1:" + server.port();
            out.printf("3/8  Started the collector on %s; sending the generated events to %s/v1/batch as an SDK would%n", url, url);
            out.flush();
            sent = DemoEvents.send(eventsFile, url, WRITE_KEY, Progress.onStderr(err));
            out.printf("     %,d events acknowledged in %,d requests in %.1f s (%,.0f events/s, each durable on disk before its 200)%n",
                    sent.events(), sent.requests(), sent.seconds(), sent.events() / Math.max(sent.seconds(), 1e-9));
            out.flush();
        }
        return sent;
    }

    private void prepareFolder() throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "--dir " + directory + " is a file, not a folder");
        }
        if (Files.isDirectory(directory)) {
            boolean empty;
            try (Stream<Path> entries = Files.list(directory)) {
                empty = entries.findAny().isEmpty();
            }
            if (!empty && !Files.exists(directory.resolve(MARKER))) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "--dir " + directory
                        + " exists and is not an earlier demo; choose another folder or remove it");
            }
            try (Stream<Path> walk = Files.walk(directory)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(MARKER), "This folder was made by `ownstack demo`; running it again replaces it.\n");
    }

    /**
     * How the generated sources link into customers, the models built from them and an audience over
     * those (docs/IDENTITY.md, docs/MODELS.md, docs/AUDIENCES.md).
     */
    private static final String IDENTITY_AND_MODELS = """
            identity:
              default-region: GB               # phone numbers without +44 are British
              keys:                            # in priority order
                user_id: {kind: user-id, limit: 3}   # a person may hold up to three shop accounts
                email: email-canonical         # Gmail dots and +tags, googlemail.com, Outlook +tags
                phone: phone
                anonymous_id: anonymous-id
                name_postcode: {parts: [name, postcode], limit: 3}
              sources:
                shop_customers:
                  id: customer_id
                  updated-at: created_at
                  keys: {user_id: customer_id, email: email, phone: phone, name_postcode: [[first_name, last_name], postcode]}
                crm_contacts:
                  id: contact_id
                  updated-at: created_at
                  keys: {email: email, phone: phone, name_postcode: [[first_name, last_name], postcode]}
                newsletter_signups:
                  id: id
                  updated-at: timestamp_signup
                  keys: {email: email_address}
                web_devices:                   # one record per browser, from the collected events
                  table: raw.events
                  id: anonymous_id
                  keys: {anonymous_id: anonymous_id, user_id: user_id, email: traits.email}
            models:
              as-of: 2025-01-01T00:00:00Z      # the generated data ends here
              customers:
                attributes:
                  first_name: {shop_customers: first_name, crm_contacts: first_name, newsletter_signups: merge_fields.FNAME}
                  last_name: {shop_customers: last_name, crm_contacts: last_name, newsletter_signups: merge_fields.LNAME}
                  email: {shop_customers: email, crm_contacts: email, newsletter_signups: email_address}
                  phone: {shop_customers: phone, crm_contacts: phone}
                  postcode: {shop_customers: postcode, crm_contacts: postcode}
                  accepts_marketing: {shop_customers: accepts_marketing}   # the shop's marketing opt-in
              transactions:
                table: raw.transactions
                source: shop_customers
                record-id: customer_id
                id: transaction_id
                occurred-at: occurred_at
                amount: amount
                currency: currency
                type: type
              traits:
                orders: {function: count, of: transactions, where: {type: order}}
                revenue: {function: sum, of: transactions.amount}
                orders_last_90_days: {function: count, of: transactions, where: {type: order}, within: 90d}
                last_order_at: {function: max, of: transactions.occurred_at, where: {type: order}}
                days_since_last_order: {function: days-since, of: transactions.occurred_at, where: {type: order}}
                product_views_30d: {function: count, of: events, where: {event: Product Viewed}, within: 30d}
            consent:                           # who each kind of destination may receive: docs/SYNCS.md
              advertising: accepts_marketing   # ad platforms (Meta, Google Ads) get only customers who opted in
              messaging: accepts_marketing     # and so do Braze and Marketo; CRMs and files get everyone
            scores:                            # ownstack score; outputs become traits of model.customer_scores: docs/INSIGHTS.md
              churn: {kind: churn, label-days: 90}          # churn_probability, churn_decile (10 = likeliest to leave)
              ltv: {kind: lifetime-value, horizon-days: 90}  # ltv_expected_purchases, ltv_value, ltv_decile (10 = most valuable), ...
            audiences:                         # ownstack audience list; the language: docs/AUDIENCES.md
              big_spenders:
                description: Spent over 1,000 in all and viewed products in the last 30 days
                rule:
                  all:
                    - {trait: revenue, operator: greater, value: 1000}
                    - {event: Product Viewed, within-days: 30}
            """;

    private static String projectFile(List<String> files) {
        StringBuilder yaml = new StringBuilder("""
                # Written by `ownstack demo`. Reference: docs/CONFIGURATION.md
                version: 1
                name: ownstack-demo
                warehouse:
                  type: duckdb
                  path: warehouse.duckdb
                server:
                  bind: 127.0.0.1              # 0.0.0.0 to accept SDKs from other machines
                  port: %d
                  api-keys: [demo-api-key-for-this-demo-only]   # for /metrics and /api; use ${env:NAME} for real keys
                collector:
                  load-interval: 1s
                sources:
                  web:                         # SDKs send to ownstack serve with this write key
                    type: events
                    write-keys: [%s]
                """.formatted(PORT, WRITE_KEY));
        for (String file : files) {
            String stem = file.substring(0, file.indexOf('.'));
            String format = FileFormat.fromFileName(file).orElse(FileFormat.CSV).configName();
            yaml.append("  ").append(Identifiers.sanitize(stem)).append(":\n")
                    .append("    type: file\n")
                    .append("    path: data/").append(file).append('\n')
                    .append("    format: ").append(format).append('\n')
                    .append("    on-error: skip\n");
        }
        return yaml.append(IDENTITY_AND_MODELS).toString();
    }

    private static void showTables(Warehouse warehouse, PrintWriter out) {
        QueryResult tables = warehouse.queryAll("SELECT table_schema, table_name FROM information_schema.tables"
                + " WHERE table_schema IN ('raw', 'ownstack', 'identity', 'model') ORDER BY table_schema, table_name");
        TablePrinter printer = new TablePrinter(OutputFormat.TABLE, out);
        printer.columns(List.of("table", "rows", "columns"));
        for (Object[] row : tables.rows()) {
            TableName name = new TableName((String) row[0], (String) row[1]);
            Object count = warehouse.queryAll("SELECT count(*) FROM " + warehouse.dialect().table(name)).singleValue();
            int columns = warehouse.describe(name).map(List::size).orElse(0);
            printer.row(new Object[] {name.toString(), count, columns});
        }
        printer.finish();
    }

    private static void showSample(Warehouse warehouse, PrintWriter out) {
        out.println();
        out.println("A sample: the five customers who spent most (model.customers, with their records from every source):");
        QueryResult sample = warehouse.queryAll("SELECT customer_id, first_name, last_name, email, record_count, source_count, orders, revenue,"
                + " days_since_last_order FROM model.customers ORDER BY revenue DESC, customer_id LIMIT 5");
        TablePrinter printer = new TablePrinter(OutputFormat.TABLE, out);
        printer.columns(sample.columns().stream().map(ResultColumn::name).toList());
        sample.rows().forEach(printer::row);
        printer.finish();
    }
}
