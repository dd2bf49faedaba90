package dev.ownstack.destinations.pii;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Dates of birth for Meta: DOBY "YYYY" (1900 to the current year), DOBM "MM" (01-12), DOBD "DD" (01-31)
 * (https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences), each taken from a
 * whole date or given on its own; a whole DATE_OF_BIRTH is "YYYYMMDD", the form of Meta's Conversions API "db"
 * (https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/customer-information-parameters).
 * A whole date is a {@link LocalDate} (or another java.time date, or java.sql.Date) or ISO text "yyyy-MM-dd",
 * optionally followed by a time.
 */
final class BirthDateNormaliser {
    private static final int EARLIEST_YEAR = 1900;
    private static final Pattern NUMBER = Pattern.compile("\\d{1,4}");
    private static final Pattern ISO_DATE_START = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([T ].*)?");

    private BirthDateNormaliser() {
    }

    static PiiResult normalise(PiiField field, Object raw) {
        Optional<LocalDate> date = date(raw);
        if (date.isPresent()) {
            return whole(field, date.get());
        }
        String text = Pii.text(raw).trim();
        if (ISO_DATE_START.matcher(text).matches()) {
            return PiiResult.invalid(field.label() + " '" + Mask.text(text) + "' is not a real date (yyyy-MM-dd)");
        }
        if (field == PiiField.DATE_OF_BIRTH || !NUMBER.matcher(text).matches()) {
            return PiiResult.invalid(field.label() + " '" + Mask.text(text) + "' is not "
                    + (field == PiiField.DATE_OF_BIRTH ? "a date (yyyy-MM-dd)" : "a number or a date (yyyy-MM-dd)"));
        }
        return part(field, Integer.parseInt(text));
    }

    private static PiiResult whole(PiiField field, LocalDate date) {
        // a day's slack: "today" differs across time zones
        if (date.isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
            return PiiResult.invalid(field.label() + " from a date in " + date.getYear() + " is in the future");
        }
        if (date.getYear() < EARLIEST_YEAR) {
            return PiiResult.invalid(field.label() + " from a date in " + date.getYear() + " is before " + EARLIEST_YEAR);
        }
        switch (field) {
            case BIRTH_YEAR:
                return PiiResult.ok(String.valueOf(date.getYear()));
            case BIRTH_MONTH:
                return PiiResult.ok(twoDigits(date.getMonthValue()));
            case BIRTH_DAY:
                return PiiResult.ok(twoDigits(date.getDayOfMonth()));
            default:
                return PiiResult.ok(date.format(DateTimeFormatter.BASIC_ISO_DATE));
        }
    }

    private static PiiResult part(PiiField field, int number) {
        switch (field) {
            case BIRTH_YEAR: {
                int thisYear = LocalDate.now(ZoneOffset.UTC).getYear();
                return number >= EARLIEST_YEAR && number <= thisYear ? PiiResult.ok(String.valueOf(number))
                        : PiiResult.invalid("birth year " + number + " is outside " + EARLIEST_YEAR + "-" + thisYear);
            }
            case BIRTH_MONTH:
                return number >= 1 && number <= 12 ? PiiResult.ok(twoDigits(number))
                        : PiiResult.invalid("birth month " + number + " is outside 1-12");
            default:
                return number >= 1 && number <= 31 ? PiiResult.ok(twoDigits(number))
                        : PiiResult.invalid("birth day " + number + " is outside 1-31");
        }
    }

    private static Optional<LocalDate> date(Object raw) {
        if (raw instanceof LocalDate) {
            return Optional.of((LocalDate) raw);
        }
        if (raw instanceof LocalDateTime) {
            return Optional.of(((LocalDateTime) raw).toLocalDate());
        }
        if (raw instanceof OffsetDateTime) {
            return Optional.of(((OffsetDateTime) raw).toLocalDate());
        }
        if (raw instanceof ZonedDateTime) {
            return Optional.of(((ZonedDateTime) raw).toLocalDate());
        }
        if (raw instanceof java.sql.Date) {
            return Optional.of(((java.sql.Date) raw).toLocalDate());
        }
        String text = Pii.text(raw).trim();
        if (!ISO_DATE_START.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.substring(0, 10)));
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    private static String twoDigits(int number) {
        return String.format("%02d", number);
    }
}
