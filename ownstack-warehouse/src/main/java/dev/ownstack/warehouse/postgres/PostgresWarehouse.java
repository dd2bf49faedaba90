package dev.ownstack.warehouse.postgres;

import dev.ownstack.core.config.WarehouseConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.JdbcWarehouse;
import dev.ownstack.warehouse.RowWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** A PostgreSQL server. The bulk path is {@code COPY ... FROM STDIN} in CSV format. */
public final class PostgresWarehouse extends JdbcWarehouse {
    private static final int COPY_BUFFER = 1 << 16;

    private PostgresWarehouse(Connection connection) {
        super(connection, PostgresDialect.INSTANCE);
    }

    /** Connects; the password goes to the driver as a property, never into the URL or a message. */
    public static PostgresWarehouse connect(WarehouseConfig.Postgres config) {
        Properties properties = new Properties();
        properties.setProperty("user", config.user());
        config.password().ifPresent(password -> properties.setProperty("password", password.reveal()));
        properties.setProperty("ApplicationName", "ownstack");
        properties.setProperty("reWriteBatchedInserts", "true");
        try {
            return new PostgresWarehouse(DriverManager.getConnection(config.jdbcUrl(), properties));
        } catch (SQLException e) {
            throw new OwnstackException(ErrorCode.WAREHOUSE_FAILED, "cannot connect to PostgreSQL at " + config.host() + ":" + config.port()
                    + "/" + config.database() + " as " + config.user() + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected boolean streamsOnlyInTransaction() {
        return true;
    }

    @Override
    public RowWriter append(TableName table, List<String> columns) {
        if (columns.isEmpty()) {
            throw new OwnstackException(ErrorCode.INTERNAL, "COPY into " + table + " needs at least one column");
        }
        String sql = "COPY " + dialect().table(table) + " (" + columns.stream().map(dialect()::quote).collect(Collectors.joining(", "))
                + ") FROM STDIN WITH (FORMAT csv)";
        lock();
        try {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            return new CopyWriter(copy, table, columns.size());
        } catch (SQLException e) {
            unlock();
            throw failure(sql, e);
        }
    }

    /** Encodes rows as CSV: null is an unquoted empty field, every text is quoted so '' stays ''. */
    private final class CopyWriter implements RowWriter {
        private final CopyIn copy;
        private final TableName table;
        private final int width;
        private final StringBuilder buffer = new StringBuilder(COPY_BUFFER + 4096);
        private long rows;
        private boolean closed;

        CopyWriter(CopyIn copy, TableName table, int width) {
            this.copy = copy;
            this.table = table;
            this.width = width;
        }

        @Override
        public void write(Object[] row) {
            for (int i = 0; i < width; i++) {
                if (i > 0) {
                    buffer.append(',');
                }
                encode(row[i]);
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
            if (value instanceof Number || value instanceof Boolean) {
                buffer.append(value);
                return;
            }
            String text = value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC).toString()
                    : value instanceof OffsetDateTime timestamp ? timestamp.toString() : value.toString();
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
                unlock();
            }
        }
    }
}
