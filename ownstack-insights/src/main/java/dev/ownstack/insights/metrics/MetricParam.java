package dev.ownstack.insights.metrics;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A parameter a metric takes, as given in a request ({@code ?months=12&as_of=2011-12-09}). */
public enum MetricParam {
    MONTHS("months", "calendar months shown, ending with the month of as_of (1 to 120)", "12"),
    DAYS("days", "days shown, ending with as_of (1 to 366)", "30"),
    AS_OF("as_of", "the last day counted, an ISO date (2011-12-09); data after it is left out", "today (UTC)");

    static final int MAX_MONTHS = 120;
    static final int MAX_DAYS = 366;
    private static final int MAX_ECHO = 40;

    private final String key;
    private final String description;
    private final String defaultValue;

    MetricParam(String key, String description, String defaultValue) {
        this.key = key;
        this.description = description;
        this.defaultValue = defaultValue;
    }

    /** The name in a request. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** The value used when the request has none, as text. */
    public String defaultValue() {
        return defaultValue;
    }

    /** A whole number from {@code min} to {@code max}; ARGUMENT_INVALID naming this parameter and the value otherwise. */
    int whole(String text, int min, int max) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw invalid("must be a whole number from " + min + " to " + max, text);
    }

    /** An ISO date; ARGUMENT_INVALID naming this parameter and the value otherwise. */
    LocalDate date(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw invalid("must be a date as YYYY-MM-DD", text);
        }
    }

    private OwnstackException invalid(String rule, String text) {
        String shown = text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "..." : text;
        return new OwnstackException(ErrorCode.ARGUMENT_INVALID, key + ": " + rule + ", got '" + shown + "'");
    }
}
