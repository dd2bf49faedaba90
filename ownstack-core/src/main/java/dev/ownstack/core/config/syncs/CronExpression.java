package dev.ownstack.core.config.syncs;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A cron schedule of five fields, {@code minute hour day-of-month month day-of-week}, read in UTC
 * as the classic Unix cron reads it: each field is {@code *}, a value, a range {@code 1-5}, a list
 * {@code 1,15,30} or a step {@code *}{@code /15} or {@code 10-40/10}; months and days may be named
 * ({@code JAN}, {@code MON-FRI}); Sunday is 0 or 7. When both day fields are restricted, a day
 * matches either (as in Vixie cron). {@code @hourly}, {@code @daily}, {@code @weekly},
 * {@code @monthly} and {@code @yearly} are shorthands. Immutable and thread-safe.
 */
public final class CronExpression {
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final Map<String, String> SHORTHANDS = Map.of("@hourly", "0 * * * *", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@weekly", "0 0 * * 0", "@monthly", "0 0 1 * *", "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *");
    /** Long enough to reach a February 29th from any start. */
    private static final int SEARCH_YEARS = 9;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronExpression(String text, String[] fields) {
        this.text = text;
        this.minutes = field("minute", fields[0], 0, 59, List.of(), 0);
        this.hours = field("hour", fields[1], 0, 23, List.of(), 0);
        this.daysOfMonth = field("day of month", fields[2], 1, 31, List.of(), 1);
        this.months = field("month", fields[3], 1, 12, MONTHS, 1);
        BitSet week = field("day of week", fields[4], 0, 7, DAYS, 0);
        if (week.get(7)) {
            week.set(0);
            week.clear(7);
        }
        this.daysOfWeek = week;
        this.dayOfMonthRestricted = !fields[2].startsWith("*");
        this.dayOfWeekRestricted = !fields[4].startsWith("*");
    }

    /**
     * Reads an expression.
     *
     * @throws OwnstackException {@code CONFIG_INVALID} naming the field and the value that is wrong,
     *     or saying that the schedule never fires (such as {@code 0 0 30 2 *})
     */
    public static CronExpression parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        String expanded = SHORTHANDS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
        if (expanded.startsWith("@")) {
            throw invalid(text, "unknown shorthand; use one of @hourly, @daily, @weekly, @monthly, @yearly");
        }
        String[] fields = expanded.isEmpty() ? new String[0] : expanded.split("\\s+");
        if (fields.length != 5) {
            throw invalid(text, "must have 5 fields (minute hour day-of-month month day-of-week), got " + fields.length);
        }
        CronExpression expression;
        try {
            expression = new CronExpression(trimmed, fields);
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
        if (expression.next(Instant.parse("2000-01-01T00:00:00Z")).isEmpty()) {
            throw invalid(text, "never fires (no month has that day)");
        }
        return expression;
    }

    private static OwnstackException invalid(String text, String problem) {
        return new OwnstackException(ErrorCode.CONFIG_INVALID, "cron expression '" + text + "' " + problem);
    }

    /** The first time strictly after {@code after} (to the minute) when the schedule fires; empty when it never does. */
    public Optional<Instant> next(Instant after) {
        LocalDateTime time = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime limit = time.plusYears(SEARCH_YEARS);
        while (time.isBefore(limit)) {
            if (!months.get(time.getMonthValue())) {
                time = time.withDayOfMonth(1).withHour(0).withMinute(0).plusMonths(1);
            } else if (!dayMatches(time)) {
                time = time.withHour(0).withMinute(0).plusDays(1);
            } else if (!hours.get(time.getHour())) {
                time = time.withMinute(0).plusHours(1);
            } else if (!minutes.get(time.getMinute())) {
                time = time.plusMinutes(1);
            } else {
                return Optional.of(time.toInstant(ZoneOffset.UTC));
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDateTime time) {
        boolean monthDay = daysOfMonth.get(time.getDayOfMonth());
        boolean weekDay = daysOfWeek.get(time.getDayOfWeek().getValue() % 7);
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return monthDay || weekDay;
        }
        return monthDay && weekDay;
    }

    private static BitSet field(String name, String text, int min, int max, List<String> names, int firstNameValue) {
        BitSet values = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(name, part.substring(slash + 1), 1, max, List.of(), 0);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.indexOf('-') > 0) {
                from = number(name, range.substring(0, range.indexOf('-')), min, max, names, firstNameValue);
                to = number(name, range.substring(range.indexOf('-') + 1), min, max, names, firstNameValue);
                if (to < from) {
                    throw new IllegalArgumentException("has " + name + " range '" + range + "' that ends before it starts");
                }
            } else {
                from = number(name, range, min, max, names, firstNameValue);
                to = slash >= 0 ? max : from;
            }
            for (int value = from; value <= to; value += step) {
                values.set(value);
            }
        }
        return values;
    }

    private static int number(String name, String text, int min, int max, List<String> names, int firstNameValue) {
        int index = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (index >= 0) {
            return index + firstNameValue;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new IllegalArgumentException("has " + name + " '" + text + "'; expected " + min + "-" + max
                + (names.isEmpty() ? "" : " or a name such as " + names.get(0)));
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronExpression cron && cron.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
