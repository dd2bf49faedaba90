package dev.ownstack.cli.command;

import dev.ownstack.cli.ExitCodes;
import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.server.auth.Role;
import dev.ownstack.server.auth.User;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ownstack user}: the local users who sign in to the server, and their API keys. */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = {"Local users: who may sign in to the server (ownstack serve) and what they may do.",
            "",
            "Roles: viewer reads everything; editor also changes audiences, runs and approves",
            "syncs and checks destinations; admin also manages users, anyone's API keys and",
            "reads the audit log. Users live in the warehouse (ownstack.users); these commands",
            "work on it directly, with or without a running server, which sees a change",
            "within 5 seconds. Passwords are stored only as Argon2id hashes.",
            "",
            "Examples:",
            "  ownstack user add ann --role admin                   # asks for the password twice",
            "  printf '%s\\n' \"$PW\" | ownstack user add bob --role viewer --password-stdin",
            "  ownstack user list",
            "  ownstack user set-role bob editor",
            "  ownstack user disable bob                            # and: ownstack user enable bob",
            "  ownstack user password bob                           # a new password; signs bob out",
            "  ownstack user key create bob                         # an API key acting as bob"},
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.SetRole.class, UserCommand.Disable.class,
            UserCommand.Enable.class, UserCommand.Password.class, UserKeyCommand.class, CommandLine.HelpCommand.class},
        footer = ExitCodes.HELP)
public final class UserCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    static final class RoleConverter implements CommandLine.ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            return Role.parse(value);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a user. The password (at least 12 characters) is typed twice at the",
                "terminal, or read from the first line of standard input with --password-stdin.",
                "",
                "Examples:",
                "  ownstack user add ann --role admin",
                "  printf '%s\\n' \"$PW\" | ownstack user add bob --role viewer --password-stdin"})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Parameters(paramLabel = "NAME", description = "Letters, digits and . _ @ + -, up to 100 (an email address will do).")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", converter = RoleConverter.class,
                description = "viewer, editor or admin.")
        Role role;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() {
            String password = UserSession.password(passwordStdin, System.in, spec.commandLine().getOut());
            User user = UserSession.change(project, spec.commandLine().getErr(), "user.create", name,
                    store -> store.add(name, role, password, java.time.Instant.now()));
            spec.commandLine().getOut().printf("Added user %s (%s). They sign in at the server with POST /api/session.%n", user.name(),
                    user.role().label());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"List the users: role, when added, whether disabled.", "",
        "Example:", "  ownstack user list --format json"})
    static final class ListUsers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() {
            List<User> users = UserSession.read(project, spec.commandLine().getErr(), store -> store.list());
            TablePrinter printer = new TablePrinter(format.format, spec.commandLine().getOut());
            printer.columns(List.of("name", "role", "created_at", "disabled"));
            users.forEach(user -> printer.row(new Object[] {user.name(), user.role().label(), user.createdAt(), user.disabled()}));
            printer.finish();
            return 0;
        }
    }

    @Command(name = "set-role", mixinStandardHelpOptions = true, description = {"Change a user's role; it applies to their sessions and keys",
        "from the server's next look (within 5 seconds).", "", "Example:", "  ownstack user set-role bob editor"})
    static final class SetRole implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "ROLE", converter = RoleConverter.class, description = "viewer, editor or admin.")
        Role role;

        @Override
        public Integer call() {
            User user = UserSession.change(project, spec.commandLine().getErr(), "user.update", name, store -> store.setRole(name, role));
            spec.commandLine().getOut().printf("User %s is now %s.%n", user.name(), user.role().label());
            return 0;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = {"Disable a user: they cannot sign in, and their sessions and",
        "API keys are refused. Nothing is deleted; ownstack user enable undoes it.", "", "Example:", "  ownstack user disable bob"})
    static final class Disable implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            UserSession.change(project, spec.commandLine().getErr(), "user.update", name, store -> store.setDisabled(name, true));
            spec.commandLine().getOut().printf("User %s is disabled.%n", name);
            return 0;
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = {"Enable a disabled user again.", "", "Example:",
        "  ownstack user enable bob"})
    static final class Enable implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            UserSession.change(project, spec.commandLine().getErr(), "user.update", name, store -> store.setDisabled(name, false));
            spec.commandLine().getOut().printf("User %s is enabled.%n", name);
            return 0;
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true, description = {"Set a new password for a user (typed twice, or",
        "--password-stdin). Sessions signed in with the old one end at a restart of the server;", "use the API (POST /api/users/NAME/password)",
        "to end them at once.", "", "Example:", "  ownstack user password bob"})
    static final class Password implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() {
            String password = UserSession.password(passwordStdin, System.in, spec.commandLine().getOut());
            UserSession.change(project, spec.commandLine().getErr(), "user.password", name, store -> {
                store.setPassword(name, password);
                return null;
            });
            spec.commandLine().getOut().printf("Set a new password for %s.%n", name);
            return 0;
        }
    }
}
