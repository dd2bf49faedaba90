package dev.ownstack.server.syncs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.audience.testing.SettableClock;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.config.syncs.SyncGuardrails;
import dev.ownstack.core.config.syncs.SyncMode;
import dev.ownstack.core.config.syncs.SyncSource;
import dev.ownstack.core.config.syncs.SyncTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SyncSchedulerTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-26T14:21:30Z"));
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch> blocked = new ConcurrentHashMap<>();
    private final CountDownLatch finished = new CountDownLatch(1);

    private static SyncDefinition sync(String name, SyncTrigger trigger) {
        return new SyncDefinition(name, new SyncSource.Audience("vip"), "hook", "id", Map.of("id", "id"), SyncMode.UPSERT, trigger,
                SyncGuardrails.DEFAULT, SyncDefinition.DEFAULT_RETRY_WINDOW);
    }

    private SyncScheduler scheduler(SyncDefinition... syncs) {
        return new SyncScheduler(List.of(syncs), (sync, reason) -> {
            CountDownLatch gate = blocked.get(sync);
            if (gate != null) {
                await(gate);
            }
            ran.add(sync + " (" + reason + ")");
        }, clock, SyncScheduler.workerPool(4));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "timed out waiting");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void runs_a_scheduled_sync_only_once_its_time_has_come() {
        try (SyncScheduler scheduler = scheduler(sync("hourly", new SyncTrigger.Cron("0 * * * *")))) {
            assertEquals(Optional.of(Instant.parse("2026-11-26T15:00:00Z")), scheduler.nextRun("hourly"));
            assertEquals(List.of(), scheduler.tick());
            clock.advance(Duration.ofMinutes(38));
            assertEquals(List.of(), scheduler.tick());
            clock.advance(Duration.ofSeconds(30));
            assertEquals(List.of("hourly"), scheduler.tick());
            assertEquals(Optional.of(Instant.parse("2026-11-26T16:00:00Z")), scheduler.nextRun("hourly"));
            assertEquals(List.of(), scheduler.tick());
        }
        assertEquals(List.of("hourly (schedule 0 * * * *)"), ran);
    }

    @Test
    void goes_on_with_saved_changed_and_deleted_syncs() {
        try (SyncScheduler scheduler = scheduler(sync("hourly", new SyncTrigger.Cron("0 * * * *")))) {
            clock.advance(Duration.ofMinutes(30));
            scheduler.replace(List.of(sync("hourly", new SyncTrigger.Cron("0 * * * *")), sync("quarterly", new SyncTrigger.Cron("*/15 * * * *")),
                    sync("built", new SyncTrigger.AfterBuild())));
            assertEquals(Optional.of(Instant.parse("2026-11-26T15:00:00Z")), scheduler.nextRun("hourly"));
            assertEquals(Optional.of(Instant.parse("2026-11-26T15:00:00Z")), scheduler.nextRun("quarterly"));
            assertEquals(List.of("built"), scheduler.afterBuild());
            scheduler.replace(List.of(sync("hourly", new SyncTrigger.Cron("30 * * * *")), sync("quarterly", new SyncTrigger.Manual())));
            assertEquals(Optional.of(Instant.parse("2026-11-26T15:30:00Z")), scheduler.nextRun("hourly"));
            assertEquals(Optional.empty(), scheduler.nextRun("quarterly"));
            assertEquals(List.of(), scheduler.afterBuild());
            clock.advance(Duration.ofMinutes(30));
            assertEquals(List.of(), scheduler.tick());
            scheduler.replace(List.of());
            clock.advance(Duration.ofHours(2));
            assertEquals(List.of(), scheduler.tick());
        }
        assertEquals(List.of("built (after build)"), ran);
    }

    @Test
    void fires_once_after_a_long_pause_without_catching_up_every_missed_time() {
        try (SyncScheduler scheduler = scheduler(sync("quarterly", new SyncTrigger.Cron("*/15 * * * *")))) {
            clock.advance(Duration.ofHours(3));
            assertEquals(List.of("quarterly"), scheduler.tick());
            assertEquals(List.of(), scheduler.tick());
            assertEquals(Optional.of(Instant.parse("2026-11-26T17:30:00Z")), scheduler.nextRun("quarterly"));
        }
    }

    @Test
    void never_starts_a_sync_that_is_still_running_and_a_slow_sync_does_not_hold_up_another() {
        blocked.put("slow", new CountDownLatch(1));
        try (SyncScheduler scheduler = scheduler(sync("slow", new SyncTrigger.Cron("* * * * *")),
                sync("fast", new SyncTrigger.Cron("* * * * *")))) {
            clock.advance(Duration.ofMinutes(1));
            assertEquals(List.of("slow", "fast"), scheduler.tick());
            waitUntil(() -> ran.contains("fast (schedule * * * * *)"));
            assertEquals(java.util.Set.of("slow"), scheduler.running());

            clock.advance(Duration.ofMinutes(1));
            assertEquals(List.of("fast"), scheduler.tick());
            blocked.get("slow").countDown();
            waitUntil(() -> scheduler.running().isEmpty());
            clock.advance(Duration.ofMinutes(1));
            assertEquals(List.of("slow", "fast"), scheduler.tick());
        }
        assertEquals(2, ran.stream().filter(run -> run.startsWith("slow")).count(), ran.toString());
        assertEquals(3, ran.stream().filter(run -> run.startsWith("fast")).count(), ran.toString());
    }

    @Test
    void after_build_starts_only_the_syncs_with_that_trigger() {
        try (SyncScheduler scheduler = scheduler(sync("built", new SyncTrigger.AfterBuild()), sync("manual", new SyncTrigger.Manual()),
                sync("hourly", new SyncTrigger.Cron("0 * * * *")))) {
            assertEquals(List.of("built"), scheduler.afterBuild());
            assertEquals(Optional.empty(), scheduler.nextRun("built"));
            clock.advance(Duration.ofDays(1));
            assertEquals(List.of("hourly"), scheduler.tick());
        }
        assertEquals(List.of("built", "hourly"), ran.stream().map(run -> run.split(" ")[0]).sorted().toList());
    }

    @Test
    void a_failing_run_frees_its_sync_for_the_next_time() {
        List<String> attempts = new CopyOnWriteArrayList<>();
        try (SyncScheduler scheduler = new SyncScheduler(List.of(sync("flaky", new SyncTrigger.Cron("* * * * *"))), (sync, reason) -> {
            attempts.add(sync);
            throw new IllegalStateException("boom");
        }, clock, SyncScheduler.workerPool(1))) {
            clock.advance(Duration.ofMinutes(1));
            assertEquals(List.of("flaky"), scheduler.tick());
            waitUntil(() -> attempts.size() == 1 && scheduler.running().isEmpty());
            clock.advance(Duration.ofMinutes(1));
            assertEquals(List.of("flaky"), scheduler.tick());
        }
        assertEquals(2, attempts.size());
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached in 30 s");
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
