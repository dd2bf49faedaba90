package dev.ownstack.activation.sync.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {
    @Test
    void doubles_the_backoff_ceiling_per_failure_up_to_the_cap() {
        DeliveryPolicy policy = DeliveryPolicy.DEFAULT;
        assertEquals(Duration.ofMillis(500), policy.backoffCeiling(1));
        assertEquals(Duration.ofSeconds(1), policy.backoffCeiling(2));
        assertEquals(Duration.ofSeconds(32), policy.backoffCeiling(7));
        assertEquals(Duration.ofSeconds(60), policy.backoffCeiling(8));
        assertEquals(Duration.ofSeconds(60), policy.backoffCeiling(500));
    }

    @Test
    void jitters_the_backoff_over_the_whole_range_below_the_ceiling() {
        DeliveryPolicy policy = DeliveryPolicy.DEFAULT;
        assertEquals(Duration.ZERO, policy.backoff(3, 0));
        assertEquals(Duration.ofSeconds(1), policy.backoff(3, 0.5));
        assertEquals(Duration.ofNanos(1_999_999_998), policy.backoff(3, 0.999_999_999));
    }

    @Test
    void rejects_a_cap_below_the_base() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> DeliveryPolicy.DEFAULT.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 3));
        assertEquals("backoff base must be at least 0 and at most the cap, got PT2S and PT1S", thrown.getMessage());
    }
}
