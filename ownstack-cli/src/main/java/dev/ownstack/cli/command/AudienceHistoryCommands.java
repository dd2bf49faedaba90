package dev.ownstack.cli.command;

import dev.ownstack.activation.audience.history.AudienceRun;
import dev.ownstack.activation.audience.history.MembershipChanges;
import dev.ownstack.activation.audience.store.StoredAudience;
import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.OutputFormat;
import dev.ownstack.cli.output.TablePrinter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ownstack audience compute | changes | runs}: membership over time. */
final class AudienceHistoryCommands {
    private static final List<String> RUN_COLUMNS = List.of("audience", "run_id", "computed_at", "as_of", "size", "holdout_size", "joined",
            "left");

    private AudienceHistoryCommands() {
    }

    @Command(name = "compute", mixinStandardHelpOptions = true,
            description = {"Compute audiences and record the runs: size, who joined, who left.",
                "",
                "Each run is kept in ownstack.audience_runs, and membership as intervals in",
                "ownstack.audience_members: SQL in one transaction per audience. ownstack",
                "audience changes then lists who joined and who left since the run before.",
                "",
                "Examples:",
                "  ownstack audience compute big_spenders",
                "  ownstack audience compute big_spenders lapsed --format json"})
    static final class Compute implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Parameters(paramLabel = "NAME", arity = "1..*", description = "The audiences, computed in this order.")
        List<String> names;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() {
            List<AudienceRun> runs = new ArrayList<>();
            try (AudienceSession session = AudienceSession.open(project.load(), spec.commandLine().getErr())) {
                List<StoredAudience> audiences = names.stream().map(session.store()::get).toList();
                for (StoredAudience audience : audiences) {
                    runs.add(compute(session, audience));
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            print(runs, format.format, out);
            if (format.format == OutputFormat.TABLE) {
                for (AudienceRun run : runs) {
                    out.printf("Computed %s, run %d: %,d members%s; %s.%n", run.audience(), run.runId(), run.size(),
                            run.holdoutSize() > 0 ? String.format(" (%,d more held out)", run.holdoutSize()) : "", run.runId() == 1
                                    ? "the first run" : String.format("%,d joined and %,d left since run %d", run.joined(), run.left(), run.runId() - 1));
                }
                out.flush();
            }
            return 0;
        }
    }

    /** Computes and records one audience; shared with {@code demo}. */
    static AudienceRun compute(AudienceSession session, StoredAudience audience) {
        return session.history().compute(audience.definition(), session.store().compiler(session.context()), session.asOf());
    }

    @Command(name = "changes", mixinStandardHelpOptions = true,
            description = {"List who joined and who left in the last computation.",
                "",
                "Compared with the computation before it (at the first one, every member",
                "joined). One row per customer: joined or left, then its customer_id.",
                "",
                "Example:",
                "  ownstack audience changes big_spenders --limit 1000 --format csv"})
    static final class Changes implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Parameters(paramLabel = "NAME", description = "The audience.")
        String name;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                description = "At most N customers who joined and N who left (the first by customer id). Default: ${DEFAULT-VALUE}.")
        int limit;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() {
            AudienceSession.checkPositive("--limit", limit);
            MembershipChanges changes;
            try (AudienceSession session = AudienceSession.open(project.load(), spec.commandLine().getErr())) {
                session.store().get(name);
                changes = session.history().changes(name, limit);
            }
            PrintWriter out = spec.commandLine().getOut();
            TablePrinter printer = new TablePrinter(format.format, out);
            printer.columns(List.of("change", "customer_id"));
            changes.joined().forEach(customer -> printer.row(new Object[] {"joined", customer}));
            changes.left().forEach(customer -> printer.row(new Object[] {"left", customer}));
            printer.finish();
            if (format.format == OutputFormat.TABLE) {
                out.printf("Run %d against %s: %,d joined, %,d left%s.%n", changes.toRun(),
                        changes.fromRun() == 0 ? "no run before" : "run " + changes.fromRun(), changes.joinedCount(), changes.leftCount(),
                        changes.joinedCount() > limit || changes.leftCount() > limit ? " (" + limit + " of each listed; see --limit)" : "");
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true,
            description = {"List the recorded computations of an audience, oldest first.",
                "",
                "Each run: when, as of when, its size, its holdout, how many joined and left.",
                "",
                "Example:",
                "  ownstack audience runs big_spenders --limit 5"})
    static final class Runs implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Parameters(paramLabel = "NAME", description = "The audience.")
        String name;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "The latest N runs. Default: ${DEFAULT-VALUE}.")
        int limit;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() {
            AudienceSession.checkPositive("--limit", limit);
            List<AudienceRun> runs;
            try (AudienceSession session = AudienceSession.open(project.load(), spec.commandLine().getErr())) {
                session.store().get(name);
                runs = session.history().runs(name, limit);
            }
            print(runs, format.format, spec.commandLine().getOut());
            return 0;
        }
    }

    private static void print(List<AudienceRun> runs, OutputFormat format, PrintWriter out) {
        TablePrinter printer = new TablePrinter(format, out);
        printer.columns(RUN_COLUMNS);
        for (AudienceRun run : runs) {
            printer.row(new Object[] {run.audience(), run.runId(), AudienceCommand.utc(run.computedAt()), AudienceCommand.utc(run.asOf()),
                    run.size(), run.holdoutSize(), run.joined(), run.left()});
        }
        printer.finish();
    }
}
