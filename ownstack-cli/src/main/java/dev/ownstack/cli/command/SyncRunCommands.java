package dev.ownstack.cli.command;

import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.activation.sync.SyncPreview;
import dev.ownstack.activation.sync.SyncRun;
import dev.ownstack.activation.sync.SyncRunStatus;
import dev.ownstack.cli.ExitCodes;
import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.OutputFormat;
import dev.ownstack.cli.output.Progress;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.server.syncs.ProjectSyncs;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ownstack sync run | approve}: runs that send, with a summary of what they did. */
final class SyncRunCommands {
    private SyncRunCommands() {
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run a sync now: send what changed since its last run.",
                "",
                "Prints what was added, changed, removed and rejected, and how long it took.",
                "With --dry-run nothing is sent: it prints the counts and a sample of the",
                "records it would add, change and remove (the run is recorded as dry_run).",
                "A run a guardrail stops sends nothing and exits with 5; the summary says",
                "what it would do and the ownstack sync approve command that sends it.",
                "",
                "Examples:",
                "  ownstack sync run vip-to-crm --dry-run --sample 20",
                "  ownstack sync run vip-to-crm"})
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Parameters(paramLabel = "NAME", description = "The sync.")
        String name;

        @Option(names = "--dry-run", description = "Compute what would be sent and send nothing.")
        boolean dryRun;

        @Option(names = "--sample", paramLabel = "N", defaultValue = "10",
                description = "With --dry-run: how many records of each kind to show. Default: ${DEFAULT-VALUE}.")
        int sample;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ProjectSyncs syncs = SyncSession.open(project.load(), spec.commandLine().getErr())) {
                syncs.definition(name);
                SyncRun run = withProgress(spec.commandLine().getErr(), (dryRun ? "dry run of " : "sync ") + name,
                        () -> syncs.run(name, dryRun));
                Summary.print(run, format.format, out);
                if (dryRun && format.format != OutputFormat.JSON) {
                    SyncPreview preview = syncs.withService(service -> service.preview(name, sample));
                    if (format.format == OutputFormat.TABLE) {
                        preview.guardrail().ifPresent(guardrail -> out.println("A real run now would stop for approval: " + guardrail));
                    }
                    printSample(preview, format.format, out);
                }
                return Summary.exitCode(run);
            }
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = {"Send the changes of a run a guardrail stopped.",
                "",
                "The approval runs the sync now, past the guardrail, as a new run that",
                "names the approved one. When the changes grew since the run was stopped",
                "(more to remove or change than it planned), it stops for approval again.",
                "",
                "Example:",
                "  ownstack sync approve 42"})
    static final class Approve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Parameters(paramLabel = "RUN", description = "The id of the run awaiting approval (ownstack sync runs NAME lists them).")
        long runId;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() {
            try (ProjectSyncs syncs = SyncSession.open(project.load(), spec.commandLine().getErr())) {
                SyncRun run = withProgress(spec.commandLine().getErr(), "approved run " + runId, () -> syncs.approve(runId));
                Summary.print(run, format.format, spec.commandLine().getOut());
                return Summary.exitCode(run);
            }
        }
    }

    /** Runs {@code work} while a line on stderr says it is still going (the engine reports counts only at the end). */
    static <T> T withProgress(PrintWriter err, String what, Supplier<T> work) {
        Progress progress = Progress.onStderr(err);
        Thread ticker = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                progress.show(what + ": computing changes and sending");
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "ownstack-sync-progress");
        ticker.setDaemon(true);
        ticker.start();
        try {
            return work.get();
        } finally {
            ticker.interrupt();
            try {
                ticker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            progress.done();
        }
    }

    private static void printSample(SyncPreview preview, OutputFormat format, PrintWriter out) {
        List<Object[]> rows = new ArrayList<>();
        addRows(rows, "add", preview.adds());
        addRows(rows, "change", preview.changes());
        addRows(rows, "remove", preview.removes());
        if (rows.isEmpty()) {
            return;
        }
        if (format == OutputFormat.TABLE) {
            out.println();
            out.println("A sample of what it would send:");
        }
        TablePrinter printer = new TablePrinter(format, out);
        printer.columns(List.of("action", "key", "fields"));
        rows.forEach(printer::row);
        printer.finish();
    }

    private static void addRows(List<Object[]> rows, String action, List<SyncRecord> records) {
        for (SyncRecord record : records) {
            rows.add(new Object[] {action, record.key(), record.fields().toString()});
        }
    }

    /** The summary of a run: a table row, then sentences saying what happened and what to do next. */
    static final class Summary {
        private Summary() {
        }

        static int exitCode(SyncRun run) {
            return switch (run.status()) {
                case FAILED -> ExitCodes.EXTERNAL_FAILURE;
                case AWAITING_APPROVAL -> ExitCodes.AWAITING_APPROVAL;
                default -> ExitCodes.OK;
            };
        }

        static void print(SyncRun run, OutputFormat format, PrintWriter out) {
            TablePrinter printer = new TablePrinter(format, out);
            printer.columns(SyncCommand.RUN_COLUMNS);
            printer.row(SyncCommand.runRow(run));
            printer.finish();
            if (format == OutputFormat.TABLE) {
                out.println(sentence(run));
                out.flush();
            }
        }

        static String sentence(SyncRun run) {
            String seconds = run.duration().map(duration -> String.format(" in %.1f s", duration.toMillis() / 1000.0)).orElse("");
            String planned = String.format("%,d to add, %,d to change and %,d to remove (the destination held %,d)", run.planned().adds(),
                    run.planned().changes(), run.planned().removes(), run.planned().destinationRecords());
            return switch (run.status()) {
                case DRY_RUN -> "Dry run of " + run.sync() + " (run " + run.runId() + "): would send " + planned + "; nothing was sent.";
                case AWAITING_APPROVAL -> "Run " + run.runId() + " of " + run.sync() + " stopped before sending anything: " + run.message()
                        + "\nIt would send " + planned + ".\nTo send it: ownstack sync approve " + run.runId();
                case FAILED -> "Run " + run.runId() + " of " + run.sync() + " failed" + seconds + ": " + run.message()
                        + sent(run) + " What the destination accepted is kept; the next run sends the rest.";
                case PARTIAL -> "Run " + run.runId() + " of " + run.sync() + " finished" + seconds + sent(run) + " The destination rejected "
                        + String.format("%,d", run.failed()) + " records; they are retried on later runs (see ownstack sync errors "
                        + run.sync() + ").";
                default -> "Run " + run.runId() + " of " + run.sync() + " " + SyncRunStatusText.of(run.status()) + seconds + sent(run)
                        + (run.approves().map(id -> " It sent the changes of approved run " + id + ".").orElse(""));
            };
        }

        private static String sent(SyncRun run) {
            String vendor = run.vendorCounts().isEmpty() ? "" : " The destination reported " + run.vendorCounts().entrySet().stream()
                    .map(count -> String.format("%s %,d", count.getKey(), count.getValue())).collect(java.util.stream.Collectors.joining(", ")) + ".";
            return String.format(": added %,d, changed %,d, removed %,d.", run.added(), run.changed(), run.removed()) + vendor;
        }
    }

    /** Past-tense words for the statuses that end a run without a special sentence. */
    private static final class SyncRunStatusText {
        static String of(SyncRunStatus status) {
            return switch (status) {
                case SUCCEEDED -> "succeeded";
                case APPROVED -> "was approved";
                case ABANDONED -> "was abandoned";
                case RUNNING -> "is running";
                default -> status.name().toLowerCase(java.util.Locale.ROOT);
            };
        }
    }
}
