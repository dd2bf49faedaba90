package dev.ownstack.core.config.syncs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
    private static Instant next(String expression, String after) {
        return CronExpression.parse(expression).next(Instant.parse(after)).orElseThrow();
    }

    private static List<String> fires(String expression, String after, int count) {
        CronExpression cron = CronExpression.parse(expression);
        List<String> times = new ArrayList<>();
        Instant at = Instant.parse(after);
        for (int i = 0; i < count; i++) {
            at = cron.next(at).orElseThrow();
            times.add(at.toString());
        }
        return times;
    }

    @Test
    void every_hour_fires_at_the_top_of_the_next_hour() {
        assertEquals(Instant.parse("2026-11-26T15:00:00Z"), next("0 * * * *", "2026-11-26T14:21:30Z"));
    }

    @Test
    void fires_strictly_after_the_given_time() {
        assertEquals(Instant.parse("2026-11-26T16:00:00Z"), next("0 * * * *", "2026-11-26T15:00:00Z"));
    }

    @Test
    void reads_steps_ranges_and_lists() {
        assertEquals(List.of("2026-11-26T14:30:00Z", "2026-11-26T14:45:00Z", "2026-11-26T15:00:00Z"), fires("*/15 * * * *", "2026-11-26T14:21:00Z", 3));
        assertEquals(List.of("2026-11-26T14:40:00Z", "2026-11-26T15:10:00Z"), fires("10-40/30 * * * *", "2026-11-26T14:21:00Z", 2));
        assertEquals(List.of("2026-11-27T09:05:00Z", "2026-11-27T17:05:00Z", "2026-11-28T09:05:00Z"), fires("5 9,17 * * *", "2026-11-26T17:05:00Z", 3));
        assertEquals(List.of("2026-11-26T20:00:00Z", "2026-11-26T22:00:00Z"), fires("0 20/2 * * *", "2026-11-26T19:00:00Z", 2));
    }

    @Test
    void reads_names_of_months_and_days() {
        // 2026-11-26 is a Thursday
        assertEquals(List.of("2026-11-27T08:00:00Z", "2026-11-30T08:00:00Z"), fires("0 8 * * MON-FRI", "2026-11-26T09:00:00Z", 2));
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), next("0 0 1 jan *", "2026-11-26T09:00:00Z"));
    }

    @Test
    void sunday_is_both_0_and_7() {
        assertEquals(Instant.parse("2026-11-29T06:00:00Z"), next("0 6 * * 7", "2026-11-26T00:00:00Z"));
        assertEquals(Instant.parse("2026-11-29T06:00:00Z"), next("0 6 * * 0", "2026-11-26T00:00:00Z"));
    }

    @Test
    void a_day_matches_either_restricted_day_field() {
        // the 1st of the month or any Monday
        assertEquals(List.of("2026-11-30T00:00:00Z", "2026-12-01T00:00:00Z", "2026-12-07T00:00:00Z"), fires("0 0 1 * 1", "2026-11-26T00:00:00Z", 3));
    }

    @Test
    void the_last_days_of_a_month_skip_months_without_them() {
        assertEquals(List.of("2026-12-31T00:00:00Z", "2027-01-31T00:00:00Z", "2027-03-31T00:00:00Z"), fires("0 0 31 * *", "2026-11-26T00:00:00Z", 3));
        assertEquals(Instant.parse("2028-02-29T12:00:00Z"), next("0 12 29 2 *", "2026-03-01T00:00:00Z"));
    }

    @Test
    void crosses_the_end_of_a_year() {
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), next("@yearly", "2026-12-31T23:59:59Z"));
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), next("@monthly", "2026-11-26T00:00:00Z"));
        assertEquals(Instant.parse("2026-11-29T00:00:00Z"), next("@weekly", "2026-11-26T00:00:00Z"));
        assertEquals(Instant.parse("2026-11-27T00:00:00Z"), next("@daily", "2026-11-26T00:00:00Z"));
    }

    @Test
    void rejects_bad_expressions_naming_the_field_and_value() {
        assertEquals("cron expression '0 * * *' must have 5 fields (minute hour day-of-month month day-of-week), got 4", error("0 * * *"));
        assertEquals("cron expression '0 24 * * *' has hour '24'; expected 0-23", error("0 24 * * *"));
        assertEquals("cron expression '0 0 0 * *' has day of month '0'; expected 1-31", error("0 0 0 * *"));
        assertEquals("cron expression '0 0 * FOO *' has month 'FOO'; expected 1-12 or a name such as JAN", error("0 0 * FOO *"));
        assertEquals("cron expression '0 0 * * 8' has day of week '8'; expected 0-7 or a name such as SUN", error("0 0 * * 8"));
        assertEquals("cron expression '30-10 * * * *' has minute range '30-10' that ends before it starts", error("30-10 * * * *"));
        assertEquals("cron expression '*/0 * * * *' has minute '0'; expected 1-59", error("*/0 * * * *"));
        assertEquals("cron expression '0 0 30 2 *' never fires (no month has that day)", error("0 0 30 2 *"));
        assertEquals("cron expression '@often' unknown shorthand; use one of @hourly, @daily, @weekly, @monthly, @yearly", error("@often"));
    }

    private static String error(String expression) {
        OwnstackException error = assertThrows(OwnstackException.class, () -> CronExpression.parse(expression));
        assertEquals(ErrorCode.CONFIG_INVALID, error.code());
        return error.getMessage();
    }
}
