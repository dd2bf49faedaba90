package dev.ownstack.warehouse;

import dev.ownstack.core.config.Secret;
import dev.ownstack.core.config.WarehouseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * A fresh database on the test PostgreSQL server, dropped on close. The server is the one
 * {@code .ci/run} installs and starts: 127.0.0.1:5432, user postgres, password postgres, unless
 * OWNSTACK_TEST_PG_HOST / _PORT / _USER / _PASSWORD say otherwise. When no server answers, tests
 * fail with a message saying how to start one; they never skip.
 */
public final class PostgresTestDatabase implements AutoCloseable {
    private static final String HOST = env("OWNSTACK_TEST_PG_HOST", "127.0.0.1");
    private static final int PORT = Integer.parseInt(env("OWNSTACK_TEST_PG_PORT", "5432"));
    private static final String USER = env("OWNSTACK_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("OWNSTACK_TEST_PG_PASSWORD", "postgres");

    private final String database;

    private PostgresTestDatabase(String database) {
        this.database = database;
    }

    public static PostgresTestDatabase create() {
        String name = "ownstack_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test server not reachable at " + HOST + ":" + PORT + " as " + USER
                    + " (" + e.getMessage() + "). Run `bash .ci/run` once, or start one: "
                    + "apt-get install -y postgresql && pg_ctlcluster 15 main start && "
                    + "su postgres -c \"psql -c \\\"ALTER USER postgres PASSWORD 'postgres'\\\"\"", e);
        }
        return new PostgresTestDatabase(name);
    }

    public WarehouseConfig.Postgres config() {
        return new WarehouseConfig.Postgres(HOST, PORT, database, USER, Optional.of(Secret.literal(PASSWORD)), "disable");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** A plain JDBC connection to this database, for tests that set up source tables. */
    public Connection connection() throws SQLException {
        return connect(database);
    }

    private static Connection connect(String databaseName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + databaseName, properties);
    }

    @Override
    public void close() {
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + database + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
