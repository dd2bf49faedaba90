package dev.ownstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.server.auth.AuditEntry;
import dev.ownstack.server.auth.AuditLog;
import dev.ownstack.server.auth.PasswordHasher;
import dev.ownstack.server.auth.UserStore;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ownstack user} on a DuckDB file, with no server running. */
class UserCommandTest {
    private static final String PASSWORD = "ann-types-a-long-password";

    @TempDir
    Path project;

    @BeforeEach
    void writeProject() throws IOException {
        Files.writeString(project.resolve("ownstack.yml"), "warehouse: {type: duckdb, path: warehouse.duckdb}\n");
    }

    private Cli.Result run(String stdin, String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        line.addAll(List.of("-p", project.toString()));
        InputStream previous = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return Cli.run(line.toArray(String[]::new));
        } finally {
            System.setIn(previous);
        }
    }

    private Warehouse warehouse() {
        return DuckDbWarehouse.open(project.resolve("warehouse.duckdb").toString(), Duration.ofSeconds(30), message -> { });
    }

    @Test
    void adds_a_user_with_the_password_from_stdin_and_lists_them() {
        Cli.Result added = run(PASSWORD + "\n", "user", "add", "ann", "--role", "admin", "--password-stdin");
        assertEquals(0, added.exitCode(), added.all());
        assertTrue(added.out().contains("Added user ann (admin)"), added.out());
        try (Warehouse warehouse = warehouse()) {
            String hash = new UserStore(warehouse, new PasswordHasher()).find("ann").orElseThrow().passwordHash();
            assertTrue(new PasswordHasher().verify(PASSWORD, hash));
        }
        Cli.Result list = run("", "user", "list", "--format", "csv");
        assertEquals(0, list.exitCode(), list.all());
        assertTrue(list.out().startsWith("name,role,created_at,disabled\n"), list.out());
        assertTrue(list.out().contains("ann,admin,"), list.out());
        assertFalse(list.out().contains("argon2"), list.out());
    }

    @Test
    void refuses_a_short_password_a_bad_role_and_a_missing_terminal_clearly() {
        Cli.Result weak = run("short\n", "user", "add", "ann", "--role", "admin", "--password-stdin");
        assertEquals(ExitCodes.USER_ERROR, weak.exitCode());
        assertTrue(weak.err().contains("password: must be at least 12 characters long, got 5"), weak.err());
        Cli.Result role = run(PASSWORD + "\n", "user", "add", "ann", "--role", "owner", "--password-stdin");
        assertEquals(ExitCodes.USER_ERROR, role.exitCode());
        assertTrue(role.err().contains("must be one of viewer, editor, admin, got 'owner'"), role.err());
        Cli.Result noTerminal = run("", "user", "add", "ann", "--role", "admin");
        assertEquals(ExitCodes.USER_ERROR, noTerminal.exitCode());
        assertTrue(noTerminal.err().contains("--password-stdin"), noTerminal.err());
    }

    @Test
    void changes_role_disables_enables_and_audits_each_change_as_the_cli() {
        run(PASSWORD + "\n", "user", "add", "bob", "--role", "viewer", "--password-stdin");
        assertEquals(0, run("", "user", "set-role", "bob", "editor").exitCode());
        assertEquals(0, run("", "user", "disable", "bob").exitCode());
        assertTrue(run("", "user", "list").out().contains("true"));
        assertEquals(0, run("", "user", "enable", "bob").exitCode());
        Cli.Result missing = run("", "user", "disable", "carl");
        assertEquals(ExitCodes.USER_ERROR, missing.exitCode());
        assertTrue(missing.err().contains("no user named 'carl'; users: bob"), missing.err());
        try (Warehouse warehouse = warehouse()) {
            AuditLog log = new AuditLog(() -> warehouse.openSibling());
            List<String> rows = log.page(10, 0, "cli").entries().stream().map(entry -> entry.action() + " " + entry.target() + " "
                    + entry.outcome()).toList();
            assertEquals(List.of("user.update carl NOT_FOUND", "user.update bob success", "user.update bob success", "user.update bob success",
                    "user.create bob success"), rows);
            assertTrue(log.page(10, 0, "").entries().stream().map(AuditEntry::detail).noneMatch(detail -> detail.toString().contains(PASSWORD)));
        }
    }

    @Test
    void creates_lists_and_revokes_a_key_printing_it_once() {
        run(PASSWORD + "\n", "user", "add", "bob", "--role", "viewer", "--password-stdin");
        Cli.Result created = run("", "user", "key", "create", "bob");
        assertEquals(0, created.exitCode(), created.all());
        String key = created.out().trim();
        assertTrue(key.matches("osk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}"), key);
        String prefix = key.substring(0, 16);
        Cli.Result list = run("", "user", "key", "list", "bob", "--format", "csv");
        assertTrue(list.out().contains(prefix), list.out());
        assertFalse(list.out().contains(key), list.out());
        Cli.Result revoked = run("", "user", "key", "revoke", "bob", prefix);
        assertEquals(0, revoked.exitCode(), revoked.all());
        try (Warehouse warehouse = warehouse()) {
            assertTrue(new UserStore(warehouse, new PasswordHasher()).keys("bob").get(0).revoked());
        }
    }

    @Test
    void help_teaches_roles_and_examples() {
        Cli.Result help = run("", "user", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("admin also manages users"), help.out());
        assertTrue(help.out().contains("ownstack user add ann --role admin"), help.out());
        assertTrue(run("", "user", "key", "--help").out().contains("ownstack user key revoke bob"));
    }
}
