package dev.ownstack.cli.generate;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The fixed two years that every generated timestamp falls in, and their ISO-8601 text.
 *
 * <p>The window is a constant rather than "the last two years" so that a seed gives the same
 * files on any day. Its end plays the part of "now": nothing happens after it.
 */
final class ReferenceWindow {

    static final Instant START = Instant.parse("2023-01-01T00:00:00Z");
    static final Instant END = Instant.parse("2025-01-01T00:00:00Z");
    static final long START_MILLIS = START.toEpochMilli();
    static final long END_MILLIS = END.toEpochMilli();
    static final long MILLIS_PER_MINUTE = 60_000L;
    static final long MILLIS_PER_HOUR = 3_600_000L;
    static final long MILLIS_PER_DAY = 86_400_000L;

    private ReferenceWindow() {
    }

    static long lengthMillis() {
        return END_MILLIS - START_MILLIS;
    }

    /** Appends {@code 2024-03-05T14:22:31.123Z}; written by hand because formatters dominate the profile. */
    static void appendIso(StringBuilder target, long epochMillis) {
        long day = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        long millisOfDay = epochMillis - day * MILLIS_PER_DAY;
        LocalDate date = LocalDate.ofEpochDay(day);
        appendPadded(target, date.getYear(), 4);
        target.append('-');
        appendPadded(target, date.getMonthValue(), 2);
        target.append('-');
        appendPadded(target, date.getDayOfMonth(), 2);
        target.append('T');
        appendPadded(target, (int) (millisOfDay / MILLIS_PER_HOUR), 2);
        target.append(':');
        appendPadded(target, (int) (millisOfDay / MILLIS_PER_MINUTE % 60), 2);
        target.append(':');
        appendPadded(target, (int) (millisOfDay / 1000 % 60), 2);
        target.append('.');
        appendPadded(target, (int) (millisOfDay % 1000), 3);
        target.append('Z');
    }

    private static void appendPadded(StringBuilder target, int value, int width) {
        if (width >= 4 && value < 1000) {
            target.append('0');
        }
        if (width >= 3 && value < 100) {
            target.append('0');
        }
        if (width >= 2 && value < 10) {
            target.append('0');
        }
        target.append(value);
    }
}
