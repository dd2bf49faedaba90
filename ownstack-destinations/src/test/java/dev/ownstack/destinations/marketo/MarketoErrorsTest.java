package dev.ownstack.destinations.marketo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Marketo's response-level codes (https://experienceleague.adobe.com/en/docs/marketo-developer/marketo/rest/error-codes) as the sync engine sees them. */
class MarketoErrorsTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void rate_limit_606_is_throttled_for_the_20_second_window() {
        DestinationException error = MarketoErrors.failure("marketo m", "606", "Max rate limit '100' exceeded with in '20' secs", NOW);
        assertEquals(ErrorClass.THROTTLED, error.errorClass());
        assertEquals(Optional.of(Duration.ofSeconds(20)), error.retryAfter());
        assertTrue(error.getMessage().contains("606: Max rate limit '100' exceeded with in '20' secs"), error.getMessage());
    }

    @Test
    void concurrent_access_limit_615_is_throttled_briefly() {
        DestinationException error = MarketoErrors.failure("marketo m", "615", "Concurrent access limit reached", NOW);
        assertEquals(ErrorClass.THROTTLED, error.errorClass());
        assertEquals(Optional.of(MarketoErrors.CONCURRENCY_WAIT), error.retryAfter());
    }

    @Test
    void daily_quota_607_waits_until_midnight_central_standard_time() {
        DestinationException error = MarketoErrors.failure("marketo m", "607", "Daily quota reached", Instant.parse("2026-03-10T05:30:00Z"));
        assertEquals(ErrorClass.THROTTLED, error.errorClass());
        // 05:30 UTC is 23:30 CST: the quota resets in half an hour.
        assertEquals(Optional.of(Duration.ofMinutes(30)), error.retryAfter());
        // 12:00 UTC is 06:00 CST: eighteen hours to go.
        assertEquals(Duration.ofHours(18), MarketoErrors.untilQuotaResets(NOW));
    }

    @Test
    void token_errors_left_after_renewal_and_access_denied_are_auth() {
        for (String code : new String[] {"600", "601", "602", "603"}) {
            assertEquals(ErrorClass.AUTH, MarketoErrors.failure("marketo m", code, "x", NOW).errorClass(), code);
        }
        assertTrue(MarketoErrors.expiredToken("601"));
        assertTrue(MarketoErrors.expiredToken("602"));
    }

    @Test
    void timeouts_outages_and_system_errors_are_retryable() {
        for (String code : new String[] {"502", "604", "608", "611", "713"}) {
            assertEquals(ErrorClass.RETRYABLE, MarketoErrors.failure("marketo m", code, "x", NOW).errorClass(), code);
        }
    }

    @Test
    void invalid_requests_and_data_are_permanent() {
        for (String code : new String[] {"605", "609", "610", "612", "1001", "1003", "1006", "1013"}) {
            assertEquals(ErrorClass.PERMANENT, MarketoErrors.failure("marketo m", code, "x", NOW).errorClass(), code);
        }
    }
}
