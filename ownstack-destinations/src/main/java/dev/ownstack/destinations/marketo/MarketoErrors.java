package dev.ownstack.destinations.marketo;

import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

/**
 * What Marketo's response-level errors mean for a sync. Marketo answers HTTP 200 with
 * {@code "success": false} and an {@code errors} list of {@code {"code", "message"}}
 * (https://experienceleague.adobe.com/en/docs/marketo-developer/marketo/rest/error-codes):
 * 6xx codes mean the request failed as a whole and was not carried out, 7xx that it was
 * parameterised wrongly, 1xxx that the data was refused.
 */
final class MarketoErrors {
    /** 601 Access token invalid, 602 Access token expired: fetch a new token and send again once. */
    static final Set<String> TOKEN = Set.of("601", "602");
    /** 600 Empty access token, 603 Access denied (the API user lacks a permission). */
    private static final Set<String> AUTH = Set.of("600", "603");
    /** 502 Bad gateway, 604 Request timed out, 608 API temporarily unavailable, 611 System error, 713 Transient error. */
    private static final Set<String> RETRYABLE = Set.of("502", "604", "608", "611", "713");
    /** 606 Max rate limit: 100 calls per 20 seconds. */
    static final Duration RATE_WINDOW = Duration.ofSeconds(20);
    /** 615 Concurrent access limit (10 calls in flight): a call ends soon, so a short wait. */
    static final Duration CONCURRENCY_WAIT = Duration.ofSeconds(5);
    /** The daily quota (607) resets at midnight US Central Standard Time. */
    private static final ZoneOffset QUOTA_ZONE = ZoneOffset.ofHours(-6);

    private MarketoErrors() {
    }

    static boolean expiredToken(String code) {
        return TOKEN.contains(code);
    }

    /** The failure a response-level error is for the sync engine, quoting Marketo's code and message. */
    static DestinationException failure(String where, String code, String message, Instant now) {
        String answered = where + " answered " + code + ": " + message;
        switch (code) {
            case "606":
                return new DestinationException(ErrorClass.THROTTLED, answered + " (at most 100 calls per 20 seconds)",
                        Optional.of(RATE_WINDOW), null);
            case "615":
                return new DestinationException(ErrorClass.THROTTLED, answered + " (at most 10 calls at once)", Optional.of(CONCURRENCY_WAIT), null);
            case "607":
                return new DestinationException(ErrorClass.THROTTLED, answered + " (the daily API quota resets at midnight CST)",
                        Optional.of(untilQuotaResets(now)), null);
            default:
                break;
        }
        if (TOKEN.contains(code) || AUTH.contains(code)) {
            return new DestinationException(ErrorClass.AUTH, answered);
        }
        if (RETRYABLE.contains(code)) {
            return new DestinationException(ErrorClass.RETRYABLE, answered);
        }
        return new DestinationException(ErrorClass.PERMANENT, answered);
    }

    /** How long from {@code now} until the next midnight in US Central Standard Time (UTC-6). */
    static Duration untilQuotaResets(Instant now) {
        LocalDate today = now.atOffset(QUOTA_ZONE).toLocalDate();
        Instant reset = today.plusDays(1).atStartOfDay().toInstant(QUOTA_ZONE);
        return Duration.between(now, reset);
    }
}
