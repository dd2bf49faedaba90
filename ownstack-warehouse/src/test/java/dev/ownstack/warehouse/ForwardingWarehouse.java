package dev.ownstack.warehouse;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.TableName;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;

/**
 * A real warehouse behind a wrapper for tests: it forwards everything, fails the statements
 * matching a predicate (an append counts as {@code "append into <table>"}) as an engine that dies
 * halfway through a unit of work would, and, when told, leaves the real one open when closed (an
 * in-memory database must outlive each user of it).
 */
public final class ForwardingWarehouse implements Warehouse {
    private final Warehouse delegate;
    private final boolean closesDelegate;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile Predicate<String> failOn = sql -> false;

    public ForwardingWarehouse(Warehouse delegate, boolean closesDelegate) {
        this.delegate = delegate;
        this.closesDelegate = closesDelegate;
    }

    /** Fails the statements matching {@code failOn} until told otherwise. */
    public ForwardingWarehouse failOn(Predicate<String> failOn) {
        this.failOn = failOn;
        return this;
    }

    /** Fails the first statement that starts with {@code prefix}, and no other. */
    public ForwardingWarehouse failOnceOn(String prefix) {
        return failOn(sql -> failures.get() == 0 && sql.startsWith(prefix));
    }

    /** How many statements were failed. */
    public int failures() {
        return failures.get();
    }

    private void check(String sql) {
        if (failOn.test(sql)) {
            failures.incrementAndGet();
            throw new OwnstackException(ErrorCode.WAREHOUSE_FAILED, "simulated failure before: " + sql);
        }
    }

    @Override
    public SqlDialect dialect() {
        return delegate.dialect();
    }

    @Override
    public long execute(String sql, Object... parameters) {
        check(sql);
        return delegate.execute(sql, parameters);
    }

    @Override
    public void query(String sql, List<?> parameters, RowHandler handler) {
        check(sql);
        delegate.query(sql, parameters, handler);
    }

    @Override
    public QueryResult queryAll(String sql, Object... parameters) {
        check(sql);
        return delegate.queryAll(sql, parameters);
    }

    @Override
    public Optional<List<Column>> describe(TableName table) {
        return delegate.describe(table);
    }

    @Override
    public List<Column> ensureTable(TableName table, List<Column> columns, List<String> primaryKey) {
        return delegate.ensureTable(table, columns, primaryKey);
    }

    @Override
    public RowWriter append(TableName table, List<String> columns) {
        check("append into " + table);
        return delegate.append(table, columns);
    }

    @Override
    public long merge(TableName target, TableName source, List<String> columns, List<String> keyColumns) {
        return delegate.merge(target, source, columns, keyColumns);
    }

    @Override
    public <T> T inTransaction(TransactionBody<T> body) {
        // statements the body runs through this wrapper reach the delegate inside its transaction
        return delegate.inTransaction(inner -> body.run(this));
    }

    @Override
    public boolean defineTextFunction(String name, BinaryOperator<String> function) {
        return delegate.defineTextFunction(name, function);
    }

    @Override
    public Warehouse openSibling() {
        return delegate.openSibling();
    }

    @Override
    public void close() {
        if (closesDelegate) {
            delegate.close();
        }
    }
}
