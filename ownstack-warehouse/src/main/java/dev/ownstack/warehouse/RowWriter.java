package dev.ownstack.warehouse;

/**
 * The bulk path into a table (DuckDB's Appender, PostgreSQL's COPY). Rows are written in the
 * column order given when the writer was opened, one value per column. Each value must suit its
 * column's type as {@link ColumnValues} describes (a Long for BIGINT, a LocalDate for DATE, JSON as
 * its text, null anywhere); a value that does not, or a row of the wrong width, fails with an
 * INTERNAL error before any of that row is written. Rows become visible on {@link #close()},
 * inside the enclosing transaction if there is one. Not thread-safe: one writer belongs to one
 * thread, which must close it before using the warehouse again.
 */
public interface RowWriter extends AutoCloseable {
    void write(Object[] row);

    /** Rows written so far. */
    long rowCount();

    /** Flushes the remaining rows into the table. */
    @Override
    void close();
}
