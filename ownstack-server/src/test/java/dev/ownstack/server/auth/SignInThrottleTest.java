package dev.ownstack.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    private final SessionsTest.MovableClock clock = new SessionsTest.MovableClock();
    private final SignInThrottle throttle = new SignInThrottle(3, Duration.ofMinutes(15), clock);

    @Test
    void refuses_a_name_at_an_address_after_too_many_failures_until_the_window_passes() {
        for (int i = 0; i < 3; i++) {
            throttle.check("ann", "10.0.0.1");
            throttle.failed("ann", "10.0.0.1");
            clock.advance(Duration.ofMinutes(1));
        }
        assertEquals(Optional.of(Duration.ofMinutes(12)), throttle.wait("ann", "10.0.0.1"));
        OwnstackException error = assertThrows(OwnstackException.class, () -> throttle.check("ann", "10.0.0.1"));
        assertEquals(ErrorCode.OVERLOADED, error.code());
        assertTrue(error.getMessage().contains("try again in 720 seconds"), error.getMessage());
        throttle.check("ann", "10.0.0.2");
        throttle.check("bob", "10.0.0.1");
        clock.advance(Duration.ofMinutes(12));
        throttle.check("ann", "10.0.0.1");
    }

    @Test
    void forgets_failures_after_a_successful_sign_in() {
        throttle.failed("ann", "10.0.0.1");
        throttle.failed("ann", "10.0.0.1");
        throttle.succeeded("ann", "10.0.0.1");
        throttle.failed("ann", "10.0.0.1");
        throttle.failed("ann", "10.0.0.1");
        assertEquals(Optional.empty(), throttle.wait("ann", "10.0.0.1"));
    }
}
