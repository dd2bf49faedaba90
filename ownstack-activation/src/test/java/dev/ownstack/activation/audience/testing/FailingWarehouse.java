package dev.ownstack.activation.audience.testing;

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

/**
 * A real warehouse that fails the first statement starting with a given text, as an engine that
 * dies halfway through a unit of work would; everything else goes to the real one.
 */
public final class FailingWarehouse implements Warehouse {
    private final Warehouse delegate;
    private final String failingPrefix;
    private boolean failed;

    public FailingWarehouse(Warehouse delegate, String failingPrefix) {
        this.delegate = delegate;
        this.failingPrefix = failingPrefix;
    }

    public boolean failed() {
        return failed;
    }

    private void check(String sql) {
        if (!failed && sql.startsWith(failingPrefix)) {
            failed = true;
            throw new OwnstackException(ErrorCode.WAREHOUSE_FAILED, "test failure at: " + sql);
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
    public Warehouse openSibling() {
        return delegate.openSibling();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
