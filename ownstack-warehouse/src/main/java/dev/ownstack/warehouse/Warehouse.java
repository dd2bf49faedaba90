package dev.ownstack.warehouse;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.TableName;
import java.util.List;
import java.util.Optional;

/**
 * A connection to the project's warehouse. One instance holds one engine connection; calls from
 * several threads are serialised. {@link #inTransaction(TransactionBody)} makes the calls inside it
 * one atomic unit (nested calls join the outer transaction). Every failure surfaces as an
 * {@code OwnstackException} of kind EXTERNAL that names the statement's purpose, never a secret.
 */
public interface Warehouse extends AutoCloseable {

    SqlDialect dialect();

    /** Runs one statement with bound parameters and returns the update count (0 for DDL). */
    long execute(String sql, Object... parameters);

    /** Streams the rows of a query to the handler, without holding the result in memory. */
    void query(String sql, List<?> parameters, RowHandler handler);

    /** Runs a query and returns all its rows; for small results only. */
    QueryResult queryAll(String sql, Object... parameters);

    /** The table's columns in order, or empty when it does not exist. */
    Optional<List<Column>> describe(TableName table);

    /**
     * Creates the table (and its schema) when missing, otherwise adds the columns it lacks:
     * schema evolution when a source gains columns. Existing columns keep their type. Returns the
     * table's columns afterwards.
     */
    List<Column> ensureTable(TableName table, List<Column> columns, List<String> primaryKey);

    /** Opens the bulk path into an existing table for the given columns (a subset, any order). */
    RowWriter append(TableName table, List<String> columns);

    /** Upserts every row of {@code source} into {@code target} by the key columns. */
    long merge(TableName target, TableName source, List<String> columns, List<String> keyColumns);

    /** Runs the body in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(TransactionBody<T> body);

    @Override
    void close();

    /** Work done inside a transaction. */
    @FunctionalInterface
    interface TransactionBody<T> {
        T run(Warehouse warehouse);
    }
}
