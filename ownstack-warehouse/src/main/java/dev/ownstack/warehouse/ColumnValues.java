package dev.ownstack.warehouse;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The Java values a column of each logical type takes on the bulk path, turned into one canonical
 * value per type. Both engines' writers go through here, so a row that loads into DuckDB loads
 * the same way into PostgreSQL and a wrong value fails on both, before it reaches the engine.
 *
 * <p>Widening follows {@link ColumnType#widen}: integers go into DOUBLE and DECIMAL columns, a date
 * into a TIMESTAMP column (at midnight), a local timestamp into a TIMESTAMPTZ column (as UTC). Any
 * value goes into a STRING column as its text. Text never goes into a typed column: parsing is the
 * caller's job, where the rejected value can be reported.
 */
public final class ColumnValues {
    /** Decimal places of a DECIMAL column: the dialects create DECIMAL(38, 9). */
    public static final int DECIMAL_SCALE = 9;

    private ColumnValues() {
    }

    /**
     * The canonical value of {@code value} for a column of {@code type}: String, Long, Double,
     * BigDecimal (scale {@link #DECIMAL_SCALE}), Boolean, LocalDate, LocalDateTime or OffsetDateTime
     * at UTC; null stays null.
     *
     * @throws OwnstackException INTERNAL when the value does not suit the column
     */
    public static Object canonical(ColumnType type, Object value, String column) {
        if (value == null) {
            return null;
        }
        Object result = switch (type) {
            case STRING -> text(value);
            case JSON -> value instanceof String || value instanceof Number || value instanceof Boolean ? value.toString() : null;
            case BIGINT -> wholeNumber(value);
            case DOUBLE -> value instanceof Number number ? Double.valueOf(number.doubleValue()) : null;
            case DECIMAL -> decimal(value);
            case BOOLEAN -> value instanceof Boolean ? value : null;
            case DATE -> value instanceof LocalDate ? value : null;
            case TIMESTAMP -> value instanceof LocalDateTime ? value
                    : value instanceof LocalDate date ? date.atStartOfDay() : null;
            case TIMESTAMPTZ -> instant(value);
        };
        if (result == null) {
            throw new OwnstackException(ErrorCode.INTERNAL, "column " + column + " of type " + type.configName()
                    + " cannot take a " + value.getClass().getSimpleName() + " (" + abbreviate(value) + ")");
        }
        return result;
    }

    private static String text(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Instant || value instanceof ZonedDateTime || value instanceof OffsetDateTime) {
            return instant(value).toString();
        }
        return value.toString();
    }

    private static Long wholeNumber(Object value) {
        if (value instanceof Long number) {
            return number;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        try {
            if (value instanceof BigInteger number) {
                return number.longValueExact();
            }
            if (value instanceof BigDecimal number) {
                return number.longValueExact();
            }
        } catch (ArithmeticException e) {
            return null;
        }
        return null;
    }

    private static BigDecimal decimal(Object value) {
        BigDecimal decimal;
        if (value instanceof BigDecimal number) {
            decimal = number;
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            decimal = BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger number) {
            decimal = new BigDecimal(number);
        } else if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            decimal = new BigDecimal(value.toString());
        } else {
            return null;
        }
        // both engines round half away from zero when a value has more places than the column
        return decimal.setScale(DECIMAL_SCALE, RoundingMode.HALF_UP);
    }

    private static OffsetDateTime instant(Object value) {
        if (value instanceof OffsetDateTime timestamp) {
            return timestamp.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof ZonedDateTime timestamp) {
            return timestamp.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime timestamp) {
            return timestamp.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay().atOffset(ZoneOffset.UTC);
        }
        return null;
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
