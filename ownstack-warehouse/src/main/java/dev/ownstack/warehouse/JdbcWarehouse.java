package dev.ownstack.warehouse;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.TableName;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The JDBC plumbing both engines share: statements with bound parameters, streaming reads,
 * transactions, catalog lookups and DDL through the dialect. Engines add their bulk path.
 */
public abstract class JdbcWarehouse implements Warehouse {
    private static final int FETCH_SIZE = 10_000;

    protected final Connection connection;
    private final SqlDialect dialect;
    private final ReentrantLock lock = new ReentrantLock();
    private int transactionDepth;

    protected JdbcWarehouse(Connection connection, SqlDialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    @Override
    public SqlDialect dialect() {
        return dialect;
    }

    @Override
    public long execute(String sql, Object... parameters) {
        lock.lock();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, List.of(parameters));
            statement.execute();
            long count = statement.getLargeUpdateCount();
            return Math.max(count, 0);
        } catch (SQLException e) {
            throw failure(sql, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void query(String sql, List<?> parameters, RowHandler handler) {
        lock.lock();
        // PostgreSQL streams with a fetch size only inside a transaction; elsewhere it is harmless
        boolean wrap = transactionDepth == 0 && streamsOnlyInTransaction();
        try {
            if (wrap) {
                inTransaction(warehouse -> {
                    runQuery(sql, parameters, handler);
                    return null;
                });
            } else {
                runQuery(sql, parameters, handler);
            }
        } finally {
            lock.unlock();
        }
    }

    private void runQuery(String sql, List<?> parameters, RowHandler handler) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(FETCH_SIZE);
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                ResultSetMetaData meta = rows.getMetaData();
                int count = meta.getColumnCount();
                List<ResultColumn> columns = new ArrayList<>(count);
                for (int i = 1; i <= count; i++) {
                    columns.add(new ResultColumn(meta.getColumnLabel(i), String.valueOf(meta.getColumnTypeName(i))));
                }
                handler.columns(columns);
                while (rows.next()) {
                    Object[] values = new Object[count];
                    for (int i = 0; i < count; i++) {
                        values[i] = normalise(rows.getObject(i + 1));
                    }
                    handler.row(values);
                }
            }
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** Whether the driver needs an open transaction to stream a result in chunks. */
    protected boolean streamsOnlyInTransaction() {
        return false;
    }

    @Override
    public QueryResult queryAll(String sql, Object... parameters) {
        QueryResult.Collector collector = new QueryResult.Collector();
        query(sql, List.of(parameters), collector);
        return collector.result();
    }

    @Override
    public Optional<List<Column>> describe(TableName table) {
        QueryResult result = queryAll(dialect.describeTable(), table.schema(), table.name());
        if (result.rows().isEmpty()) {
            return Optional.empty();
        }
        List<Column> columns = new ArrayList<>();
        for (Object[] row : result.rows()) {
            columns.add(new Column((String) row[0], dialect.logicalType((String) row[1])));
        }
        return Optional.of(columns);
    }

    @Override
    public List<Column> ensureTable(TableName table, List<Column> columns, List<String> primaryKey) {
        return inTransaction(warehouse -> {
            Optional<List<Column>> existing = describe(table);
            if (existing.isEmpty()) {
                execute(dialect.createSchemaIfNotExists(table.schema()));
                execute(dialect.createTableIfNotExists(table, columns, primaryKey));
                return describe(table).orElseThrow();
            }
            List<Column> present = new ArrayList<>(existing.get());
            for (Column column : columns) {
                boolean known = present.stream().anyMatch(c -> c.name().equalsIgnoreCase(column.name()));
                if (!known) {
                    execute(dialect.addColumn(table, column));
                    present.add(column);
                }
            }
            return present;
        });
    }

    @Override
    public long merge(TableName target, TableName source, List<String> columns, List<String> keyColumns) {
        return execute(dialect.mergeFrom(target, source, columns, keyColumns));
    }

    @Override
    public <T> T inTransaction(TransactionBody<T> body) {
        lock.lock();
        try {
            if (transactionDepth > 0) {
                transactionDepth++;
                try {
                    return body.run(this);
                } finally {
                    transactionDepth--;
                }
            }
            begin();
            transactionDepth = 1;
            boolean committed = false;
            try {
                T result = body.run(this);
                connection.commit();
                committed = true;
                return result;
            } catch (SQLException e) {
                throw failure("COMMIT", e);
            } finally {
                transactionDepth = 0;
                if (!committed) {
                    rollbackQuietly();
                }
                restoreAutoCommit();
            }
        } finally {
            lock.unlock();
        }
    }

    private void begin() {
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw failure("BEGIN", e);
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the original failure is what the caller needs; a failed rollback means the
            // connection is gone, which the next statement reports on its own
        }
    }

    private void restoreAutoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw failure("SET AUTOCOMMIT", e);
        }
    }

    protected boolean inTransaction() {
        return transactionDepth > 0;
    }

    protected void lock() {
        lock.lock();
    }

    protected void unlock() {
        lock.unlock();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close connection", e);
        } finally {
            lock.unlock();
        }
    }

    private static void bind(PreparedStatement statement, List<?> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof Instant instant) {
                value = instant.atOffset(ZoneOffset.UTC);
            }
            statement.setObject(i + 1, value);
        }
    }

    private static Object normalise(Object value) {
        if (value == null || value instanceof String || value instanceof Number && !(value instanceof BigInteger)
                || value instanceof Boolean) {
            return value;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof OffsetDateTime || value instanceof java.time.LocalDateTime || value instanceof java.time.LocalDate) {
            return value;
        }
        if (value instanceof BigInteger big) {
            return new java.math.BigDecimal(big);
        }
        return value.toString();
    }

    protected OwnstackException failure(String sql, SQLException e) {
        String statement = sql.length() > 200 ? sql.substring(0, 200) + "..." : sql;
        String message = dialect.name() + " failed: " + firstLine(e.getMessage()) + " (while running: " + statement + ")";
        ErrorCode code = isLockConflict(e) ? ErrorCode.WAREHOUSE_BUSY
                : isInvalidQuery(e) ? ErrorCode.QUERY_INVALID : ErrorCode.WAREHOUSE_FAILED;
        return new OwnstackException(code, message, e);
    }

    /**
     * Whether the engine refused the statement itself: SQLSTATE class 42 (syntax error or access
     * rule violation) on PostgreSQL; parser, binder and catalog errors on DuckDB.
     */
    static boolean isInvalidQuery(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("42")) {
            return true;
        }
        String message = String.valueOf(e.getMessage());
        return message.startsWith("Parser Error") || message.startsWith("Binder Error") || message.startsWith("Catalog Error");
    }

    static boolean isLockConflict(SQLException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("could not set lock") || message.contains("conflicting lock");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
