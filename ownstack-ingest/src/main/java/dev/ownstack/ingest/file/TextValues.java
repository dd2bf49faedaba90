package dev.ownstack.ingest.file;

import dev.ownstack.core.table.ColumnType;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reading typed values out of text, by hand for speed (this runs once per value loaded) and
 * strictly: what is accepted here is what type inference promises. Parsers return
 * {@link #INVALID} for text that is not of the type.
 *
 * <p>Dates are {@code yyyy-MM-dd}; timestamps add {@code HH:mm}, optional {@code :ss} and an
 * optional fraction of up to nine digits, after a space or a {@code T}; a {@code Z} or an offset
 * ({@code +01:00}, {@code +0100}, {@code +01}) makes a timestamp with time zone.
 */
final class TextValues {
    /** Returned by parsers for text that is not of the asked type. */
    static final Object INVALID = new Object();

    private TextValues() {
    }

    /** The narrowest type the text is a value of; null for blank text, which says nothing. */
    static ColumnType detect(String text, RecordReader.TextTyping typing) {
        String value = text.strip();
        if (value.isEmpty()) {
            return null;
        }
        if (typing == RecordReader.TextTyping.NONE) {
            return ColumnType.STRING;
        }
        if (typing == RecordReader.TextTyping.ANY) {
            if (looksLikeInteger(value)) {
                // beyond 64 bits a string of digits is an identifier, not a quantity
                return parseBigint(value) == INVALID ? ColumnType.STRING : ColumnType.BIGINT;
            }
            if (looksLikeDecimal(value)) {
                return ColumnType.DOUBLE;
            }
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return ColumnType.BOOLEAN;
            }
        }
        return TypeInference.valueType(parseTemporal(value));
    }

    /** An optional sign and digits, without leading zeros: "007" is a code, not the number 7. */
    private static boolean looksLikeInteger(String value) {
        int start = value.charAt(0) == '-' || value.charAt(0) == '+' ? 1 : 0;
        if (start == value.length() || (value.charAt(start) == '0' && value.length() > start + 1)) {
            return false;
        }
        for (int i = start; i < value.length(); i++) {
            if (!isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeDecimal(String value) {
        if (!isDecimalSyntax(value)) {
            return false;
        }
        int start = value.charAt(0) == '-' || value.charAt(0) == '+' ? 1 : 0;
        boolean leadingZero = value.charAt(start) == '0' && value.length() > start + 1 && isDigit(value.charAt(start + 1));
        return !leadingZero;
    }

    /** {@code [+-]digits[.digits][e[+-]digits]}, at least one digit before the exponent. */
    private static boolean isDecimalSyntax(String value) {
        int i = 0;
        int length = value.length();
        if (i < length && (value.charAt(i) == '-' || value.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        while (i < length && isDigit(value.charAt(i))) {
            i++;
            digits++;
        }
        if (i < length && value.charAt(i) == '.') {
            i++;
            while (i < length && isDigit(value.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < length && (value.charAt(i) == 'e' || value.charAt(i) == 'E')) {
            i++;
            if (i < length && (value.charAt(i) == '-' || value.charAt(i) == '+')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < length && isDigit(value.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == length;
    }

    static Object parseBigint(String text) {
        String value = text.strip();
        int length = value.length();
        if (length == 0) {
            return INVALID;
        }
        boolean negative = value.charAt(0) == '-';
        int i = negative || value.charAt(0) == '+' ? 1 : 0;
        if (i == length || length - i > 19) {
            return INVALID;
        }
        long result = 0;
        for (; i < length; i++) {
            int digit = value.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return INVALID;
            }
            // accumulate negatively so Long.MIN_VALUE fits
            if (result < (Long.MIN_VALUE + digit) / 10) {
                return INVALID;
            }
            result = result * 10 - digit;
        }
        if (!negative) {
            if (result == Long.MIN_VALUE) {
                return INVALID;
            }
            result = -result;
        }
        return result;
    }

    static Object parseDouble(String text) {
        String value = text.strip();
        if (!isDecimalSyntax(value)) {
            return INVALID;
        }
        return Double.parseDouble(value);
    }

    static Object parseDecimal(String text) {
        String value = text.strip();
        if (!isDecimalSyntax(value)) {
            return INVALID;
        }
        return new java.math.BigDecimal(value);
    }

    /** true/false, t/f, yes/no, y/n, 1/0, any case. */
    static Object parseBoolean(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "t", "yes", "y", "1" -> Boolean.TRUE;
            case "false", "f", "no", "n", "0" -> Boolean.FALSE;
            default -> INVALID;
        };
    }

    /** A LocalDate, LocalDateTime or OffsetDateTime, or INVALID. */
    static Object parseTemporal(String text) {
        String value = text.strip();
        int length = value.length();
        if (length < 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return INVALID;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 2);
        int day = digits(value, 8, 2);
        // year 0 exists in Java but not in PostgreSQL: such text is not a date anywhere
        if (year < 1 || month < 0 || day < 0) {
            return INVALID;
        }
        try {
            LocalDate date = LocalDate.of(year, month, day);
            if (length == 10) {
                return date;
            }
            char separator = value.charAt(10);
            if ((separator != ' ' && separator != 'T') || length < 16 || value.charAt(13) != ':') {
                return INVALID;
            }
            int hour = digits(value, 11, 2);
            int minute = digits(value, 14, 2);
            int second = 0;
            int nanos = 0;
            int i = 16;
            if (i < length && value.charAt(i) == ':') {
                second = digits(value, 17, 2);
                i = 19;
                if (i < length && (value.charAt(i) == '.' || value.charAt(i) == ',')) {
                    int start = ++i;
                    while (i < length && isDigit(value.charAt(i))) {
                        i++;
                    }
                    int fractionDigits = i - start;
                    if (fractionDigits == 0 || fractionDigits > 9) {
                        return INVALID;
                    }
                    nanos = digits(value, start, fractionDigits);
                    for (int scale = fractionDigits; scale < 9; scale++) {
                        nanos *= 10;
                    }
                }
            }
            if (hour < 0 || minute < 0 || second < 0 || i > length) {
                return INVALID;
            }
            LocalDateTime timestamp = LocalDateTime.of(date, java.time.LocalTime.of(hour, minute, second, nanos));
            if (i == length) {
                return timestamp;
            }
            ZoneOffset offset = offset(value, value.charAt(i) == ' ' ? i + 1 : i);
            return offset == null ? INVALID : OffsetDateTime.of(timestamp, offset);
        } catch (DateTimeException e) {
            // month 13, February 30, hour 25: not a date, so not of this type
            return INVALID;
        }
    }

    /** Z, +HH, +HHMM or +HH:MM (or -) running to the end of the text; null otherwise. */
    private static ZoneOffset offset(String value, int start) {
        int length = value.length() - start;
        if (length == 1 && (value.charAt(start) == 'Z' || value.charAt(start) == 'z')) {
            return ZoneOffset.UTC;
        }
        if (length < 3 || (value.charAt(start) != '+' && value.charAt(start) != '-')) {
            return null;
        }
        int sign = value.charAt(start) == '-' ? -1 : 1;
        int hours = digits(value, start + 1, 2);
        int minutes;
        if (length == 3) {
            minutes = 0;
        } else if (length == 5) {
            minutes = digits(value, start + 3, 2);
        } else if (length == 6 && value.charAt(start + 3) == ':') {
            minutes = digits(value, start + 4, 2);
        } else {
            return null;
        }
        if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
            return null;
        }
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    /** The number written by {@code count} digits at {@code start}, or -1. */
    private static int digits(String value, int start, int count) {
        if (start + count > value.length()) {
            return -1;
        }
        int result = 0;
        for (int i = start; i < start + count; i++) {
            char c = value.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
