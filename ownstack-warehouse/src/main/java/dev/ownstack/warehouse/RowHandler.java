package dev.ownstack.warehouse;

import java.util.List;

/** Receives a query's rows one by one while they stream from the engine. */
public interface RowHandler {
    /** Called once, before the first row. */
    void columns(List<ResultColumn> columns);

    /**
     * Called per row. The array is owned by the handler. Values are JDBC objects normalised to
     * String, Long, Integer, Double, BigDecimal, Boolean, LocalDate, LocalDateTime, OffsetDateTime or null.
     */
    void row(Object[] values);
}
