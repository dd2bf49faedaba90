package dev.ownstack.destinations.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-26T14:00:00Z");

    @Test
    void reads_delay_seconds() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse(" 120 ", NOW));
    }

    @Test
    void reads_an_http_date_as_the_time_left_until_it() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Thu, 26 Nov 2026 14:01:30 GMT", NOW));
    }

    @Test
    void a_date_in_the_past_means_no_wait() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Thu, 26 Nov 2026 13:00:00 GMT", NOW));
    }

    @Test
    void ignores_a_value_of_neither_form() {
        assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("-5", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("", NOW));
    }
}
