package dev.ownstack.activation.sync.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RequestPacerTest {
    static final long MS = 1_000_000;

    @Test
    void never_grants_more_starts_than_the_limit_in_any_window_and_uses_all_of_it() {
        RequestPacer pacer = new RequestPacer(Optional.of(new RateLimit(3000, Duration.ofSeconds(3))), 0);
        SplittableRandom random = new SplittableRandom(1);
        List<Long> starts = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 30_000; i++) {
            long start = pacer.reserve(now);
            assertTrue(start >= now, "a start before the request");
            starts.add(start);
            now = start + random.nextLong(MS / 2);
        }
        assertEquals(3000, DestinationSenderTest.maxInWindow(starts, 3000 * MS));
        double seconds = (starts.get(starts.size() - 1) - starts.get(0)) / 1e9;
        assertTrue(30_000 / seconds >= 0.9 * 1000, "paced to " + 30_000 / seconds + " requests per second");
    }

    @Test
    void grants_a_burst_as_large_as_the_window_at_once_and_no_more() {
        RequestPacer pacer = new RequestPacer(Optional.of(new RateLimit(10, Duration.ofSeconds(1))), 0);
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            starts.add(pacer.reserve(0));
        }
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L), starts.subList(0, 10));
        assertEquals(List.of(1000 * MS, 1000 * MS, 2000 * MS), List.of(starts.get(10), starts.get(19), starts.get(20)));
    }

    @Test
    void stretches_the_window_by_the_margin() {
        RequestPacer pacer = new RequestPacer(Optional.of(new RateLimit(1, Duration.ofSeconds(1))), 0.1);
        pacer.reserve(0);
        assertEquals(1100 * MS, pacer.reserve(0));
    }

    @Test
    void holds_every_start_until_the_hold_off_ends() {
        RequestPacer pacer = new RequestPacer(Optional.empty(), 0);
        assertEquals(5 * MS, pacer.reserve(5 * MS));
        pacer.holdOff(10 * MS, Duration.ofMillis(200));
        assertTrue(pacer.heldAt(5 * MS), "a start reserved before the hold-off is reserved again");
        assertEquals(210 * MS, pacer.reserve(20 * MS));
        pacer.holdOff(20 * MS, Duration.ofMillis(50));
        assertEquals(210 * MS, pacer.reserve(30 * MS), "a shorter hold-off does not shorten a longer one");
        assertEquals(300 * MS, pacer.reserve(300 * MS));
    }
}
