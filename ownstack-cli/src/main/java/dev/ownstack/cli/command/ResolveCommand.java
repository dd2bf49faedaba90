package dev.ownstack.cli.command;

import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.OutputFormat;
import dev.ownstack.cli.output.Progress;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.model.identity.IdentityResolver;
import dev.ownstack.model.identity.ResolveProgress;
import dev.ownstack.model.identity.ResolveSummary;
import dev.ownstack.warehouse.Warehouse;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ownstack resolve}: identity resolution over the identity sources. */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = {
            "Resolve identities: turn the records of the identity sources into customers.",
            "",
            "Each record's key values (emails, phones, user and device ids, composite keys such as",
            "name + postcode) are normalised; records sharing a value are linked, unless the value is",
            "blocked (a placeholder such as test@test.com, a configured value, or one shared by more",
            "records than max-group-size) or the link would give a customer more values of a key than",
            "its limit (then the link by the lower-priority key is dropped and recorded).",
            "",
            "Customer ids stay stable across runs: when customers merge, the one with most records keeps",
            "its id and identity.id_history maps the other to it; splits are recorded too. The results",
            "(identity.records, identity.record_keys, ...) are replaced in one step at the end, so a run",
            "that fails leaves the previous results in place. See docs/IDENTITY.md.",
            "",
            "Examples:",
            "  ownstack resolve",
            "  ownstack identity stats                   # what the run found",
            "  ownstack identity explain jane@example.com"})
public final class ResolveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOption project;

    @Option(names = "--components", paramLabel = "auto|union-find|sql", defaultValue = "auto",
            description = "How connected components are found: union-find in the JVM, or the large-star/small-star"
                    + " algorithm as SQL in the warehouse. Both give the same customers. auto: union-find on DuckDB,"
                    + " SQL elsewhere. Default: ${DEFAULT-VALUE}.")
    String components;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        ProjectConfig config = project.load();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = Progress.onStderr(err);
        ResolveSummary summary;
        try (Warehouse warehouse = ProjectOption.openWarehouse(config, err)) {
            summary = resolve(config, warehouse, IdentitySetup.components(components, config), progress);
        } finally {
            progress.done();
        }
        print(summary, format.format, out);
        return 0;
    }

    /** Runs a resolution with progress on stderr; shared with {@code build} and {@code demo}. */
    static ResolveSummary resolve(ProjectConfig config, Warehouse warehouse, dev.ownstack.model.identity.graph.ConnectedComponents components,
                                  Progress progress) {
        String[] step = {"starting"};
        return new IdentityResolver(IdentitySetup.identity(config), components, Clock.systemUTC()).resolve(warehouse, new ResolveProgress() {
            @Override
            public void step(String description) {
                step[0] = description;
                progress.show("resolve: " + description);
            }

            @Override
            public void records(long read) {
                progress.show("resolve: " + step[0] + ", " + String.format("%,d", read) + " records");
            }
        });
    }

    static void print(ResolveSummary summary, OutputFormat format, PrintWriter out) {
        TablePrinter printer = new TablePrinter(format, out);
        printer.columns(List.of("source", "records", "rows_without_id"));
        for (Map.Entry<String, Long> entry : summary.recordsBySource().entrySet()) {
            printer.row(new Object[] {entry.getKey(), entry.getValue(), summary.rowsWithoutId().getOrDefault(entry.getKey(), 0L)});
        }
        printer.finish();
        if (format == OutputFormat.TABLE) {
            out.printf("Resolved %,d records into %,d customers in %.1f s (run %d): %,d new, %,d merged, %,d split;"
                            + " %,d links dropped by limits, %,d values blocked.%n",
                    summary.records(), summary.customers(), summary.elapsed().toMillis() / 1000.0, summary.runId(), summary.newCustomers(),
                    summary.merged(), summary.split(), summary.droppedLinks(), summary.blockedValues());
            out.flush();
        }
    }
}
