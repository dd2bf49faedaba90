package dev.ownstack.warehouse;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The JDBC plumbing both engines share: statements with bound parameters, streaming reads,
 * transactions, catalog lookups and DDL through the dialect. Engines add their bulk path.
 *
 * <p>One connection serves one thing at a time: while a query streams to a {@link RowHandler} or a
 * {@link RowWriter} is open, any other call on this warehouse fails at once with an INTERNAL error
 * (DuckDB cannot run a statement while a streamed result is open, PostgreSQL none while a COPY
 * runs; refusing on both keeps the engines interchangeable).
 */
public abstract class JdbcWarehouse implements Warehouse {
    private static final int FETCH_SIZE = 10_000;
    private static final int MAX_STATEMENT_IN_MESSAGE = 200;
    /** How often {@link #ensureTable} tries when another connection creates the same table at once. */
    private static final int ENSURE_ATTEMPTS = 5;

    protected final Connection connection;
    private final SqlDialect dialect;
    private final ReentrantLock lock = new ReentrantLock();
    private int transactionDepth;
    /** What holds the connection (a streamed query, an open writer), or null when it is free. */
    private String busyWith;
    /** The first failure inside the open transaction, which can then only roll back. */
    private String abortedBy;

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
        try (PreparedStatement statement = prepare(sql)) {
            bind(statement, Arrays.asList(parameters));
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
        try {
            requireFree(sql);
            // PostgreSQL streams with a fetch size only inside a transaction; elsewhere it is harmless
            if (transactionDepth == 0 && streamsOnlyInTransaction()) {
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
        try (PreparedStatement statement = prepare(sql)) {
            statement.setFetchSize(FETCH_SIZE);
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                ResultSetMetaData meta = rows.getMetaData();
                int count = meta.getColumnCount();
                List<ResultColumn> columns = new ArrayList<>(count);
                ResultValues.Reader[] readers = new ResultValues.Reader[count];
                for (int i = 1; i <= count; i++) {
                    columns.add(new ResultColumn(meta.getColumnLabel(i), String.valueOf(meta.getColumnTypeName(i))));
                    readers[i - 1] = ResultValues.reader(meta, i);
                }
                busyWith = "streaming the rows of: " + abbreviate(sql);
                try {
                    handler.columns(columns);
                    while (rows.next()) {
                        Object[] values = new Object[count];
                        for (int i = 0; i < count; i++) {
                            values[i] = readers[i].read(rows, i + 1);
                        }
                        handler.row(values);
                    }
                } finally {
                    busyWith = null;
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
        query(sql, Arrays.asList(parameters), collector);
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

    /**
     * Idempotent, so a conflict with another connection creating the same schema or table at the
     * same moment (DuckDB: a catalog write-write conflict, WAREHOUSE_BUSY) is retried a few times:
     * by then the other connection's table exists and is found. Not retried inside a caller's
     * transaction.
     */
    @Override
    public List<Column> ensureTable(TableName table, List<Column> columns, List<String> primaryKey) {
        requireNames(columns.stream().map(Column::name).toList(), primaryKey, "ensure table " + table, "primary key");
        // inside a caller's transaction a conflict has rolled that transaction back: nothing to retry here
        boolean nested = transactionDepth > 0;
        for (int attempt = 1; ; attempt++) {
            try {
                return ensureTableOnce(table, columns, primaryKey);
            } catch (OwnstackException e) {
                if (e.code() != ErrorCode.WAREHOUSE_BUSY || attempt == ENSURE_ATTEMPTS || nested) {
                    throw e;
                }
                try {
                    Thread.sleep(20L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private List<Column> ensureTableOnce(TableName table, List<Column> columns, List<String> primaryKey) {
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
        String what = "merge " + source + " into " + target;
        if (keyColumns.isEmpty()) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot " + what + ": no key columns");
        }
        requireNames(columns, keyColumns, what, "key");
        return execute(dialect.mergeFrom(target, source, columns, keyColumns));
    }

    /**
     * The bulk path's target columns: the table's columns named by {@code names}, in that order and
     * spelt as the catalog spells them (names match ignoring case, as unquoted SQL would).
     */
    protected List<Column> targetColumns(TableName table, List<String> names) {
        String what = "write into " + table;
        if (names.isEmpty()) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot " + what + ": no columns given");
        }
        requireNames(names, List.of(), what, "");
        List<Column> tableColumns = describe(table).orElseThrow(() -> new OwnstackException(ErrorCode.WAREHOUSE_FAILED,
                dialect.name() + " cannot " + what + ": the table does not exist"));
        List<Column> targets = new ArrayList<>(names.size());
        for (String name : names) {
            Column column = tableColumns.stream().filter(c -> c.name().equals(name)).findFirst()
                    .or(() -> tableColumns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst())
                    .orElseThrow(() -> new OwnstackException(ErrorCode.WAREHOUSE_FAILED, dialect.name() + " cannot " + what
                            + ": it has no column " + name + " (it has " + tableColumns.stream().map(Column::name).toList() + ")"));
            targets.add(column);
        }
        return targets;
    }

    private static void requireNames(List<String> columns, List<String> subset, String what, String role) {
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (!seen.add(column.toLowerCase(Locale.ROOT))) {
                throw new OwnstackException(ErrorCode.INTERNAL, "cannot " + what + ": column " + column + " is listed twice");
            }
        }
        for (String key : subset) {
            if (!seen.contains(key.toLowerCase(Locale.ROOT))) {
                throw new OwnstackException(ErrorCode.INTERNAL, "cannot " + what + ": " + role + " column " + key
                        + " is not among the columns " + columns);
            }
        }
    }

    @Override
    public <T> T inTransaction(TransactionBody<T> body) {
        lock.lock();
        try {
            requireFree("BEGIN");
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
            abortedBy = null;
            boolean committed = false;
            try {
                T result = body.run(this);
                if (abortedBy != null) {
                    // PostgreSQL aborts a transaction at its first error and DuckDB at most; a body
                    // that caught the failure and returned must not believe its work committed
                    throw new OwnstackException(ErrorCode.WAREHOUSE_FAILED, dialect.name()
                            + " rolled back the transaction: a statement inside it failed (" + abortedBy + ")");
                }
                connection.commit();
                committed = true;
                return result;
            } catch (SQLException e) {
                throw failure("COMMIT", e);
            } finally {
                transactionDepth = 0;
                abortedBy = null;
                if (!committed) {
                    rollbackQuietly();
                }
                restoreAutoCommit();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Opens a transaction on the connection; engines that begin lazily start it here at once. */
    protected void begin() {
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

    /**
     * Takes the connection for a bulk writer until {@link #endBulkWrite()}: the caller's thread
     * keeps the lock and every other call fails fast until the writer is closed.
     */
    protected void beginBulkWrite(TableName table) {
        lock.lock();
        try {
            requireFree("bulk write into " + table);
        } catch (RuntimeException e) {
            lock.unlock();
            throw e;
        }
        busyWith = "an open RowWriter into " + table;
    }

    protected void endBulkWrite() {
        busyWith = null;
        lock.unlock();
    }

    private void requireFree(String what) {
        if (busyWith != null) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot run " + abbreviate(what) + " while " + busyWith
                    + " on the same warehouse: a RowHandler must not call its warehouse, and a RowWriter must be closed first");
        }
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        requireFree(sql);
        return connection.prepareStatement(sql);
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

    protected OwnstackException failure(String sql, SQLException e) {
        String message = dialect.name() + " failed: " + firstLine(e.getMessage()) + " (while running: " + abbreviate(sql) + ")";
        if (transactionDepth > 0 && abortedBy == null) {
            abortedBy = message;
        }
        ErrorCode code = isBusy(e) ? ErrorCode.WAREHOUSE_BUSY
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

    /** Whether the engine refused because another session holds what the statement needs. */
    protected boolean isBusy(SQLException e) {
        return false;
    }

    private static String abbreviate(String sql) {
        return sql.length() > MAX_STATEMENT_IN_MESSAGE ? sql.substring(0, MAX_STATEMENT_IN_MESSAGE) + "..." : sql;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
