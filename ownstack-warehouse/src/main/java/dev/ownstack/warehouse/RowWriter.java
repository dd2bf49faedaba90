package dev.ownstack.warehouse;

/**
 * The bulk path into a table (DuckDB's Appender, PostgreSQL's COPY). Rows are written in the
 * column order given when the writer was opened. Values are String, Long, Integer, Double,
 * BigDecimal, Boolean, LocalDate, LocalDateTime, OffsetDateTime (or Instant) or null; JSON columns
 * take their text. Rows become visible on {@link #close()}, inside the enclosing transaction if
 * there is one. Not thread-safe: one writer belongs to one thread.
 */
public interface RowWriter extends AutoCloseable {
    void write(Object[] row);

    /** Rows written so far. */
    long rowCount();

    /** Flushes the remaining rows into the table. */
    @Override
    void close();
}
