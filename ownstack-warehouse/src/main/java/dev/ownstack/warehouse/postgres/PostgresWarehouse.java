package dev.ownstack.warehouse.postgres;

import dev.ownstack.core.config.WarehouseConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.ColumnValues;
import dev.ownstack.warehouse.JdbcWarehouse;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.RowWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** A PostgreSQL server. The bulk path is {@code COPY ... FROM STDIN} in CSV format. */
public final class PostgresWarehouse extends JdbcWarehouse {
    private static final int COPY_BUFFER = 1 << 16;

    private final WarehouseConfig.Postgres config;

    private PostgresWarehouse(Connection connection, WarehouseConfig.Postgres config) {
        super(connection, PostgresDialect.INSTANCE);
        this.config = config;
    }

    @Override
    public Warehouse openSibling() {
        return connect(config);
    }

    /** Connects; the password goes to the driver as a property, never into the URL or a message. */
    public static PostgresWarehouse connect(WarehouseConfig.Postgres config) {
        Properties properties = new Properties();
        properties.setProperty("user", config.user());
        config.password().ifPresent(password -> properties.setProperty("password", password.reveal()));
        properties.setProperty("ApplicationName", "ownstack");
        properties.setProperty("reWriteBatchedInserts", "true");
        // bound strings arrive untyped, so the server casts them to the column's type: text binds
        // into JSONB columns as it does into DuckDB's JSON
        properties.setProperty("stringtype", "unspecified");
        try {
            Connection connection = DriverManager.getConnection(config.jdbcUrl(), properties);
            try (Statement statement = connection.createStatement()) {
                // the same session time zone as DuckDbWarehouse: local timestamps meet TIMESTAMPTZ as UTC
                statement.execute("SET TIME ZONE 'UTC'");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new PostgresWarehouse(connection, config);
        } catch (SQLException e) {
            throw new OwnstackException(ErrorCode.WAREHOUSE_FAILED, "cannot connect to PostgreSQL at " + config.host() + ":" + config.port()
                    + "/" + config.database() + " as " + config.user() + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected boolean streamsOnlyInTransaction() {
        return true;
    }

    /**
     * Another session holds a lock the statement needs (SQLSTATE 55P03, lock_not_available), or a
     * concurrent transaction forces this one to be retried (40001 serialization_failure, 40P01
     * deadlock_detected).
     */
    @Override
    protected boolean isBusy(SQLException e) {
        return List.of("55P03", "40001", "40P01").contains(e.getSQLState());
    }

    @Override
    public RowWriter append(TableName table, List<String> columns) {
        List<Column> targets = targetColumns(table, columns);
        String sql = "COPY " + dialect().table(table) + " (" + targets.stream().map(column -> dialect().quote(column.name()))
                .collect(Collectors.joining(", ")) + ") FROM STDIN WITH (FORMAT csv)";
        beginBulkWrite(table);
        try {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            return new CopyWriter(copy, table, targets);
        } catch (SQLException e) {
            endBulkWrite();
            throw failure(sql, e);
        }
    }

    /** Encodes rows as CSV: null is an unquoted empty field, every text is quoted so '' stays ''. */
    private final class CopyWriter implements RowWriter {
        private final CopyIn copy;
        private final TableName table;
        private final List<Column> columns;
        private final int width;
        private final StringBuilder buffer = new StringBuilder(COPY_BUFFER + 4096);
        private long rows;
        private boolean closed;

        CopyWriter(CopyIn copy, TableName table, List<Column> columns) {
            this.copy = copy;
            this.table = table;
            this.columns = columns;
            this.width = columns.size();
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
            // convert the whole row first, so a bad value leaves no half-written line behind
            Object[] values = new Object[width];
            for (int i = 0; i < width; i++) {
                Column column = columns.get(i);
                values[i] = ColumnValues.canonical(column.type(), row[i], table + "." + column.name());
            }
            for (int i = 0; i < width; i++) {
                if (i > 0) {
                    buffer.append(',');
                }
                encode(values[i]);
            }
            buffer.append('\n');
            rows++;
            if (buffer.length() >= COPY_BUFFER) {
                flush();
            }
        }

        private void encode(Object value) {
            if (value == null) {
                return;
            }
            if (value instanceof BigDecimal decimal) {
                buffer.append(decimal.toPlainString());
                return;
            }
            if (value instanceof Number || value instanceof Boolean) {
                buffer.append(value);
                return;
            }
            // canonical values are text, dates and times, whose ISO text PostgreSQL reads as is
            String text = value.toString();
            buffer.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    buffer.append('"');
                }
                if (c != 0) { // PostgreSQL text cannot hold NUL
                    buffer.append(c);
                }
            }
            buffer.append('"');
        }

        private void flush() {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            buffer.setLength(0);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw failure("COPY into " + table, e);
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
                flush();
                copy.endCopy();
            } catch (SQLException e) {
                throw failure("COPY into " + table, e);
            } finally {
                try {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                } catch (SQLException e) {
                    // already failing; the COPY error above is the one to report
                }
                endBulkWrite();
            }
        }
    }
}
