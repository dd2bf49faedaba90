package dev.ownstack.cli.command;

import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.cli.ExitCodes;
import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.OutputFormat;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.server.syncs.DestinationCatalog;
import dev.ownstack.server.syncs.ProjectSyncs;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ownstack destination}: the destinations of ownstack.yml and of the web app, and the connector types. */
@Command(name = "destination", mixinStandardHelpOptions = true,
        description = {"Destinations: where syncs send records.",
            "",
            "A destination is defined under destinations: in ownstack.yml with a type",
            "(a connector) and its settings; secrets are written as ${env:NAME}. Those",
            "saved in the web app (or with POST /api/destinations) are listed and checked",
            "too.",
            "",
            "Examples:",
            "  ownstack destination types              # the connectors and their settings",
            "  ownstack destination types webhook",
            "  ownstack destination list",
            "  ownstack destination check crm-hook     # does it answer with these settings?"},
        subcommands = {DestinationCommand.ListDestinations.class, DestinationCommand.Types.class, DestinationCommand.Check.class,
            CommandLine.HelpCommand.class})
public final class DestinationCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }


    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the destinations of ownstack.yml and of the web app: type, settings",
                "(secrets masked), the syncs that use them, where each is defined and what",
                "is wrong with its settings.",
                "",
                "Example:",
                "  ownstack destination list"})
    static final class ListDestinations implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() {
            try (ProjectSyncs syncs = SyncSession.open(project.load(), spec.commandLine().getErr())) {
                DestinationCatalog catalog = syncs.destinations();
                TablePrinter printer = new TablePrinter(format.format, spec.commandLine().getOut());
                printer.columns(List.of("name", "type", "settings", "syncs", "defined in", "problems"));
                for (DestinationDefinition definition : catalog.all()) {
                    Map<String, Object> settings = catalog.shownSettings(definition);
                    List<String> problems = new ArrayList<>(catalog.problems(definition));
                    problems.addAll(syncs.loadProblems("destinations." + definition.name()));
                    printer.row(new Object[] {definition.name(), definition.type(),
                            settings.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", ")),
                            String.join(", ", catalog.syncsOf(definition.name())),
                            syncs.editableDestination(definition.name()) ? "app" : "ownstack.yml", String.join("; ", problems)});
                }
                printer.finish();
            }
            return 0;
        }
    }

    @Command(name = "types", mixinStandardHelpOptions = true,
            description = {"List the destination types (connectors), or the settings of one.",
                "",
                "Examples:",
                "  ownstack destination types",
                "  ownstack destination types file"})
    static final class Types implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "TYPE", arity = "0..1", description = "A type whose settings to show.")
        String type;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() {
            Destinations destinations = Destinations.load();
            TablePrinter printer = new TablePrinter(format.format, spec.commandLine().getOut());
            if (type == null) {
                printer.columns(List.of("type", "kind", "operations", "per request", "at once", "rate limit", "description"));
                for (DestinationFactory factory : destinations.all()) {
                    Capabilities limits = factory.defaultCapabilities();
                    String operations = String.join(", ", limits.operationNames());
                    String batch = String.format("%,d", limits.maxBatchRecords())
                            + (limits.maxBatchBytes() > 0 ? " / " + Capabilities.bytes(limits.maxBatchBytes()) : "");
                    String rate = limits.rateLimit().map(limit -> String.format("%,d per %s", limit.requests(), limit.period().toMillis() % 1000 == 0
                            ? limit.period().toSeconds() + " s" : limit.period().toMillis() + " ms"))
                            .orElse("-");
                    printer.row(new Object[] {factory.type(), factory.category().configName(), operations, batch, limits.maxConcurrency(), rate,
                            factory.description()});
                }
            } else {
                DestinationFactory factory = destinations.factory(type);
                if (format.format == OutputFormat.TABLE) {
                    spec.commandLine().getOut().printf("%s (%s destination): %s%nWith default settings: %s%n%n", factory.type(),
                            factory.category().configName(), factory.description(), factory.defaultCapabilities().summary());
                }
                printer.columns(List.of("setting", "kind", "required", "default", "secret", "description"));
                for (ConfigField field : factory.spec().fields()) {
                    printer.row(new Object[] {field.name(), DestinationCatalog.kind(field),
                            field.required(), field.defaultValue().map(String::valueOf).orElse(null), field.secret(), field.description()});
                }
            }
            printer.finish();
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check that a destination answers with its settings and credentials.",
                "",
                "Exits 0 when it does, 3 when it does not (the message says why), 2 when its",
                "settings do not fit its type.",
                "",
                "Example:",
                "  ownstack destination check crm-hook"})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Parameters(paramLabel = "NAME", description = "The destination.")
        String name;

        @Override
        public Integer call() {
            CheckResult result;
            try (ProjectSyncs syncs = SyncSession.open(project.load(), spec.commandLine().getErr())) {
                result = syncs.destinations().check(name);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println((result.ok() ? "ok: " : "failed: ") + name + ": " + result.message());
            out.flush();
            return result.ok() ? ExitCodes.OK : ExitCodes.EXTERNAL_FAILURE;
        }
    }
}
