package dev.ownstack.cli.command;

import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.OutputFormat;
import dev.ownstack.cli.output.Progress;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.scores.ScoringModel;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.insights.scoring.AppliedScores;
import dev.ownstack.insights.scoring.Scoring;
import dev.ownstack.insights.scoring.ScoreSummaries;
import dev.ownstack.insights.scoring.ScoringReport;
import dev.ownstack.insights.scoring.StoredModel;
import dev.ownstack.warehouse.Warehouse;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ownstack score}: train, evaluate, apply and list the scoring models of {@code scores:}. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Predictive traits: train the models of the scores: section of ownstack.yml, keep",
            "every trained version in the warehouse (ownstack.score_models) and write their scores",
            "into model.customer_scores, one column per output (churn_probability, churn_decile,",
            "ltv_value, ltv_decile, ...), which audiences use as traits. Run ownstack build first.",
            "Kinds: churn (no order in the label-days after a cut-off), label (any true/false column",
            "of a customer-level table) and lifetime-value (BG/NBD and Gamma-Gamma). docs/INSIGHTS.md.",
            "",
            "Examples:",
            "  ownstack score train churn                # a new version, evaluated on the last 90 days",
            "  ownstack score train churn --cutoff 2011-09-01",
            "  ownstack score apply                      # every model, its latest version",
            "  ownstack score evaluate churn --version 1",
            "  ownstack score list",
            "  ownstack audience create at_risk --file at-risk.json   # a rule such as",
            "      {\"all\": [{\"trait\": \"churn_decile\", \"operator\": \"equals\", \"value\": 10},",
            "               {\"trait\": \"ltv_decile\", \"operator\": \"greater\", \"value\": 5}]}"},
        subcommands = {ScoreCommand.Train.class, ScoreCommand.Evaluate.class, ScoreCommand.Apply.class, ScoreCommand.ListModels.class,
            CommandLine.HelpCommand.class})
public final class ScoreCommand implements Callable<Integer> {
    /** Tribuo reports every thousand iterations on java.util.logging; the commands print their own summary. */
    private static final Logger TRAINING_LOG = Logger.getLogger("org.tribuo");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    static Scoring scoring(ProjectConfig config, Warehouse warehouse) {
        TRAINING_LOG.setLevel(Level.WARNING);
        return new Scoring(warehouse, config.scores(), Clock.systemUTC());
    }

    /** The named models, or every configured one; at least one. */
    static List<String> models(ProjectConfig config, List<String> names) {
        if (config.scores().models().isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "ownstack.yml has no scores: section; add a model, for example"
                    + " scores: {churn: {kind: churn}, ltv: {kind: lifetime-value}} (docs/INSIGHTS.md)");
        }
        names.forEach(name -> config.scores().model(name));
        return names.isEmpty() ? List.copyOf(config.scores().models().keySet()) : names;
    }

    static Optional<Integer> version(Integer version, List<String> models) {
        if (version != null && models.size() != 1) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "--version " + version + " needs exactly one model, got "
                    + (models.isEmpty() ? "none (name it: ownstack score ... MODEL --version N)" : models));
        }
        return Optional.ofNullable(version);
    }

    /**
     * After a build: applies the latest version of every model with {@code apply-after-build},
     * one line each; an untrained model prints how to train it and is not a failure.
     */
    static void applyAfterBuild(ProjectConfig config, Warehouse warehouse, PrintWriter out, Progress progress) {
        Scoring scoring = scoring(config, warehouse);
        for (ScoringModel model : config.scores().models().values()) {
            if (!model.applyAfterBuild()) {
                continue;
            }
            if (!scoring.isTrained(model.name())) {
                out.printf("score %s: not trained yet; run ownstack score train %s%n", model.name(), model.name());
                continue;
            }
            progress.show("score apply " + model.name());
            AppliedScores applied = scoring.apply(model.name(), Optional.empty());
            progress.done();
            out.printf("score %s: version %d applied to %,d customers (%s)%n", model.name(), applied.version(), applied.rows(),
                    String.join(", ", applied.columns()));
        }
        out.flush();
    }

    static void printApplied(AppliedScores applied, PrintWriter out) {
        out.printf("%s: version %d wrote %,d rows of %s into model.customer_scores%n", applied.model(), applied.version(), applied.rows(),
                String.join(", ", applied.columns()));
        long[] sizes = applied.decileSizes();
        StringBuilder line = new StringBuilder("  customers per decile (1 = lowest, 10 = highest):");
        for (int decile = 0; decile < sizes.length; decile++) {
            line.append(String.format(" %d: %,d", decile + 1, sizes[decile]));
        }
        out.println(line);
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train a new version of each model (all of scores: when none is named), evaluate it on a",
                "held-back period and store it in ownstack.score_models. Nothing is scored: run ownstack",
                "score apply (or ownstack build) to write the traits.",
                "",
                "churn: the evaluation cut-off is the last transaction day + 1 - label-days, so its label",
                "window ends with the data; the model is trained on the cut-off label-days earlier, whose",
                "label window ends by the evaluation cut-off. Printed: AUC of XGBoost, of the logistic-",
                "regression baseline and of recency only, precision and recall in the top decile, the",
                "calibration table and the top features.",
                "label: about a fifth of the customers (by a hash of the id) is held back instead.",
                "lifetime-value: fitted to the history without the last horizon-days, its predicted",
                "purchases compared with the actual ones; the stored fit uses all the history.",
                "",
                "Examples:",
                "  ownstack score train",
                "  ownstack score train churn --cutoff 2011-09-01"})
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Parameters(paramLabel = "MODEL", arity = "0..*", description = "Models of the scores: section. Default: all.")
        List<String> names = new ArrayList<>();

        @Option(names = "--cutoff", paramLabel = "DATE", description = "Churn models: the evaluation cut-off (YYYY-MM-DD) instead of"
                + " the last day + 1 - label-days; training uses the cut-off label-days before it.")
        LocalDate cutoff;

        @Override
        public Integer call() {
            ProjectConfig config = project.load();
            PrintWriter out = spec.commandLine().getOut();
            Progress progress = Progress.onStderr(spec.commandLine().getErr());
            List<String> models = models(config, names);
            try (Warehouse warehouse = ProjectOption.openWarehouse(config, spec.commandLine().getErr())) {
                Scoring scoring = scoring(config, warehouse);
                for (String model : models) {
                    progress.show("score train " + model + ": features, training and evaluation");
                    ScoringReport report = scoring.train(model, Optional.ofNullable(cutoff));
                    progress.done();
                    out.print(report.summary());
                    out.printf("stored as %s version %d in %s; apply it with: ownstack score apply %s%n%n", model, report.model().version(),
                            dev.ownstack.insights.scoring.ModelStore.TABLE, model);
                    out.flush();
                }
            }
            return 0;
        }
    }

    // --version is the stored version here, so the standard -V/--version of the other commands is left out
    @Command(name = "evaluate",
            description = {"Evaluate a stored version (the latest by default) on the latest held-back period:",
                "for churn the label-days to the last day, for a label the held-back fifth of customers",
                "with today's labels, for lifetime value the last horizon-days. Nothing is stored.",
                "",
                "Examples:",
                "  ownstack score evaluate churn",
                "  ownstack score evaluate churn --version 1"})
    static final class Evaluate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Mixin
        ProjectOption project;

        @Parameters(paramLabel = "MODEL", arity = "0..1", description = "A model of the scores: section. Default: every trained one.")
        List<String> names = new ArrayList<>();

        @Option(names = "--version", paramLabel = "N", description = "The stored version. Default: the latest.")
        Integer version;

        @Override
        public Integer call() {
            ProjectConfig config = project.load();
            PrintWriter out = spec.commandLine().getOut();
            Optional<Integer> chosen = version(version, names);
            try (Warehouse warehouse = ProjectOption.openWarehouse(config, spec.commandLine().getErr())) {
                Scoring scoring = scoring(config, warehouse);
                List<String> models = names.isEmpty()
                        ? models(config, names).stream().filter(scoring::isTrained).toList() : models(config, names);
                if (models.isEmpty()) {
                    throw new OwnstackException(ErrorCode.NOT_FOUND, "no model of scores: has been trained yet: run ownstack score train");
                }
                for (String model : models) {
                    out.print(scoring.evaluate(model, chosen).summary());
                    out.println();
                    out.flush();
                }
            }
            return 0;
        }
    }

    @Command(name = "apply",
            description = {"Score every customer with a stored version (the latest by default) of each model (all",
                "of scores: when none is named), as of the day after the latest transaction, and write",
                "the scores into model.customer_scores, replacing that model's columns in one step.",
                "",
                "Examples:",
                "  ownstack score apply",
                "  ownstack score apply churn --version 2     # go back to an earlier version"})
    static final class Apply implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Mixin
        ProjectOption project;

        @Parameters(paramLabel = "MODEL", arity = "0..*", description = "Models of the scores: section. Default: all.")
        List<String> names = new ArrayList<>();

        @Option(names = "--version", paramLabel = "N", description = "The stored version (one model only). Default: the latest.")
        Integer version;

        @Override
        public Integer call() {
            ProjectConfig config = project.load();
            PrintWriter out = spec.commandLine().getOut();
            Optional<Integer> chosen = version(version, names);
            Progress progress = Progress.onStderr(spec.commandLine().getErr());
            try (Warehouse warehouse = ProjectOption.openWarehouse(config, spec.commandLine().getErr())) {
                Scoring scoring = scoring(config, warehouse);
                for (String model : models(config, names)) {
                    progress.show("score apply " + model);
                    AppliedScores applied = scoring.apply(model, chosen);
                    progress.done();
                    printApplied(applied, out);
                    out.flush();
                }
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List every stored version of every model: when it was trained, its window, its key",
                "metrics and which version's scores are in model.customer_scores now (applied).",
                "",
                "Example:",
                "  ownstack score list --format csv"})
    static final class ListModels implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() {
            ProjectConfig config = project.load();
            PrintWriter out = spec.commandLine().getOut();
            TablePrinter printer = new TablePrinter(format.format, out);
            printer.columns(List.of("model", "version", "kind", "trained_at", "window", "metrics", "applied"));
            try (Warehouse warehouse = ProjectOption.openWarehouse(config, spec.commandLine().getErr())) {
                Scoring scoring = scoring(config, warehouse);
                Map<String, Integer> applied = scoring.store().applied();
                for (StoredModel model : scoring.store().all()) {
                    printer.row(new Object[] {model.model(), model.version(), model.kind(), model.trainedAt().withNano(0).toString(),
                        ScoreSummaries.window(model), ScoreSummaries.keyMetrics(model),
                        Integer.valueOf(model.version()).equals(applied.get(model.model())) ? "yes" : ""});
                }
            }
            printer.finish();
            if (format.format == OutputFormat.TABLE && printer.rowCount() == 0) {
                out.println("No model has been trained yet: ownstack score train");
            }
            out.flush();
            return 0;
        }
    }
}
