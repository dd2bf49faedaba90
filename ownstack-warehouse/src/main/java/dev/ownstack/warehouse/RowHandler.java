package dev.ownstack.warehouse;

import java.util.List;

/** Receives a query's rows one by one while they stream from the engine. */
public interface RowHandler {
    /** Called once, before the first row. */
    void columns(List<ResultColumn> columns);

    /**
     * Called per row. The array is owned by the handler. For ownstack's column types values are
     * String, Long, Double, BigDecimal, Boolean, LocalDate, LocalDateTime (TIMESTAMP),
     * OffsetDateTime at UTC (TIMESTAMPTZ) or null, and JSON comes as its text; narrower engine
     * numbers (INTEGER, REAL) keep the driver's Integer, Short or Float, and types without a Java
     * counterpart (UUID, intervals) come as their text.
     */
    void row(Object[] values);
}
