package dev.ownstack.cli.command;

import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.OutputFormat;
import dev.ownstack.cli.output.Progress;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.core.config.FileFormat;
import dev.ownstack.core.config.OnError;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import dev.ownstack.ingest.LoadResult;
import dev.ownstack.ingest.Sources;
import dev.ownstack.ingest.file.FileSource;
import dev.ownstack.warehouse.Warehouse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ownstack ingest}: runs batch sources, or loads files once without configuration. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {
            "Load batch sources into raw.* tables of the warehouse.",
            "",
            "With no arguments, runs every source in ownstack.yml in file order; name sources to run only those.",
            "With --file, loads files once into --into TABLE without any configuration.",
            "",
            "Loads are idempotent: running one twice adds nothing twice, and a load that was killed",
            "half-way ends, when run again, with exactly the rows of one complete load (files are",
            "committed one by one together with a manifest; cursors and Singer state with their rows).",
            "",
            "Examples:",
            "  ownstack ingest                                   # every configured source",
            "  ownstack ingest orders crm                        # two of them",
            "  ownstack ingest --file 'exports/*.csv' --into orders",
            "  ownstack ingest --file events.jsonl --into events --on-error skip"})
public final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOption project;

    @Parameters(arity = "0..*", paramLabel = "SOURCE", description = "Sources to run (names under sources: in ownstack.yml). Default: all.")
    List<String> sourceNames = new ArrayList<>();

    @Option(names = "--file", paramLabel = "PATH|GLOB", description = "Load these files once, without configuration (quote globs).")
    String file;

    @Option(names = "--into", paramLabel = "TABLE", description = "Target table for --file: a name in schema raw, or schema.table.")
    String into;

    @Option(names = "--format", paramLabel = "csv|jsonl|parquet",
            description = "File format for --file. Default: from each file's extension.")
    String fileFormat;

    @Option(names = "--on-error", paramLabel = "fail|skip", defaultValue = "fail",
            description = "For --file: fail stops at the first bad row (naming file, line and column); skip keeps going "
                    + "and stores bad rows with the reason in ownstack.load_rejects. Default: ${DEFAULT-VALUE}.")
    String onError;

    @Option(names = "--output", paramLabel = "table|csv|json", defaultValue = "table",
            description = "Format of the summary printed at the end (--format names the file format here). Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Override
    public Integer call() {
        ProjectConfig config = project.load();
        List<SourceConfig> sources = file != null ? List.of(oneOffSource()) : selectedSources(config);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = Progress.onStderr(err);
        List<LoadResult> results;
        try (Warehouse warehouse = ProjectOption.openWarehouse(config, err)) {
            results = load(sources, config.directory(), warehouse, progress);
        } finally {
            progress.done();
        }
        printSummary(results, out, err);
        return 0;
    }

    /** Runs the sources one after the other, showing progress; shared with {@code demo}. */
    static List<LoadResult> load(List<SourceConfig> sources, Path projectDirectory, Warehouse warehouse, Progress progress) {
        List<LoadResult> results = new ArrayList<>();
        for (SourceConfig source : sources) {
            results.add(Sources.create(source, projectDirectory).load(warehouse,
                    (name, step, rows) -> progress.show(name + ": " + step + ", " + String.format("%,d", rows) + " rows")));
        }
        return results;
    }

    private SourceConfig.Files oneOffSource() {
        if (!sourceNames.isEmpty()) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "give either SOURCE names or --file, not both (got "
                    + String.join(", ", sourceNames) + " and --file " + file + ")");
        }
        if (into == null) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "--file " + file + " needs --into TABLE, for example --into orders");
        }
        TableName table = TableName.parse(into, TableName.RAW_SCHEMA);
        Optional<FileFormat> format = Optional.ofNullable(fileFormat).map(value -> {
            for (FileFormat candidate : FileFormat.values()) {
                if (candidate.configName().equalsIgnoreCase(value)) {
                    return candidate;
                }
            }
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "--format '" + value + "' is not a file format; use csv, jsonl or parquet");
        });
        OnError policy = switch (onError.toLowerCase(java.util.Locale.ROOT)) {
            case "fail" -> OnError.FAIL;
            case "skip" -> OnError.SKIP;
            default -> throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "--on-error '" + onError + "' must be fail or skip");
        };
        return FileSource.oneOff(file, table, format, policy);
    }

    private List<SourceConfig> selectedSources(ProjectConfig config) {
        if (into != null || fileFormat != null) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "--into and --format go with --file");
        }
        if (sourceNames.isEmpty()) {
            if (config.batchSources().isEmpty()) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "ownstack.yml declares no batch sources; add one under sources: "
                        + "or load files once with --file PATH --into TABLE"
                        + (config.eventSources().isEmpty() ? "" : " (event sources are loaded by ownstack serve)"));
            }
            return config.batchSources();
        }
        List<SourceConfig> selected = new ArrayList<>();
        for (String name : sourceNames) {
            SourceConfig source = config.source(name).orElseThrow(() -> new OwnstackException(ErrorCode.ARGUMENT_INVALID,
                    "no source named '" + name + "' in ownstack.yml; sources are: " + String.join(", ", config.sources().keySet())));
            if (source instanceof SourceConfig.Events) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "source '" + name
                        + "' is an event source: its events are loaded by ownstack serve as they arrive, not by ingest");
            }
            selected.add(source);
        }
        return selected;
    }

    private void printSummary(List<LoadResult> results, PrintWriter out, PrintWriter err) {
        TablePrinter printer = new TablePrinter(output, out);
        printer.columns(List.of("source", "table", "rows_added", "rows_rejected", "seconds", "notes"));
        long rows = 0;
        long rejected = 0;
        for (LoadResult result : results) {
            rows += result.rowsLoaded();
            rejected += result.rowsRejected();
            String notes = String.join("; ", result.notes());
            double seconds = result.elapsed().toMillis() / 1000.0;
            if (result.rowsByTable().isEmpty()) {
                printer.row(new Object[] {result.source(), "", 0L, result.rowsRejected(), seconds, notes});
            }
            boolean first = true;
            for (var entry : result.rowsByTable().entrySet()) {
                printer.row(new Object[] {result.source(), entry.getKey(), entry.getValue(), first ? result.rowsRejected() : 0L,
                        seconds, first ? notes : ""});
                first = false;
            }
        }
        printer.finish();
        if (output == OutputFormat.TABLE) {
            out.printf("Loaded %,d rows from %d %s%s.%n", rows, results.size(), results.size() == 1 ? "source" : "sources",
                    rejected == 0 ? "" : String.format(", %,d rejected (see ownstack.load_rejects)", rejected));
            out.flush();
        } else if (rejected > 0) {
            err.printf("%,d rows rejected; see ownstack.load_rejects%n", rejected);
            err.flush();
        }
    }
}
