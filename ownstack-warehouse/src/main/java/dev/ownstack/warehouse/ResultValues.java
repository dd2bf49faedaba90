package dev.ownstack.warehouse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Reads result columns as the Java values {@link RowHandler} documents, the same on every engine:
 * the reader is chosen once per column from the result's metadata.
 */
final class ResultValues {
    private ResultValues() {
    }

    /** Reads one column of the current row. */
    @FunctionalInterface
    interface Reader {
        Object read(ResultSet rows, int index) throws SQLException;
    }

    static Reader reader(ResultSetMetaData meta, int index) throws SQLException {
        int type = meta.getColumnType(index);
        String typeName = String.valueOf(meta.getColumnTypeName(index)).toLowerCase(Locale.ROOT);
        // PostgreSQL's driver reports timestamptz as Types.TIMESTAMP, so the name decides
        if (type == Types.TIMESTAMP_WITH_TIMEZONE || typeName.equals("timestamptz") || typeName.equals("timestamp with time zone")) {
            return (rows, i) -> {
                OffsetDateTime value = rows.getObject(i, OffsetDateTime.class);
                return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC);
            };
        }
        if (type == Types.TIMESTAMP) {
            return (rows, i) -> rows.getObject(i, LocalDateTime.class);
        }
        if (type == Types.DATE) {
            return (rows, i) -> rows.getObject(i, LocalDate.class);
        }
        return (rows, i) -> normalise(rows.getObject(i));
    }

    private static Object normalise(Object value) {
        if (value == null || value instanceof String || value instanceof Number && !(value instanceof BigInteger)
                || value instanceof Boolean) {
            return value;
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof OffsetDateTime timestamp) {
            return timestamp.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime || value instanceof LocalDate) {
            return value;
        }
        // JSON (DuckDB's JsonNode, PostgreSQL's PGobject), UUID, intervals and the rest: their text
        return value.toString();
    }
}
