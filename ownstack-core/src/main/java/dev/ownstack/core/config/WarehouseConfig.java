package dev.ownstack.core.config;

/** Where the project's data lives. */
public sealed interface WarehouseConfig permits WarehouseConfig.DuckDb, WarehouseConfig.Postgres {

    /** The embedded default: one DuckDB file, or an in-memory database (tests). */
    record DuckDb(String location) implements WarehouseConfig {
        public static final String IN_MEMORY = ":memory:";

        public DuckDb {
            java.util.Objects.requireNonNull(location, "location");
        }

        public boolean inMemory() {
            return IN_MEMORY.equals(location);
        }
    }

    /** A PostgreSQL server. The password is a {@link Secret} and is passed to the driver apart from the URL. */
    record Postgres(String host, int port, String database, String user, java.util.Optional<Secret> password,
                    String sslMode) implements WarehouseConfig {
        public Postgres {
            java.util.Objects.requireNonNull(host, "host");
            java.util.Objects.requireNonNull(database, "database");
            java.util.Objects.requireNonNull(user, "user");
            java.util.Objects.requireNonNull(password, "password");
            java.util.Objects.requireNonNull(sslMode, "sslMode");
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=" + sslMode;
        }
    }
}
