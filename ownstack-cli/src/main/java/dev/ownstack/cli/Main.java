package dev.ownstack.cli;

import dev.ownstack.cli.command.AudienceCommand;
import dev.ownstack.cli.command.BuildCommand;
import dev.ownstack.cli.command.DemoCommand;
import dev.ownstack.cli.command.DestinationCommand;
import dev.ownstack.cli.command.GenerateCommand;
import dev.ownstack.cli.command.IdentityCommand;
import dev.ownstack.cli.command.IngestCommand;
import dev.ownstack.cli.command.InitCommand;
import dev.ownstack.cli.command.ResolveCommand;
import dev.ownstack.cli.command.ScoreCommand;
import dev.ownstack.cli.command.ServeCommand;
import dev.ownstack.cli.command.SqlCommand;
import dev.ownstack.cli.command.SyncCommand;
import dev.ownstack.cli.command.UserCommand;
import dev.ownstack.cli.command.ValidateCommand;
import dev.ownstack.core.error.ErrorKind;
import dev.ownstack.core.error.OwnstackException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code ownstack} command: builds the command tree and maps every failure to an exit code. */
@Command(name = "ownstack",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "ownstack keeps your customer data in your own warehouse and does the rest around it:",
            "loads it, resolves who is who, models customers, scores them and syncs audiences",
            "to the tools that use them (ownstack sync, ownstack destination).",
            "",
            "Start with:  ownstack demo            (generated data, everything in one folder)",
            "or:          ownstack init my-project && cd my-project && ownstack validate"},
        subcommands = {
            InitCommand.class,
            ValidateCommand.class,
            IngestCommand.class,
            GenerateCommand.class,
            SqlCommand.class,
            ResolveCommand.class,
            IdentityCommand.class,
            BuildCommand.class,
            ScoreCommand.class,
            AudienceCommand.class,
            SyncCommand.class,
            DestinationCommand.class,
            ServeCommand.class,
            UserCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class},
        footer = ExitCodes.HELP)
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> report(exception, line.getErr()));
        return commandLine.execute(args);
    }

    private static int report(Exception exception, PrintWriter err) {
        if (exception instanceof OwnstackException failure) {
            err.println("error: " + failure.getMessage());
            failure.details().forEach(detail -> err.println("  - " + detail));
            if (failure.kind() == ErrorKind.INTERNAL) {
                err.println("This is a bug in ownstack. Details:");
                failure.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.of(failure.kind());
        }
        err.println("error: internal error: " + exception);
        err.println("This is a bug in ownstack. Details:");
        exception.printStackTrace(err);
        err.flush();
        return ExitCodes.INTERNAL_ERROR;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ownstack " + (version == null ? "development build" : version)};
        }
    }
}
