package dev.ownstack.cli.command;

import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.config.WarehouseConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.ingest.file.FileSource;
import dev.ownstack.server.syncs.DestinationCatalog;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ownstack validate}: checks ownstack.yml and lists what it declares. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {
            "Check ownstack.yml without touching any data. Every problem is reported at once with its",
            "path and the offending value, for example:",
            "  sources.orders.on-error: must be one of fail, skip, got 'ignore'",
            "Environment variables named by ${env:NAME} must be set. Secrets are never printed.",
            "File sources whose paths match no file yet are noted (the files may arrive later).",
            "Destination settings are checked against their connector's settings (ownstack destination types).",
            "On success, lists the warehouse and the sources."})
public final class ValidateCommand implements Callable<Integer> {
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
        PrintWriter err = spec.commandLine().getErr();
        config.notes().forEach(note -> err.println("note: " + note));
        for (SourceConfig source : config.sources().values()) {
            if (source instanceof SourceConfig.Files files) {
                try {
                    new FileSource(files, config.directory()).files();
                } catch (OwnstackException e) {
                    // files may arrive later: worth saying, not a broken configuration
                    err.println("note: sources." + files.name() + ": " + e.getMessage());
                }
            }
        }
        checkDestinations(config);
        err.println(config.directory().resolve(ProjectConfig.FILE_NAME) + " is valid: project '" + config.name() + "', "
                + describe(config.warehouse()) + ", " + config.sources().size() + (config.sources().size() == 1 ? " source" : " sources")
                + (config.syncs().isEmpty() ? "" : ", " + config.destinations().size() + " destinations, " + config.syncs().size() + " syncs"));
        err.flush();
        TablePrinter printer = new TablePrinter(format.format, out);
        printer.columns(List.of("source", "type", "reads", "into"));
        for (SourceConfig source : config.sources().values()) {
            printer.row(describe(source));
        }
        printer.finish();
        return 0;
    }

    /** The settings of every destination against its connector's spec, all problems at once. */
    private static void checkDestinations(ProjectConfig config) {
        DestinationCatalog catalog = new DestinationCatalog(config.destinations(), config.syncs(), Destinations.load());
        List<String> problems = config.destinations().values().stream().flatMap(definition -> catalog.problems(definition).stream()).toList();
        if (!problems.isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, config.directory().resolve(ProjectConfig.FILE_NAME) + " has "
                    + problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in its destinations", problems, null);
        }
    }

    static String describe(WarehouseConfig warehouse) {
        if (warehouse instanceof WarehouseConfig.DuckDb duckDb) {
            return "warehouse duckdb " + duckDb.location();
        }
        WarehouseConfig.Postgres postgres = (WarehouseConfig.Postgres) warehouse;
        return "warehouse postgres " + postgres.user() + "@" + postgres.host() + ":" + postgres.port() + "/" + postgres.database();
    }

    private static Object[] describe(SourceConfig source) {
        if (source instanceof SourceConfig.Files files) {
            return new Object[] {files.name(), "file", String.join(", ", files.paths()), files.table().toString()};
        }
        if (source instanceof SourceConfig.Jdbc jdbc) {
            String tables = String.join(", ", jdbc.tables().stream().map(SourceConfig.JdbcTable::table).toList());
            String into = String.join(", ", jdbc.tables().stream().map(table -> table.into().toString()).toList());
            return new Object[] {jdbc.name(), "jdbc", tables, into};
        }
        if (source instanceof SourceConfig.Events events) {
            return new Object[] {events.name(), "events", events.writeKeys().size() + (events.writeKeys().size() == 1 ? " write key" : " write keys")
                    + " via ownstack serve", "raw.events"};
        }
        SourceConfig.Singer singer = (SourceConfig.Singer) source;
        return new Object[] {singer.name(), "singer", String.join(" ", singer.command()), "raw." + singer.tablePrefix() + "<stream>"};
    }
}
