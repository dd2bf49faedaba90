package dev.ownstack.insights.metrics;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The answer of a metric: column names and rows of values ready for JSON, the same on every engine: whole numbers
 * are {@code Long}, decimals {@code BigDecimal} without trailing zeros, dates and times ISO-8601 text, text as is;
 * a value may be null (a list element, never a row).
 */
public record MetricResult(String metric, List<String> columns, List<List<Object>> rows) {
    public MetricResult {
        Objects.requireNonNull(metric, "metric");
        columns = List.copyOf(columns);
        List<List<Object>> copied = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a row of " + metric + " has " + row.size() + " values for " + columns.size() + " columns");
            }
            copied.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copied);
    }

    static MetricResult empty(Metric metric) {
        return new MetricResult(metric.name(), metric.columnNames(), List.of());
    }

    /** Rows as the warehouse returned them, each value normalised. */
    static MetricResult of(Metric metric, List<Object[]> rows) {
        List<List<Object>> normalised = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            List<Object> values = new ArrayList<>(row.length);
            for (Object value : row) {
                values.add(normalise(value));
            }
            normalised.add(values);
        }
        return new MetricResult(metric.name(), metric.columnNames(), normalised);
    }

    static Object normalise(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < Long.SIZE ? (Object) big.longValue() : new BigDecimal(big);
        }
        if (value instanceof BigDecimal decimal) {
            BigDecimal stripped = decimal.stripTrailingZeros();
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }
        if (value instanceof Float number) {
            return number.doubleValue();
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof LocalDateTime time) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time);
        }
        if (value instanceof OffsetDateTime time) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
        }
        return value.toString();
    }
}
