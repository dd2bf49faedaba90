package dev.ownstack.server;

import dev.ownstack.core.table.Column;
import dev.ownstack.warehouse.QueryResult;
import dev.ownstack.warehouse.RowHandler;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

/**
 * The warehouses of the server's requests. Each request opens its own and closes it, so that
 * {@code ownstack} commands can use a DuckDB file between requests. For DuckDB, while any request
 * holds the file, and for {@link #IDLE} after the last one, one more connection keeps the database
 * open: requests that overlap share one database in this process, and no request opens the file
 * while another closes the last connection to it (DuckDB refuses that with "Unique file handle
 * conflict", or the opening request reads a file being checkpointed). Opening and closing are
 * serialised; the work in between runs in parallel. Other warehouses pass through unchanged.
 */
final class SharedWarehouses implements Supplier<Warehouse>, AutoCloseable {
    /** How long the database stays open after the last request, so that a burst of requests opens it once. */
    static final Duration IDLE = Duration.ofSeconds(2);

    private final Supplier<Warehouse> open;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ownstack-warehouse-keeper");
        thread.setDaemon(true);
        return thread;
    });
    private Warehouse keeper;
    private int active;
    private ScheduledFuture<?> release;
    private boolean closed;

    SharedWarehouses(Supplier<Warehouse> open) {
        this.open = open;
    }

    @Override
    public synchronized Warehouse get() {
        Warehouse warehouse = open.get();
        if (!(warehouse instanceof DuckDbWarehouse) || closed) {
            return warehouse;
        }
        if (keeper == null) {
            keeper = open.get();
        }
        if (release != null) {
            release.cancel(false);
            release = null;
        }
        active++;
        return new Held(warehouse);
    }

    /** Whether the database is held open now (for tests). */
    synchronized boolean holding() {
        return keeper != null;
    }

    private synchronized void released(Warehouse warehouse) {
        try {
            warehouse.close();
        } finally {
            active--;
            if (active == 0 && closed) {
                closeKeeper();
            } else if (active == 0) {
                release = timer.schedule(this::releaseIfIdle, IDLE.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private synchronized void releaseIfIdle() {
        if (active == 0) {
            closeKeeper();
        }
    }

    private void closeKeeper() {
        if (keeper != null) {
            Warehouse held = keeper;
            keeper = null;
            held.close();
        }
    }

    /** Lets the database go once the requests holding it are done (they keep working until then). */
    @Override
    public synchronized void close() {
        closed = true;
        timer.shutdownNow();
        if (active == 0) {
            closeKeeper();
        }
    }

    /** A request's warehouse: its close is counted. */
    private final class Held implements Warehouse {
        private final Warehouse warehouse;
        private boolean done;

        Held(Warehouse warehouse) {
            this.warehouse = warehouse;
        }

        @Override
        public SqlDialect dialect() {
            return warehouse.dialect();
        }

        @Override
        public long execute(String sql, Object... parameters) {
            return warehouse.execute(sql, parameters);
        }

        @Override
        public void query(String sql, List<?> parameters, RowHandler handler) {
            warehouse.query(sql, parameters, handler);
        }

        @Override
        public QueryResult queryAll(String sql, Object... parameters) {
            return warehouse.queryAll(sql, parameters);
        }

        @Override
        public Optional<List<Column>> describe(TableName table) {
            return warehouse.describe(table);
        }

        @Override
        public List<Column> ensureTable(TableName table, List<Column> columns, List<String> primaryKey) {
            return warehouse.ensureTable(table, columns, primaryKey);
        }

        @Override
        public RowWriter append(TableName table, List<String> columns) {
            return warehouse.append(table, columns);
        }

        @Override
        public long merge(TableName target, TableName source, List<String> columns, List<String> keyColumns) {
            return warehouse.merge(target, source, columns, keyColumns);
        }

        @Override
        public <T> T inTransaction(TransactionBody<T> body) {
            return warehouse.inTransaction(body);
        }

        @Override
        public boolean defineTextFunction(String name, BinaryOperator<String> function) {
            return warehouse.defineTextFunction(name, function);
        }

        @Override
        public Warehouse openSibling() {
            return warehouse.openSibling();
        }

        @Override
        public void close() {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            released(warehouse);
        }
    }
}
