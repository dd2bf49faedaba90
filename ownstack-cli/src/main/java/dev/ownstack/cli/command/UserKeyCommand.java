package dev.ownstack.cli.command;

import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.server.auth.ApiKey;
import dev.ownstack.server.auth.KeyToken;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ownstack user key}: API keys that act with their user's role. */
@Command(name = "key", mixinStandardHelpOptions = true,
        description = {"API keys of a user: sent as Authorization: Bearer KEY, a key acts with its",
            "user's role. The key is printed once, when created; only its SHA-256 is stored.",
            "",
            "Examples:",
            "  ownstack user key create bob",
            "  ownstack user key list bob",
            "  ownstack user key revoke bob osk_3f9a0c2d41b7      # the id or prefix from the list"},
        subcommands = {UserKeyCommand.Create.class, UserKeyCommand.ListKeys.class, UserKeyCommand.Revoke.class, CommandLine.HelpCommand.class})
final class UserKeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = {"Create an API key for the user and print it (this once).", "",
        "Example:", "  ownstack user key create bob"})
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            KeyToken token = UserSession.change(project, spec.commandLine().getErr(), "key.create", name,
                    store -> store.createKey(name, Instant.now()));
            spec.commandLine().getOut().println(token.text());
            spec.commandLine().getErr().printf("Created API key %s for %s. It is shown only now: store it somewhere safe.%n", token.prefix(), name);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"List the user's keys by prefix, newest first, revoked ones too.",
        "", "Example:", "  ownstack user key list bob"})
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Mixin
        FormatOption format;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            List<ApiKey> keys = UserSession.read(project, spec.commandLine().getErr(), store -> store.keys(name));
            TablePrinter printer = new TablePrinter(format.format, spec.commandLine().getOut());
            printer.columns(List.of("id", "prefix", "created_at", "last_used_at", "revoked_at"));
            keys.forEach(key -> printer.row(new Object[] {key.id(), key.prefix(), key.createdAt(), key.lastUsedAt().orElse(null),
                    key.revokedAt().orElse(null)}));
            printer.finish();
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = {"Revoke one of the user's keys; a running server refuses it",
        "within 5 seconds.", "", "Example:", "  ownstack user key revoke bob osk_3f9a0c2d41b7"})
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "KEY", description = "The key's id or prefix, as ownstack user key list shows it.")
        String key;

        @Override
        public Integer call() {
            ApiKey revoked = UserSession.change(project, spec.commandLine().getErr(), "key.revoke", name + "/" + key,
                    store -> store.revokeKey(name, key, Instant.now()));
            spec.commandLine().getOut().printf("Revoked API key %s of %s.%n", revoked.prefix(), name);
            return 0;
        }
    }
}
