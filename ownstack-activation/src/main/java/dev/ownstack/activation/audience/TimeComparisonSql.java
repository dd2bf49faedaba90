package dev.ownstack.activation.audience;

import dev.ownstack.activation.audience.TimeBounds.TimeValue;
import dev.ownstack.core.config.audiences.Operator;
import dev.ownstack.core.config.audiences.RuleValue;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Comparisons of times. A day given for a time means the whole day (UTC): equals is "on that
 * day", before is before its start, after is after its end. A DATE column compares with days
 * only. Within the last N days means from N days before the computation's time up to it; more
 * than N days ago, before that start. ISO-8601 text inside JSON compares by its characters, and
 * text that does not start like a date ({@code YYYY-MM-DD}) never matches.
 */
final class TimeComparisonSql {
    private static final String ISO_DATE_START = "'____-__-__%'";

    private final TimeBounds time;
    private final Problems problems;

    TimeComparisonSql(TimeBounds time, Problems problems) {
        this.time = time;
        this.problems = problems;
    }

    Optional<Sql> compile(ComparisonSql.Target target, Operator operator, List<RuleValue> values, String path) {
        List<TimeValue> times = new ArrayList<>();
        if (operator.arity() != Operator.Arity.DAYS) {
            for (int i = 0; i < values.size(); i++) {
                String at = path + ".value" + (operator.arity() == Operator.Arity.ONE ? "" : "[" + i + "]");
                timeValue(target, values.get(i), at).ifPresent(times::add);
            }
            if (times.size() != values.size()) {
                return Optional.empty();
            }
        }
        if (operator == Operator.BETWEEN && times.get(1).end().isBefore(times.get(0).start())) {
            problems.add(path + ".value", "between goes from early to late; " + values.get(0).describe() + " is after " + values.get(1).describe());
            return Optional.empty();
        }
        Sql sql = target.kind() == ValueKind.DATE ? dates(target.expression(), operator, times, values)
                : instants(target, operator, times, values);
        return Optional.of(target.kind() == ValueKind.ISO_TEXT ? sql.prepend(target.expression() + " LIKE " + ISO_DATE_START + " AND ") : sql);
    }

    private Sql instants(ComparisonSql.Target target, Operator operator, List<TimeValue> times, List<RuleValue> values) {
        String x = target.expression();
        ValueKind kind = target.kind();
        return switch (operator) {
            case EQUALS -> times.get(0).isDay()
                    ? Sql.of(x + " >= ? AND " + x + " < ?", TimeBounds.parameter(kind, times.get(0).start()), TimeBounds.parameter(kind, times.get(0).end()))
                    : Sql.of(x + " = ?", TimeBounds.parameter(kind, times.get(0).start()));
            case BEFORE -> Sql.of(x + " < ?", TimeBounds.parameter(kind, times.get(0).start()));
            case AFTER -> times.get(0).isDay()
                    ? Sql.of(x + " >= ?", TimeBounds.parameter(kind, times.get(0).end()))
                    : Sql.of(x + " > ?", TimeBounds.parameter(kind, times.get(0).end()));
            case BETWEEN -> Sql.of(x + " >= ? AND " + x + (times.get(1).isDay() ? " < ?" : " <= ?"),
                    TimeBounds.parameter(kind, times.get(0).start()), TimeBounds.parameter(kind, times.get(1).end()));
            case WITHIN_LAST_DAYS -> Sql.of(x + " >= ? AND " + x + " <= ?", TimeBounds.parameter(kind, time.daysAgo(days(values))),
                    TimeBounds.parameter(kind, time.asOf()));
            case MORE_THAN_DAYS_AGO -> Sql.of(x + " < ?", TimeBounds.parameter(kind, time.daysAgo(days(values))));
            default -> throw new IllegalStateException("not a time operator: " + operator);
        };
    }

    private Sql dates(String x, Operator operator, List<TimeValue> times, List<RuleValue> values) {
        return switch (operator) {
            case EQUALS -> Sql.of(x + " = ?", day(times, 0));
            case BEFORE -> Sql.of(x + " < ?", day(times, 0));
            case AFTER -> Sql.of(x + " > ?", day(times, 0));
            case BETWEEN -> Sql.of(x + " >= ? AND " + x + " <= ?", day(times, 0), day(times, 1));
            case WITHIN_LAST_DAYS -> Sql.of(x + " >= ? AND " + x + " <= ?", TimeBounds.dayOnOrAfter(time.daysAgo(days(values))),
                    TimeBounds.dayOf(time.asOf()));
            case MORE_THAN_DAYS_AGO -> Sql.of(x + " < ?", TimeBounds.dayOnOrAfter(time.daysAgo(days(values))));
            default -> throw new IllegalStateException("not a time operator: " + operator);
        };
    }

    private static LocalDate day(List<TimeValue> times, int index) {
        return times.get(index).day().orElseThrow();
    }

    private static int days(List<RuleValue> values) {
        return ((RuleValue.Number) values.get(0)).value().intValueExact();
    }

    private Optional<TimeValue> timeValue(ComparisonSql.Target target, RuleValue value, String at) {
        Optional<TimeValue> parsed = value instanceof RuleValue.Text text ? TimeBounds.parse(text.value()) : Optional.empty();
        if (parsed.isEmpty()) {
            problems.add(at, target.subject() + " holds " + target.kind().description() + "; give "
                    + (target.kind() == ValueKind.DATE ? "a date such as \"2024-06-01\"" : "a date such as \"2024-06-01\" or a time such as"
                    + " \"2024-06-01T12:00:00Z\"") + ", got " + value.describe());
            return Optional.empty();
        }
        if (target.kind() == ValueKind.DATE && !parsed.get().isDay()) {
            problems.add(at, target.subject() + " holds dates; give a date such as \"2024-06-01\", got " + value.describe());
            return Optional.empty();
        }
        return parsed;
    }
}
