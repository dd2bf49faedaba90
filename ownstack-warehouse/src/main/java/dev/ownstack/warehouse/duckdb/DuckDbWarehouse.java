package dev.ownstack.warehouse.duckdb;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.ColumnValues;
import dev.ownstack.warehouse.JdbcWarehouse;
import dev.ownstack.warehouse.QueryResult;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBScalarFunctionBuilder;

/**
 * The embedded default warehouse: one DuckDB file inside the project (or in memory for tests).
 *
 * <p>DuckDB lets one process at a time open a file (see
 * <a href="https://duckdb.org/docs/stable/connect/concurrency">Concurrency</a>). ownstack processes
 * therefore hold the file only while they work, and {@link #open} waits for a holder to finish
 * instead of failing: the CLI and the server share a project's warehouse without lock errors.
 * Within one JVM, opening the same file again shares the database the driver already has open.
 */
public final class DuckDbWarehouse extends JdbcWarehouse {
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(60);

    /** The schemas ownstack writes (see ARCHITECTURE.md); a warehouse file must not share their names. */
    static final List<String> OWN_SCHEMAS = List.of("raw", "identity", "model", "ownstack");

    private static final long FIRST_PAUSE_MILLIS = 50;
    private static final long LONGEST_PAUSE_MILLIS = 500;

    /** The database's name in SQL: DuckDB names a file's database after the file, {@code memory} in memory. */
    private final String catalog;

    private DuckDbWarehouse(Connection connection, String catalog) {
        super(connection, DuckDbDialect.INSTANCE);
        this.catalog = catalog;
    }

    /** An in-memory warehouse, gone when closed. */
    public static DuckDbWarehouse inMemory() {
        try {
            return new DuckDbWarehouse(connect("jdbc:duckdb:"), "memory");
        } catch (SQLException e) {
            throw new OwnstackException(ErrorCode.WAREHOUSE_FAILED, "cannot open an in-memory DuckDB: " + e.getMessage(), e);
        }
    }

    /**
     * Opens (creating when missing) the warehouse file. While another process holds the file,
     * retries for up to {@code lockWait}, telling {@code onWait} once what it waits for; when the
     * wait runs out, fails with WAREHOUSE_BUSY naming the file. A thread that opens the file while another thread of
     * this process closes it can find it still attached ({@link #isAttachConflict}); it retries the same way.
     */
    public static DuckDbWarehouse open(String location, Duration lockWait, Consumer<String> onWait) {
        if (location.equals(":memory:")) {
            return inMemory();
        }
        Path file = Path.of(location);
        String catalog = catalogName(file);
        if (OWN_SCHEMAS.contains(catalog.toLowerCase(Locale.ROOT))) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "warehouse file " + file + ": DuckDB names the database after the file ('"
                    + catalog + "'), and " + catalog + " is a schema ownstack writes, so table names would be ambiguous;"
                    + " name the file differently, for example warehouse.duckdb");
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot create the folder of warehouse file " + file + ": " + e.getMessage(), e);
        }
        Instant deadline = Instant.now().plus(lockWait);
        boolean told = false;
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            try {
                return new DuckDbWarehouse(connect("jdbc:duckdb:" + file), catalog);
            } catch (SQLException e) {
                String message = String.valueOf(e.getMessage());
                boolean attaching = isAttachConflict(message);
                if (!isFileLockConflict(message) && !attaching) {
                    throw new OwnstackException(ErrorCode.WAREHOUSE_FAILED, "cannot open DuckDB warehouse " + file + ": " + message, e);
                }
                if (!Instant.now().isBefore(deadline)) {
                    throw new OwnstackException(ErrorCode.WAREHOUSE_BUSY, "DuckDB warehouse " + file
                            + (attaching ? " is still attached in this process" : " is still in use by another process") + " after waiting "
                            + describe(lockWait) + ": " + message, e);
                }
                if (!told && !attaching) {
                    onWait.accept("warehouse " + file + " is in use by another process; waiting up to " + describe(lockWait));
                    told = true;
                }
                sleep(Math.min(pause, Math.max(1, Duration.between(Instant.now(), deadline).toMillis())), file);
                pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
            }
        }
    }

    private static String describe(Duration wait) {
        return wait.toMillis() < 1000 ? wait.toMillis() + " ms" : wait.toSeconds() + " s";
    }

    /** DuckDB's name for a file's database: the file name up to its first dot. */
    static String catalogName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /**
     * Whether opening failed because another process holds the file. DuckDB 2.0 words it
     * {@code IO Error: Could not set lock on file "<path>": Conflicting lock is held in <program>
     * (PID <n>)}; a lock that fails for another reason (a file system without locks) says something
     * else after the colon and is not worth waiting for.
     */
    static boolean isFileLockConflict(String message) {
        return message != null && message.contains("Could not set lock on file") && message.contains("Conflicting lock is held");
    }

    /**
     * Whether opening failed because this process's DuckDB still has the file attached while another thread closes
     * it: DuckDB 2.0 words it {@code Resource In Use Error: Unique file handle conflict: Cannot attach "<name>" - the
     * database file "<path>" is already attached by database "<name>"}. It goes away when retried a moment later.
     */
    static boolean isAttachConflict(String message) {
        return message != null && message.contains("Unique file handle conflict") && message.contains("is already attached");
    }

    private static void sleep(long millis, Path file) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OwnstackException(ErrorCode.WAREHOUSE_BUSY, "interrupted while waiting for warehouse file " + file, e);
        }
    }

    @Override
    public boolean defineTextFunction(String name, BinaryOperator<String> function) {
        try (DuckDBScalarFunctionBuilder builder = DuckDBFunctions.scalarFunction()) {
            BiFunction<String, String, String> body = function;
            builder.withName(name).withParameters(String.class, String.class).withReturnType(String.class).withNullInNullOut()
                    .withFunction(body).register(connection);
            return true;
        } catch (SQLException e) {
            throw failure("defining the function " + name, e);
        }
    }

    @Override
    public Warehouse openSibling() {
        try {
            Connection sibling = ((DuckDBConnection) connection.unwrap(DuckDBConnection.class)).duplicate();
            configure(sibling);
            return new DuckDbWarehouse(sibling, catalog);
        } catch (SQLException e) {
            throw new OwnstackException(ErrorCode.WAREHOUSE_FAILED, "cannot open a second DuckDB connection: " + e.getMessage(), e);
        }
    }

    private static Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        // never reach for the network: a missing extension fails at once
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        // stream results chunk by chunk instead of materialising them before the first row
        properties.setProperty("jdbc_stream_results", "true");
        Connection connection = DriverManager.getConnection(url, properties);
        configure(connection);
        return connection;
    }

    private static void configure(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // the same session time zone as PostgresWarehouse: local timestamps meet TIMESTAMPTZ as UTC
            statement.execute("SET TimeZone = 'UTC'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    protected void begin() {
        super.begin();
        // the driver begins lazily at the next statement, and an Appender is not one: without this,
        // rows appended first in a transaction would commit on their own
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        } catch (SQLException e) {
            throw failure("BEGIN", e);
        }
    }

    /**
     * The file is locked by another process, or another connection to the same database changed
     * what this transaction changes (DuckDB's optimistic concurrency: {@code TransactionContext
     * Error: Conflict on update!}, {@code ... Catalog write-write conflict on create ...}). Both go
     * away when retried later.
     */
    @Override
    protected boolean isBusy(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return isFileLockConflict(message)
                || message.startsWith("TransactionContext Error:") && (message.contains("Conflict on") || message.contains("write-write conflict"));
    }

    @Override
    protected OwnstackException failure(String sql, SQLException e) {
        OwnstackException failure = super.failure(sql, e);
        if (String.valueOf(e.getMessage()).contains("Ambiguous reference to catalog or schema")) {
            return new OwnstackException(failure.code(), failure.getMessage() + "; the warehouse file names its database '" + catalog
                    + "' after itself, the same as a schema: name the file differently", e);
        }
        return failure;
    }

    @Override
    public RowWriter append(TableName table, List<String> columns) {
        List<Column> targets = targetColumns(table, columns);
        QueryResult catalog = queryAll("SELECT column_name, data_type, numeric_scale FROM information_schema.columns"
                + " WHERE table_catalog = current_database() AND table_schema = ? AND table_name = ? ORDER BY ordinal_position",
                table.schema(), table.name());
        int width = catalog.rows().size();
        Column[] tableColumns = new Column[width];
        int[] sourceIndexByTablePosition = new int[width];
        int[] scaleByTablePosition = new int[width];
        Arrays.fill(sourceIndexByTablePosition, -1);
        for (int position = 0; position < width; position++) {
            Object[] row = catalog.rows().get(position);
            tableColumns[position] = new Column((String) row[0], dialect().logicalType((String) row[1]));
            scaleByTablePosition[position] = row[2] == null ? 0 : ((Number) row[2]).intValue();
            sourceIndexByTablePosition[position] = targets.indexOf(tableColumns[position]);
        }
        beginBulkWrite(table);
        try {
            DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender(table.schema(), table.name());
            return new AppenderWriter(appender, table, columns.size(), tableColumns, sourceIndexByTablePosition, scaleByTablePosition);
        } catch (SQLException e) {
            endBulkWrite();
            throw failure("create appender for " + table, e);
        }
    }

    /** Maps the caller's column order onto the table's, since the Appender fills every column in order. */
    private final class AppenderWriter implements RowWriter {
        private final DuckDBAppender appender;
        private final TableName table;
        private final int width;
        private final Column[] tableColumns;
        private final int[] sourceIndexByTablePosition;
        private final int[] scaleByTablePosition;
        private final Object[] values;
        /** Each column's name for error messages, built once rather than for every value. */
        private final String[] columnNames;
        private long rows;
        private boolean closed;

        AppenderWriter(DuckDBAppender appender, TableName table, int width, Column[] tableColumns,
                       int[] sourceIndexByTablePosition, int[] scaleByTablePosition) {
            this.appender = appender;
            this.table = table;
            this.width = width;
            this.tableColumns = tableColumns;
            this.sourceIndexByTablePosition = sourceIndexByTablePosition;
            this.scaleByTablePosition = scaleByTablePosition;
            this.values = new Object[tableColumns.length];
            this.columnNames = new String[tableColumns.length];
            for (int position = 0; position < tableColumns.length; position++) {
                columnNames[position] = table + "." + tableColumns[position].name();
            }
        }

        @Override
        public void write(Object[] row) {
            if (closed) {
                throw new OwnstackException(ErrorCode.INTERNAL, "the writer into " + table + " is closed");
            }
            if (row.length != width) {
                throw new OwnstackException(ErrorCode.INTERNAL, "row " + (rows + 1) + " for " + table + " has "
                        + row.length + " values for " + width + " columns");
            }
            // convert the whole row first, so a bad value leaves no half-appended row behind
            for (int position = 0; position < tableColumns.length; position++) {
                int source = sourceIndexByTablePosition[position];
                Column column = tableColumns[position];
                values[position] = source < 0 ? null
                        : ColumnValues.canonical(column.type(), row[source], columnNames[position]);
            }
            try {
                appender.beginRow();
                for (int position = 0; position < values.length; position++) {
                    appendValue(values[position], scaleByTablePosition[position]);
                }
                appender.endRow();
                rows++;
            } catch (SQLException e) {
                throw failure("append row " + (rows + 1) + " to " + table, e);
            }
        }

        private void appendValue(Object value, int scale) throws SQLException {
            if (value == null) {
                appender.appendNull();
            } else if (value instanceof String text) {
                appender.append(text);
            } else if (value instanceof Long number) {
                appender.append(number.longValue());
            } else if (value instanceof Double number) {
                appender.append(number.doubleValue());
            } else if (value instanceof BigDecimal number) {
                // the Appender wants exactly the column's scale
                appender.append(number.setScale(scale, RoundingMode.HALF_UP));
            } else if (value instanceof Boolean bool) {
                appender.append(bool.booleanValue());
            } else if (value instanceof LocalDate date) {
                appender.append(date);
            } else if (value instanceof LocalDateTime timestamp) {
                appender.append(timestamp);
            } else if (value instanceof OffsetDateTime timestamp) {
                appender.append(timestamp);
            } else {
                throw new OwnstackException(ErrorCode.INTERNAL, "no Appender call for " + value.getClass().getName());
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
                // flush first: the driver's close() discards the rows without a word when the
                // final flush fails (a duplicate primary key, for one), flush() reports it
                appender.flush();
            } catch (SQLException e) {
                OwnstackException failure = failure("flush appender into " + table, e);
                closeAfterFailure(failure);
                throw failure;
            }
            try {
                appender.close();
            } catch (SQLException e) {
                throw failure("close appender into " + table, e);
            } finally {
                endBulkWrite();
            }
        }

        private void closeAfterFailure(OwnstackException failure) {
            try {
                appender.close();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            } finally {
                endBulkWrite();
            }
        }
    }
}
