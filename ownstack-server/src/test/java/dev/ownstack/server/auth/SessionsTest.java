package dev.ownstack.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private final MovableClock clock = new MovableClock();
    private final Sessions sessions = new Sessions(Duration.ofMinutes(30), Duration.ofHours(12), clock);

    @Test
    void gives_each_session_a_random_256_bit_id_and_csrf_token() {
        Sessions.Session one = sessions.create("ann");
        Sessions.Session two = sessions.create("ann");
        assertEquals(43, one.id().length());
        assertEquals(43, one.csrfToken().length());
        assertNotEquals(one.id(), two.id());
        assertNotEquals(one.id(), one.csrfToken());
        assertEquals("ann", sessions.find(one.id()).orElseThrow().user());
        assertTrue(!one.toString().contains(one.id()) && !one.toString().contains(one.csrfToken()), one.toString());
    }

    @Test
    void ends_a_session_idle_for_longer_than_the_idle_timeout() {
        Sessions.Session session = sessions.create("ann");
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.find(session.id()).isPresent());
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.find(session.id()).isPresent(), "each request restarts the idle time");
        clock.advance(Duration.ofMinutes(30));
        assertEquals(Optional.empty(), sessions.find(session.id()));
    }

    @Test
    void ends_a_busy_session_at_its_maximum_age() {
        Sessions.Session session = sessions.create("ann");
        for (int i = 0; i < 47; i++) {
            clock.advance(Duration.ofMinutes(15));
            assertTrue(sessions.find(session.id()).isPresent(), "after " + (i + 1) * 15 + " minutes");
        }
        clock.advance(Duration.ofMinutes(15));
        assertEquals(Optional.empty(), sessions.find(session.id()));
    }

    @Test
    void ends_one_session_or_every_session_of_a_user() {
        Sessions.Session first = sessions.create("ann");
        Sessions.Session second = sessions.create("ann");
        Sessions.Session other = sessions.create("bob");
        sessions.end(first.id());
        assertEquals(Optional.empty(), sessions.find(first.id()));
        assertTrue(sessions.find(second.id()).isPresent());
        sessions.endAll("ann");
        assertEquals(Optional.empty(), sessions.find(second.id()));
        assertTrue(sessions.find(other.id()).isPresent());
    }

    @Test
    void knows_no_made_up_session() {
        assertEquals(Optional.empty(), sessions.find("not-a-session"));
    }

    /** A clock tests move by hand. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
