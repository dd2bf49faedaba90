package dev.ownstack.activation.audience;

import dev.ownstack.core.config.audiences.TimeWindow;
import dev.ownstack.core.table.ColumnType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Times in rules, all in UTC: the moment an audience is computed ("as of"), the bounds of windows,
 * and how a bound is bound as a parameter for a column of each time kind. Bounds are computed
 * here and bound as values, so no engine's clock or interval arithmetic is involved.
 */
final class TimeBounds {
    private final Instant asOf;

    TimeBounds(Instant asOf) {
        this.asOf = asOf;
    }

    Instant asOf() {
        return asOf;
    }

    Instant daysAgo(int days) {
        return asOf.minus(Duration.ofDays(days));
    }

    /** The start of the window (inclusive), or empty for all time. */
    Optional<Instant> windowStart(TimeWindow window) {
        if (window instanceof TimeWindow.LastDays last) {
            return Optional.of(daysAgo(last.days()));
        }
        if (window instanceof TimeWindow.Between between) {
            return Optional.of(startOf(between.from()));
        }
        return Optional.empty();
    }

    /** The end of the window: as of (inclusive) for the last days, the day after {@code to} (exclusive) for a range. */
    Optional<Instant> windowEnd(TimeWindow window) {
        if (window instanceof TimeWindow.LastDays) {
            return Optional.of(asOf);
        }
        if (window instanceof TimeWindow.Between between) {
            return Optional.of(startOf(between.to().plusDays(1)));
        }
        return Optional.empty();
    }

    /**
     * The condition that a time column lies in the window, or empty for all time. A DATE column
     * compares with the days the bounds fall on.
     */
    Optional<Sql> window(String expression, ColumnType type, TimeWindow window) {
        Optional<Instant> start = windowStart(window);
        Optional<Instant> end = windowEnd(window);
        if (start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        boolean inclusive = window instanceof TimeWindow.LastDays;
        if (type == ColumnType.DATE) {
            LocalDate last = inclusive ? dayOf(end.get()) : dayOnOrAfter(end.get()).minusDays(1);
            return Optional.of(Sql.of(expression + " >= ? AND " + expression + " <= ?", dayOnOrAfter(start.get()), last));
        }
        ValueKind kind = ValueKind.of(type);
        return Optional.of(Sql.of(expression + " >= ? AND " + expression + (inclusive ? " <= ?" : " < ?"),
                parameter(kind, start.get()), parameter(kind, end.get())));
    }

    static Instant startOf(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** A value of a rule read as a time: a whole day ({@code 2024-06-01}) or an instant (with an offset, or UTC without one). */
    static Optional<TimeValue> parse(String text) {
        try {
            return Optional.of(TimeValue.day(LocalDate.parse(text)));
        } catch (DateTimeParseException notDate) {
            try {
                return Optional.of(TimeValue.instant(OffsetDateTime.parse(text).toInstant()));
            } catch (DateTimeParseException notOffset) {
                try {
                    return Optional.of(TimeValue.instant(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC)));
                } catch (DateTimeParseException notLocal) {
                    return Optional.empty();
                }
            }
        }
    }

    /** The parameter for comparing an instant with an expression of this kind. */
    static Object parameter(ValueKind kind, Instant instant) {
        return switch (kind) {
            case TIMESTAMP -> LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            case TIMESTAMPTZ -> instant.atOffset(ZoneOffset.UTC);
            case ISO_TEXT -> isoText(instant);
            default -> throw new IllegalArgumentException("not an instant kind: " + kind);
        };
    }

    /**
     * The instant as ISO-8601 text that sorts among stored ISO texts as the instant sorts among
     * their times: a midnight as its date alone ({@code 2024-06-01} sorts before every time of
     * that day), any other instant with seconds and {@code Z}.
     */
    static String isoText(Instant instant) {
        LocalDateTime time = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        if (time.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return time.toLocalDate().toString();
        }
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** The first day whose start is not before the instant. */
    static LocalDate dayOnOrAfter(Instant instant) {
        LocalDateTime time = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return time.toLocalTime().equals(LocalTime.MIDNIGHT) ? time.toLocalDate() : time.toLocalDate().plusDays(1);
    }

    /** The day the instant falls on. */
    static LocalDate dayOf(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toLocalDate();
    }

    /** A time in a rule: a whole day from {@code start} to {@code end} (exclusive), or an instant ({@code start == end}). */
    record TimeValue(Instant start, Instant end, Optional<LocalDate> day) {
        static TimeValue day(LocalDate day) {
            return new TimeValue(startOf(day), startOf(day.plusDays(1)), Optional.of(day));
        }

        static TimeValue instant(Instant instant) {
            return new TimeValue(instant, instant, Optional.empty());
        }

        boolean isDay() {
            return day.isPresent();
        }
    }
}
