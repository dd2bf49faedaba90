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
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Identifiers;
import dev.ownstack.core.table.TableName;
import dev.ownstack.ingest.LoadResult;
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
            "and events, write an ownstack.yml for them, load everything into an embedded DuckDB warehouse",
            "and show what is there. Running it again starts the demo folder afresh.",
            "",
            "Afterwards, explore with:  ownstack sql --project ownstack-demo \"select * from raw.orders limit 5\""})
public final class DemoCommand implements Callable<Integer> {
    private static final String MARKER = ".ownstack-demo";
    private static final Set<String> NOT_LOADED = Set.of("truth.csv", "manifest.json");

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

        out.println("1/3  Generating " + String.format("%,d", customers) + " customers (seed " + seed + ") into " + data);
        out.flush();
        GeneratorSummary generated = GenerateCommand.run(new GeneratorOptions(customers, seed, data), err);

        List<String> files = generated.rowsByFile().keySet().stream().filter(name -> !NOT_LOADED.contains(name)).sorted().toList();
        Files.writeString(directory.resolve(ProjectConfig.FILE_NAME), projectFile(files));
        ProjectConfig config = ProjectConfigLoader.withSystemEnvironment().load(directory);
        out.println("2/3  Wrote " + directory.resolve(ProjectConfig.FILE_NAME) + " with " + config.sources().size()
                + " file sources; loading them into " + ValidateCommand.describe(config.warehouse()).replace("warehouse ", ""));
        out.flush();

        Progress progress = Progress.onStderr(err);
        try (Warehouse warehouse = ProjectOption.openWarehouse(config, err)) {
            long rows = IngestCommand.load(config.batchSources(), config.directory(), warehouse, progress)
                    .stream().mapToLong(LoadResult::rowsLoaded).sum();
            progress.done();
            out.printf("3/3  Loaded %,d rows. What is in the warehouse now:%n%n", rows);
            showTables(warehouse, out);
            showSample(warehouse, out);
        }
        out.printf("%nDone in %.1f s. The project is in %s; try:%n", (System.nanoTime() - start) / 1e9, directory);
        out.println("  bin/ownstack sql --project " + directory + " \"select status, count(*) from raw.orders group by status\"");
        out.println("  bin/ownstack ingest --project " + directory + "      # again: adds nothing, loads are idempotent");
        out.flush();
        return 0;
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
                sources:
                """);
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
