package dev.ownstack.cli.command;

import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.generate.GeneratorOptions;
import dev.ownstack.cli.generate.GeneratorSummary;
import dev.ownstack.cli.output.Progress;
import dev.ownstack.cli.output.OutputFormat;
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
import dev.ownstack.warehouse.QueryResult;
import dev.ownstack.warehouse.ResultColumn;
import dev.ownstack.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
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
            "then show what landed. Running it again starts the demo folder afresh.",
            "",
            "Afterwards, explore with:  ownstack sql --project ownstack-demo \"select * from raw.orders limit 5\"",
            "or run the collector:      ownstack serve --project ownstack-demo   (write key " + DemoCommand.WRITE_KEY + ")"})
public final class DemoCommand implements Callable<Integer> {
    private static final String MARKER = ".ownstack-demo";
    /** Sent through the collector instead of loaded as a file. */
    private static final String EVENTS_FILE = "events.jsonl";
    private static final Set<String> NOT_LOADED = Set.of("truth.csv", "manifest.json", EVENTS_FILE);
    static final String WRITE_KEY = "demo-write-key";
    static final int PORT = 8080;

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "ownstack-demo",
            description = "Folder for the demo project (created; replaced if it holds an earlier demo). Default: ${DEFAULT-VALUE}.")
    Path directory;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "2000", description = "People to generate. Default: ${DEFAULT-VALUE}.")
    long customers;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        prepareFolder();
        Path data = directory.resolve("data");

        out.println("1/4  Generating " + String.format("%,d", customers) + " customers (seed " + seed + ") into " + data);
        out.flush();
        GeneratorSummary generated = GenerateCommand.run(new GeneratorOptions(customers, seed, data), err);

        List<String> files = generated.rowsByFile().keySet().stream().filter(name -> !NOT_LOADED.contains(name)).sorted().toList();
        Files.writeString(directory.resolve(ProjectConfig.FILE_NAME), projectFile(files));
        ProjectConfig config = ProjectConfigLoader.withSystemEnvironment().load(directory);
        out.println("2/4  Wrote " + directory.resolve(ProjectConfig.FILE_NAME) + " with " + config.batchSources().size()
                + " file sources and the event source 'web'; loading the files into "
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
            out.printf("4/4  What is in the warehouse now:%n%n");
            showTables(warehouse, out);
            showSample(warehouse, out);
        }
        out.printf("%nDone in %.1f s. The project is in %s; try:%n", (System.nanoTime() - start) / 1e9, directory);
        out.println("  bin/ownstack sql --project " + directory + " \"select status, count(*) from raw.orders group by status\"");
        out.println("  bin/ownstack ingest --project " + directory + "      # again: adds nothing, loads are idempotent");
        out.println("  bin/ownstack serve --project " + directory + "       # the collector on port " + PORT + "; then, in another terminal:");
        out.println("  curl -u " + WRITE_KEY + ": http://127.0.0.1:" + PORT + "/v1/track -d '{\"userId\":\"u1\",\"event\":\"Signed Up\"}'");
        out.flush();
        return 0;
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
            out.printf("3/4  Started the collector on %s; sending the generated events to %s/v1/batch as an SDK would%n", url, url);
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
        return yaml.toString();
    }

    private static void showTables(Warehouse warehouse, PrintWriter out) {
        QueryResult tables = warehouse.queryAll("SELECT table_schema, table_name FROM information_schema.tables"
                + " WHERE table_schema IN ('raw', 'ownstack') ORDER BY table_schema, table_name");
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
        out.println("A sample: the five customers with the most orders (raw.orders):");
        QueryResult sample = warehouse.queryAll("SELECT customer_id, count(*) AS orders, min(ordered_at) AS first_order,"
                + " max(ordered_at) AS last_order FROM raw.orders GROUP BY customer_id ORDER BY orders DESC, customer_id LIMIT 5");
        TablePrinter printer = new TablePrinter(OutputFormat.TABLE, out);
        printer.columns(sample.columns().stream().map(ResultColumn::name).toList());
        sample.rows().forEach(printer::row);
        printer.finish();
    }
}
