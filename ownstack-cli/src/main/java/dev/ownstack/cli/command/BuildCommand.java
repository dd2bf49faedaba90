package dev.ownstack.cli.command;

import dev.ownstack.activation.sync.SyncRun;
import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.OutputFormat;
import dev.ownstack.cli.output.Progress;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.models.ModelsConfig;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.config.syncs.SyncTrigger;
import dev.ownstack.model.identity.ResolveSummary;
import dev.ownstack.model.master.MasterModels;
import dev.ownstack.model.master.ModelBuildSummary;
import dev.ownstack.server.syncs.ProjectSyncs;
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

/** {@code ownstack build}: resolve identities, then build the master models from them. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {
            "Resolve identities (as ownstack resolve does), then build the master models:",
            "model.customers (one golden row per customer, with computed traits), model.customer_identities,",
            "model.transactions and model.events, as configured under models: in ownstack.yml.",
            "",
            "Each model is built beside the current one and swapped in with the others in one transaction,",
            "so BI tools never see a half-built model and a failed build leaves the previous one in place.",
            "Columns are described in docs/MODELS.md. Then the scoring models of scores: with",
            "apply-after-build (the default) score every customer again with their latest trained version",
            "(ownstack score); a model not trained yet is named with the command that trains it.",
            "",
            "Examples:",
            "  ownstack build",
            "  ownstack build --skip-resolve        # rebuild the models from the last resolution",
            "  ownstack build --run-syncs           # then run the syncs with trigger: after-build"})
public final class BuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOption project;

    @Option(names = "--skip-resolve", description = "Build from the last resolution instead of resolving first.")
    boolean skipResolve;

    @Option(names = "--components", paramLabel = "auto|union-find|sql", defaultValue = "auto",
            description = "Connected-components algorithm of the resolution, as for ownstack resolve. Default: ${DEFAULT-VALUE}.")
    String components;

    @Option(names = "--run-syncs", description = {"After a successful build, run the syncs with trigger: after-build here, one after",
        "the other, and print each run's summary. (A server does not watch builds: without this flag,",
        "tell it with POST /api/syncs/after-build.)"})
    boolean runSyncs;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        ProjectConfig config = project.load();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = Progress.onStderr(err);
        ResolveSummary resolved = null;
        ModelBuildSummary built;
        try (Warehouse warehouse = ProjectOption.openWarehouse(config, err)) {
            if (!skipResolve) {
                resolved = ResolveCommand.resolve(config, warehouse, IdentitySetup.components(components, config), progress);
            }
            built = build(config, warehouse, progress);
            progress.done();
            if (resolved != null && format.format == OutputFormat.TABLE) {
                ResolveCommand.print(resolved, format.format, out);
                out.println();
            }
            print(built, format.format, out);
            // csv and json keep stdout for the table of models; the scoring lines go to stderr then
            ScoreCommand.applyAfterBuild(config, warehouse, format.format == OutputFormat.TABLE ? out : err, progress);
        } finally {
            progress.done();
        }
        return runSyncs ? runAfterBuildSyncs(config, format.format, out, err) : 0;
    }

    /** Runs every sync with {@code trigger: after-build}; the exit code of the worst run. */
    static int runAfterBuildSyncs(ProjectConfig config, OutputFormat format, PrintWriter out, PrintWriter err) {
        int exitCode = 0;
        try (ProjectSyncs syncs = SyncSession.open(config, err)) {
            for (SyncDefinition sync : syncs.definitions()) {
                if (sync.trigger() instanceof SyncTrigger.AfterBuild) {
                    if (format == OutputFormat.TABLE) {
                        out.println();
                    }
                    SyncRun run = SyncRunCommands.withProgress(err, "sync " + sync.name(), () -> syncs.run(sync.name(), false));
                    SyncRunCommands.Summary.print(run, format, out);
                    exitCode = Math.max(exitCode, SyncRunCommands.Summary.exitCode(run));
                }
            }
        }
        return exitCode;
    }

    /** Builds the master models with progress on stderr; shared with {@code demo}. */
    static ModelBuildSummary build(ProjectConfig config, Warehouse warehouse, Progress progress) {
        progress.step("build: master models");
        ModelsConfig models = config.models().orElse(ModelsConfig.defaults());
        return MasterModels.build(warehouse, IdentitySetup.identity(config), models, Clock.systemUTC(), step -> progress.step("build: " + step));
    }

    static void print(ModelBuildSummary summary, OutputFormat format, PrintWriter out) {
        TablePrinter printer = new TablePrinter(format, out);
        printer.columns(List.of("table", "rows", "note"));
        summary.rows().forEach((table, rows) -> printer.row(new Object[] {table.toString(), rows, ""}));
        for (Map.Entry<?, String> absent : summary.absent().entrySet()) {
            printer.row(new Object[] {absent.getKey().toString(), null, "not built: " + absent.getValue()});
        }
        printer.finish();
        if (format == OutputFormat.TABLE) {
            out.printf("Built the master models in %.1f s (as of %s).%n", summary.seconds(), summary.asOf());
            out.flush();
        }
    }
}
