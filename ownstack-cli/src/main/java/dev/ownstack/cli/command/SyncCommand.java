package dev.ownstack.cli.command;

import dev.ownstack.activation.sync.SyncError;
import dev.ownstack.activation.sync.SyncRun;
import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.config.syncs.SyncSource;
import dev.ownstack.core.config.syncs.SyncTrigger;
import dev.ownstack.server.syncs.ProjectSyncs;
import dev.ownstack.server.syncs.SyncJson;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ownstack sync}: the syncs of ownstack.yml, their runs and rejected records. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Syncs: keep a destination in step with an audience or a query.",
            "",
            "A sync is defined under syncs: in ownstack.yml (docs/SYNCS.md). Each run",
            "computes in the warehouse what changed since the state the destination last",
            "accepted and sends only that. A run that would remove or change more than",
            "the guardrail allows (default 20% of the destination) stops before sending",
            "until you approve it. ownstack serve runs syncs with a schedule by itself.",
            "",
            "Examples:",
            "  ownstack sync list",
            "  ownstack sync run vip-to-crm --dry-run     # what would be sent, sends nothing",
            "  ownstack sync run vip-to-crm",
            "  ownstack sync runs vip-to-crm",
            "  ownstack sync approve 42                   # send a run a guardrail stopped",
            "  ownstack sync errors vip-to-crm            # records the destination rejected"},
        subcommands = {SyncCommand.ListSyncs.class, SyncRunCommands.Run.class, SyncCommand.Runs.class, SyncRunCommands.Approve.class,
            SyncCommand.Errors.class, CommandLine.HelpCommand.class})
public final class SyncCommand implements Callable<Integer> {
    static final List<String> RUN_COLUMNS = List.of("sync", "run", "status", "started_at", "duration_s", "added", "changed", "removed",
            "failed", "message");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    static Object[] runRow(SyncRun run) {
        return new Object[] {run.sync(), run.runId(), SyncJson.status(run.status()), AudienceCommand.utc(run.startedAt()),
                run.duration().map(duration -> Math.round(duration.toMillis() / 100.0) / 10.0).orElse(null), run.added(), run.changed(),
                run.removed(), run.failed(), run.message()};
    }

    static String source(SyncDefinition sync) {
        return sync.source() instanceof SyncSource.Audience audience ? "audience " + audience.audience()
                : "query " + ((SyncSource.Query) sync.source()).sql().replaceAll("\\s+", " ").trim();
    }

    static String trigger(SyncDefinition sync) {
        if (sync.trigger() instanceof SyncTrigger.Cron cron) {
            return "schedule " + cron.expression();
        }
        return sync.trigger() instanceof SyncTrigger.AfterBuild ? "after build" : "manual";
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the syncs of ownstack.yml with their last run.",
                "",
                "next_run is when ownstack serve runs a scheduled sync next (UTC).",
                "",
                "Example:",
                "  ownstack sync list --format json"})
    static final class ListSyncs implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() {
            try (ProjectSyncs syncs = SyncSession.open(project.load(), spec.commandLine().getErr())) {
                TablePrinter printer = new TablePrinter(format.format, spec.commandLine().getOut());
                printer.columns(List.of("name", "source", "destination", "mode", "trigger", "last_run", "last_status", "last_started_at",
                        "next_run"));
                syncs.withService(service -> {
                    for (SyncDefinition sync : syncs.definitions()) {
                        Optional<SyncRun> last = service.runs(sync.name(), 1).stream().findFirst();
                        printer.row(new Object[] {sync.name(), source(sync), sync.destination(), sync.mode().configName(), trigger(sync),
                                last.map(SyncRun::runId).orElse(null), last.map(run -> SyncJson.status(run.status())).orElse(null),
                                last.map(run -> AudienceCommand.utc(run.startedAt())).orElse(null),
                                syncs.nextRun(sync).map(AudienceCommand::utc).orElse(null)});
                    }
                    return null;
                });
                printer.finish();
            }
            return 0;
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true,
            description = {"Show a sync's runs, newest first: what each sent and how it ended.",
                "",
                "Statuses: succeeded, partial (some records rejected: see ownstack sync",
                "errors), failed, awaiting_approval (a guardrail stopped it: see ownstack",
                "sync approve), approved, abandoned (its process died), dry_run, running.",
                "",
                "Example:",
                "  ownstack sync runs vip-to-crm --limit 5"})
    static final class Runs implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Parameters(paramLabel = "NAME", description = "The sync.")
        String name;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many of the latest runs. Default: ${DEFAULT-VALUE}.")
        int limit;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() {
            try (ProjectSyncs syncs = SyncSession.open(project.load(), spec.commandLine().getErr())) {
                syncs.definition(name);
                List<SyncRun> runs = syncs.withService(service -> service.runs(name, limit));
                TablePrinter printer = new TablePrinter(format.format, spec.commandLine().getOut());
                printer.columns(RUN_COLUMNS);
                runs.forEach(run -> printer.row(runRow(run)));
                printer.finish();
            }
            return 0;
        }
    }

    @Command(name = "errors", mixinStandardHelpOptions = true,
            description = {"Show the records a sync's destination rejected, latest first.",
                "",
                "Each is kept in ownstack.sync_errors with the destination's own message and",
                "sent again by later runs, within the sync's retry-window (default 7d),",
                "until the destination accepts it.",
                "",
                "Example:",
                "  ownstack sync errors vip-to-crm --format csv > rejected.csv"})
    static final class Errors implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Parameters(paramLabel = "NAME", description = "The sync.")
        String name;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "How many errors. Default: ${DEFAULT-VALUE}.")
        int limit;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() {
            try (ProjectSyncs syncs = SyncSession.open(project.load(), spec.commandLine().getErr())) {
                syncs.definition(name);
                List<SyncError> errors = syncs.withService(service -> service.errors(name, limit));
                TablePrinter printer = new TablePrinter(format.format, spec.commandLine().getOut());
                printer.columns(List.of("key", "operation", "error_class", "message", "attempts", "first_failed_at", "last_failed_at", "run"));
                for (SyncError error : errors) {
                    printer.row(new Object[] {error.recordKey(), error.operation().name().toLowerCase(Locale.ROOT),
                            error.errorClass().name().toLowerCase(Locale.ROOT), error.message(), error.attempts(),
                            AudienceCommand.utc(error.firstFailedAt()), AudienceCommand.utc(error.lastFailedAt()), error.runId()});
                }
                printer.finish();
            }
            return 0;
        }
    }
}
