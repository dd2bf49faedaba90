package dev.ownstack.cli.command;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.cli.ProjectOption;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.server.auth.AuditEntry;
import dev.ownstack.server.auth.AuditLog;
import dev.ownstack.server.auth.PasswordHasher;
import dev.ownstack.server.auth.UserStore;
import dev.ownstack.warehouse.Warehouse;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The users of a project as {@code ownstack user} works on them: directly in the warehouse, no
 * server needed; every change is written to the audit log with the actor {@code cli}.
 */
final class UserSession {
    static final String ACTOR = "cli";

    private UserSession() {
    }

    static <T> T read(ProjectOption project, PrintWriter err, Function<UserStore, T> work) {
        ProjectConfig config = project.load();
        try (Warehouse warehouse = ProjectOption.openWarehouse(config, err)) {
            return work.apply(new UserStore(warehouse, new PasswordHasher()));
        }
    }

    /** Does the change and audits it, failures included. */
    static <T> T change(ProjectOption project, PrintWriter err, String action, String target, Function<UserStore, T> work) {
        ProjectConfig config = project.load();
        try (Warehouse warehouse = ProjectOption.openWarehouse(config, err)) {
            ObjectNode detail = JsonNodeFactory.instance.objectNode().put("osUser", System.getProperty("user.name", ""));
            try {
                T result = work.apply(new UserStore(warehouse, new PasswordHasher()));
                AuditLog.append(warehouse, new AuditEntry(Instant.now(), ACTOR, action, target, detail, AuditEntry.SUCCESS));
                return result;
            } catch (OwnstackException e) {
                AuditLog.append(warehouse, new AuditEntry(Instant.now(), ACTOR, action, target, detail, e.code().name()));
                throw e;
            }
        }
    }

    /**
     * The password: the first line of {@code stdin} with {@code --password-stdin}, else typed twice
     * at the terminal without echo.
     */
    static String password(boolean fromStdin, InputStream stdin, PrintWriter out) {
        if (fromStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "--password-stdin: standard input had no password on its first line");
                }
                return line;
            } catch (IOException e) {
                throw new OwnstackException(ErrorCode.IO_FAILED, "--password-stdin: cannot read standard input: " + e.getMessage(), e);
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "no terminal to type the password at; pipe it in with --password-stdin,"
                    + " for example: printf '%s\\n' \"$PASSWORD\" | ownstack user add NAME --role viewer --password-stdin");
        }
        out.flush();
        char[] first = console.readPassword("Password (at least %d characters): ", PasswordHasher.MIN_LENGTH);
        char[] second = console.readPassword("Password again: ");
        try {
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "the two passwords differ; nothing was changed");
            }
            return new String(first);
        } finally {
            Arrays.fill(first == null ? new char[0] : first, ' ');
            Arrays.fill(second == null ? new char[0] : second, ' ');
        }
    }
}
