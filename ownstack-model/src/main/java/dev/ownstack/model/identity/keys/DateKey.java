package dev.ownstack.model.identity.keys;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates such as a date of birth, as {@code yyyy-MM-dd}. Reads ISO dates (with or without a time
 * after them), {@code yyyyMMdd} and day-first {@code dd/MM/yyyy} or {@code dd.MM.yyyy}; anything
 * else, or a date that does not exist, has no key.
 */
final class DateKey {
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ].*)?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern DAY_FIRST = Pattern.compile("(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4})");

    private DateKey() {
    }

    static Optional<String> normalise(String raw) {
        String text = raw.strip();
        Matcher iso = ISO.matcher(text);
        if (iso.matches()) {
            return date(iso.group(1), iso.group(2), iso.group(3));
        }
        Matcher compact = COMPACT.matcher(text);
        if (compact.matches()) {
            return date(compact.group(1), compact.group(2), compact.group(3));
        }
        Matcher dayFirst = DAY_FIRST.matcher(text);
        if (dayFirst.matches()) {
            return date(dayFirst.group(3), dayFirst.group(2), dayFirst.group(1));
        }
        return Optional.empty();
    }

    private static Optional<String> date(String year, String month, String day) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)).toString());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
