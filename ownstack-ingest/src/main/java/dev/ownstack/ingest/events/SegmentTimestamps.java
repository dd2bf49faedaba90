package dev.ownstack.ingest.events;

import java.time.Instant;
import java.util.Optional;

/**
 * The ISO-8601 times SDKs send, read and written without regular expressions or formatter
 * objects, since every event carries several of them.
 *
 * <p>Read: {@code yyyy-MM-dd}, optionally followed by {@code T}, {@code t} or a space and
 * {@code HH:mm[:ss[.fraction]]} (fraction of 1 to 9 digits, after {@code .} or {@code ,}) and a
 * zone: {@code Z}, {@code z}, {@code ±HH:mm}, {@code ±HHmm}, {@code ±HH}, or none (read as UTC).
 * Years run from 0001 to 9999, which both warehouses store. Written: UTC with milliseconds,
 * {@code 2026-11-26T05:40:00.123Z}.
 */
final class SegmentTimestamps {
    /** 0001-01-01T00:00:00Z. */
    static final Instant MIN = Instant.ofEpochSecond(-62_135_596_800L);
    /** 9999-12-31T23:59:59.999999999Z. */
    static final Instant MAX = Instant.ofEpochSecond(253_402_300_799L, 999_999_999);

    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    private static final int[] NANO_SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private SegmentTimestamps() {
    }

    /** The time {@code text} denotes; empty when it is not one of the accepted forms or out of range. */
    static Optional<Instant> parse(String text) {
        int length = text.length();
        if (length < 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return Optional.empty();
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return Optional.empty();
        }
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nano = 0;
        int offsetSeconds = 0;
        int position = 10;
        if (length > 10) {
            char separator = text.charAt(10);
            if ((separator != 'T' && separator != 't' && separator != ' ') || length < 16 || text.charAt(13) != ':') {
                return Optional.empty();
            }
            hour = digits(text, 11, 2);
            minute = digits(text, 14, 2);
            position = 16;
            if (position < length && text.charAt(position) == ':') {
                second = digits(text, 17, 2);
                position = 19;
                if (position < length && (text.charAt(position) == '.' || text.charAt(position) == ',')) {
                    int start = ++position;
                    while (position < length && position - start < 9 && isDigit(text.charAt(position))) {
                        nano = nano * 10 + (text.charAt(position) - '0');
                        position++;
                    }
                    int count = position - start;
                    if (count == 0) {
                        return Optional.empty();
                    }
                    nano *= NANO_SCALE[count];
                }
            }
            if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
                return Optional.empty();
            }
            if (position < length) {
                offsetSeconds = offsetSeconds(text, position);
                if (offsetSeconds == Integer.MIN_VALUE) {
                    return Optional.empty();
                }
                position = length;
            }
        }
        if (position != length) {
            return Optional.empty();
        }
        long epochSecond = epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second - offsetSeconds;
        Instant instant = Instant.ofEpochSecond(epochSecond, nano);
        return instant.isBefore(MIN) || instant.isAfter(MAX) ? Optional.empty() : Optional.of(instant);
    }

    /** {@code instant} in UTC with milliseconds; the caller keeps it within {@link #MIN} and {@link #MAX}. */
    static String format(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        long epochDay = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        // Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil, inverted).
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthIndex + 2) / 5 + 1);
        int month = (int) (monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));

        char[] out = new char[24];
        put(out, 0, year, 4);
        out[4] = '-';
        put(out, 5, month, 2);
        out[7] = '-';
        put(out, 8, day, 2);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3_600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        put(out, 20, instant.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return new String(out);
    }

    /** Seconds east of UTC of the zone at {@code position}; {@code Integer.MIN_VALUE} when it is not one. */
    private static int offsetSeconds(String text, int position) {
        int length = text.length();
        char sign = text.charAt(position);
        if (sign == 'Z' || sign == 'z') {
            return position + 1 == length ? 0 : Integer.MIN_VALUE;
        }
        if (sign != '+' && sign != '-') {
            return Integer.MIN_VALUE;
        }
        int rest = length - position - 1;
        int hours = rest >= 2 ? digits(text, position + 1, 2) : -1;
        int minutes;
        if (rest == 2) {
            minutes = 0;
        } else if (rest == 4) {
            minutes = digits(text, position + 3, 2);
        } else if (rest == 5 && text.charAt(position + 3) == ':') {
            minutes = digits(text, position + 4, 2);
        } else {
            return Integer.MIN_VALUE;
        }
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3_600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    /** The number in {@code count} decimal digits at {@code start}; -1 when one is not a digit or missing. */
    private static int digits(String text, int start, int count) {
        if (start + count > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int daysInMonth(int year, int month) {
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
    }

    /** Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    private static void put(char[] out, int start, int value, int width) {
        for (int i = start + width - 1; i >= start; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
