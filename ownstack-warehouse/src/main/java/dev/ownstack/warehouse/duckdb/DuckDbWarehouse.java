package dev.ownstack.warehouse.duckdb;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.JdbcWarehouse;
import dev.ownstack.warehouse.RowWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The embedded default warehouse: one DuckDB file inside the project (or in memory for tests).
 *
 * <p>DuckDB lets one process at a time open a file for writing. ownstack processes therefore hold
 * the file only while they work, and {@link #open} waits for a holder to finish instead of failing:
 * the CLI and the server share a project's warehouse without lock errors.
 */
public final class DuckDbWarehouse extends JdbcWarehouse {
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(60);

    private DuckDbWarehouse(Connection connection) {
        super(connection, DuckDbDialect.INSTANCE);
    }

    /** An in-memory warehouse, gone when closed. */
    public static DuckDbWarehouse inMemory() {
        return new DuckDbWarehouse(connect("jdbc:duckdb:"));
    }

    /**
     * Opens (creating when missing) the warehouse file. While another process holds the file,
     * retries for up to {@code lockWait}, telling {@code onWait} once what it waits for.
     */
    public static DuckDbWarehouse open(String location, Duration lockWait, Consumer<String> onWait) {
        if (location.equals(":memory:")) {
            return inMemory();
        }
        Path file = Path.of(location);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (java.io.IOException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot create the folder of warehouse file " + file + ": " + e.getMessage(), e);
        }
        Instant deadline = Instant.now().plus(lockWait);
        boolean told = false;
        long pause = 50;
        while (true) {
            try {
                return new DuckDbWarehouse(connectOrThrow("jdbc:duckdb:" + file));
            } catch (SQLException e) {
                String message = String.valueOf(e.getMessage());
                boolean locked = message.toLowerCase(Locale.ROOT).contains("lock");
                if (!locked) {
                    throw new OwnstackException(ErrorCode.WAREHOUSE_FAILED, "cannot open DuckDB warehouse " + file + ": " + message, e);
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new OwnstackException(ErrorCode.WAREHOUSE_BUSY, "DuckDB warehouse " + file + " is still in use by another process after "
                            + lockWait.toSeconds() + " s: " + message, e);
                }
                if (!told) {
                    onWait.accept("warehouse " + file + " is in use by another ownstack process; waiting up to " + lockWait.toSeconds() + " s");
                    told = true;
                }
                sleep(pause);
                pause = Math.min(pause * 2, 500);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OwnstackException(ErrorCode.WAREHOUSE_BUSY, "interrupted while waiting for the warehouse file", e);
        }
    }

    private static Connection connect(String url) {
        try {
            return connectOrThrow(url);
        } catch (SQLException e) {
            throw new OwnstackException(ErrorCode.WAREHOUSE_FAILED, "cannot open DuckDB: " + e.getMessage(), e);
        }
    }

    private static Connection connectOrThrow(String url) throws SQLException {
        Properties properties = new Properties();
        // never reach for the network: a missing extension fails at once
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        return DriverManager.getConnection(url, properties);
    }

    @Override
    public RowWriter append(TableName table, List<String> columns) {
        List<Column> tableColumns = describe(table).orElseThrow(() -> new OwnstackException(ErrorCode.WAREHOUSE_FAILED,
                "cannot append to " + table + ": the table does not exist"));
        int[] positions = new int[tableColumns.size()];
        java.util.Arrays.fill(positions, -1);
        for (int i = 0; i < columns.size(); i++) {
            int position = indexOf(tableColumns, columns.get(i));
            if (position < 0) {
                throw new OwnstackException(ErrorCode.WAREHOUSE_FAILED, "cannot append to " + table + ": no column " + columns.get(i));
            }
            positions[position] = i;
        }
        lock();
        try {
            DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender(table.schema(), table.name());
            return new AppenderWriter(appender, positions, table);
        } catch (SQLException e) {
            unlock();
            throw failure("create appender for " + table, e);
        }
    }

    private static int indexOf(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Maps the caller's column order onto the table's, since the Appender fills every column in order. */
    private final class AppenderWriter implements RowWriter {
        private final DuckDBAppender appender;
        private final int[] sourceIndexByTablePosition;
        private final TableName table;
        private long rows;
        private boolean closed;

        AppenderWriter(DuckDBAppender appender, int[] sourceIndexByTablePosition, TableName table) {
            this.appender = appender;
            this.sourceIndexByTablePosition = sourceIndexByTablePosition;
            this.table = table;
        }

        @Override
        public void write(Object[] row) {
            try {
                appender.beginRow();
                for (int source : sourceIndexByTablePosition) {
                    appendValue(source < 0 ? null : row[source]);
                }
                appender.endRow();
                rows++;
            } catch (SQLException e) {
                throw failure("append row " + (rows + 1) + " to " + table, e);
            }
        }

        private void appendValue(Object value) throws SQLException {
            if (value == null) {
                appender.appendNull();
            } else if (value instanceof String text) {
                appender.append(text);
            } else if (value instanceof Long number) {
                appender.append(number.longValue());
            } else if (value instanceof Integer number) {
                appender.append(number.longValue());
            } else if (value instanceof Double number) {
                appender.append(number.doubleValue());
            } else if (value instanceof BigDecimal number) {
                appender.append(number);
            } else if (value instanceof Boolean bool) {
                appender.append(bool.booleanValue());
            } else if (value instanceof LocalDate date) {
                appender.append(date);
            } else if (value instanceof LocalDateTime timestamp) {
                appender.append(timestamp);
            } else if (value instanceof OffsetDateTime timestamp) {
                appender.append(timestamp);
            } else if (value instanceof Instant instant) {
                appender.append(instant.atOffset(ZoneOffset.UTC));
            } else {
                appender.append(value.toString());
            }
        }

        @Override
        public long rowCount() {
            return rows;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                appender.close();
            } catch (SQLException e) {
                throw failure("flush appender into " + table, e);
            } finally {
                unlock();
            }
        }
    }
}
