package dev.ownstack.ingest.events;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.QueryResult;
import dev.ownstack.warehouse.RowHandler;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A warehouse handed to the loader that forwards to another one: it leaves the other open when
 * closed (an in-memory database must outlive each batch), and can fail the first statement
 * matching a predicate, as a crash in the middle of a load would.
 */
final class SharedWarehouse implements Warehouse {
    private final Warehouse delegate;
    private final boolean closesDelegate;
    private volatile Predicate<String> failOn = sql -> false;

    SharedWarehouse(Warehouse delegate, boolean closesDelegate) {
        this.delegate = delegate;
        this.closesDelegate = closesDelegate;
    }

    /** Fails the statements matching {@code failOn} until told otherwise. */
    void failOn(Predicate<String> failOn) {
        this.failOn = failOn;
    }

    private void check(String sql) {
        if (failOn.test(sql)) {
            throw new OwnstackException(ErrorCode.WAREHOUSE_FAILED, "simulated crash before: " + sql);
        }
    }

    @Override
    public Warehouse openSibling() {
        return delegate.openSibling();
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
        return delegate.inTransaction(inner -> body.run(this));
    }

    @Override
    public void close() {
        if (closesDelegate) {
            delegate.close();
        }
    }
}
