package dev.ownstack.warehouse;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.TableName;
import java.util.List;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

/**
 * A connection to the project's warehouse. One instance holds one engine connection; calls from
 * several threads are serialised, and the connection does one thing at a time: while a query
 * streams to a {@link RowHandler} or a {@link RowWriter} is open, any other call fails at once.
 * {@link #inTransaction(TransactionBody)} makes the calls inside it one atomic unit (nested calls
 * join the outer transaction). An engine failure surfaces as an {@code OwnstackException} of kind
 * EXTERNAL (WAREHOUSE_FAILED, or WAREHOUSE_BUSY when another session holds what it needs) naming
 * the engine and the statement, never a secret; a broken contract (a value of the wrong type, a
 * call from inside a handler) is INTERNAL. The values read and written are described in
 * {@link RowHandler} and {@link ColumnValues}; docs/WAREHOUSE.md has the whole picture.
 */
public interface Warehouse extends AutoCloseable {

    SqlDialect dialect();

    /** Runs one statement with bound parameters and returns the update count (0 for DDL). */
    long execute(String sql, Object... parameters);

    /**
     * Streams the rows of a query to the handler, without holding the result in memory. The
     * handler must not call this warehouse; open a second one to write while reading.
     */
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

    /**
     * Opens the bulk path into an existing table for the given columns (a subset, any order; the
     * others are NULL). Until the writer is closed, other calls on this warehouse fail at once.
     */
    RowWriter append(TableName table, List<String> columns);

    /**
     * Upserts every row of {@code source} into {@code target} by the key columns (which must be
     * among {@code columns}); returns rows updated plus rows inserted.
     */
    long merge(TableName target, TableName source, List<String> columns, List<String> keyColumns);

    /**
     * Runs the body in one transaction: committed when it returns, rolled back when it throws (the
     * body's exception reaches the caller unchanged) or when a statement inside it failed, even if
     * the body caught that failure.
     */
    <T> T inTransaction(TransactionBody<T> body);

    /**
     * Makes a Java function of two texts callable in this database's SQL as {@code name(a, b)},
     * returning text, where the engine runs in this JVM (embedded DuckDB): NULL arguments give NULL
     * without a call. The engine calls it on its own threads, in parallel. The function belongs to
     * the database, not the connection, and replaces an earlier one of the same name, so a name
     * should stand for one behaviour. Returns false, defining nothing, where the engine cannot.
     */
    default boolean defineTextFunction(String name, BinaryOperator<String> function) {
        return false;
    }

    /**
     * Runs the body with the dialect's {@link SqlDialect#unorderedWrites()} in force: the tables it
     * writes may hold their rows in any order, which a bulk rebuild writes faster. The setting is
     * undone when the body returns or throws (a failure to undo it is added to the body's).
     */
    default <T> T inAnyRowOrder(Supplier<T> body) {
        dialect().unorderedWrites().forEach(this::execute);
        T result;
        try {
            result = body.get();
        } catch (RuntimeException e) {
            try {
                dialect().orderedWrites().forEach(this::execute);
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
        dialect().orderedWrites().forEach(this::execute);
        return result;
    }

    /**
     * Runs the body with the input's row order kept (a statement numbering rows as they come
     * needs it to give the same numbers every time), then returns to any row order. Only inside
     * {@link #inAnyRowOrder}.
     */
    default void inInputRowOrder(Runnable body) {
        dialect().orderedWrites().forEach(this::execute);
        try {
            body.run();
        } finally {
            dialect().unorderedWrites().forEach(this::execute);
        }
    }

    /**
     * Another connection to the same database, for writing while this one streams a query (an
     * in-memory DuckDB included). It has its own transactions; the caller closes it.
     */
    Warehouse openSibling();

    @Override
    void close();

    /** Work done inside a transaction. */
    @FunctionalInterface
    interface TransactionBody<T> {
        T run(Warehouse warehouse);
    }
}
