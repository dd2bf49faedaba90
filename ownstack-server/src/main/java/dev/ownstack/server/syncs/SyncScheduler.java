package dev.ownstack.server.syncs;

import dev.ownstack.core.config.syncs.CronExpression;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.config.syncs.SyncTrigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs syncs by themselves: those with a cron {@code schedule} when it fires, those with
 * {@code trigger: after-build} when {@link #afterBuild()} is called. Each run goes to a worker pool,
 * so a slow sync never delays another; a sync that is still running when it is due again is
 * skipped (the engine refuses a second run as well) and runs at its next due time.
 *
 * <p>A single timer thread calls {@link #tick()} every second once {@link #start()} was called;
 * tests call {@link #tick()} themselves with a clock they move. A schedule that fired while the
 * server was down is not caught up: the first fire time counted is the first after the start.
 * Thread-safe.
 */
public final class SyncScheduler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SyncScheduler.class.getName());
    private static final Duration TICK = Duration.ofSeconds(1);

    /** Runs one sync to its end on the calling worker thread; it reports its own outcome (alerts, logs) and does not throw. */
    @FunctionalInterface
    public interface Runner {
        void run(String sync, String reason);
    }

    private volatile Map<String, CronExpression> schedules = Map.of();
    private volatile List<String> afterBuild = List.of();
    private final Map<String, Instant> nextFire = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Runner runner;
    private final Clock clock;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("ownstack-sync-scheduler"));

    /**
     * @param workers runs the syncs; the scheduler shuts it down when closed
     */
    public SyncScheduler(Collection<SyncDefinition> syncs, Runner runner, Clock clock, ExecutorService workers) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.workers = Objects.requireNonNull(workers, "workers");
        replace(syncs);
    }

    /**
     * Goes on with these syncs (after one was saved, changed or deleted): a sync whose schedule
     * stayed the same keeps its next fire time, a new or changed schedule counts from now, and a
     * sync that is gone or has no schedule any more is no longer started (a run of it already
     * going finishes).
     */
    public synchronized void replace(Collection<SyncDefinition> syncs) {
        Instant now = clock.instant();
        Map<String, CronExpression> newSchedules = new LinkedHashMap<>();
        List<String> newAfterBuild = new ArrayList<>();
        for (SyncDefinition sync : syncs) {
            if (sync.trigger() instanceof SyncTrigger.Cron cron) {
                CronExpression expression = CronExpression.parse(cron.expression());
                newSchedules.put(sync.name(), expression);
                CronExpression before = schedules.get(sync.name());
                if (before == null || !before.toString().equals(expression.toString()) || !nextFire.containsKey(sync.name())) {
                    expression.next(now).ifPresentOrElse(next -> nextFire.put(sync.name(), next), () -> nextFire.remove(sync.name()));
                }
            } else if (sync.trigger() instanceof SyncTrigger.AfterBuild) {
                newAfterBuild.add(sync.name());
            }
        }
        nextFire.keySet().retainAll(newSchedules.keySet());
        schedules = java.util.Collections.unmodifiableMap(newSchedules);
        afterBuild = List.copyOf(newAfterBuild);
    }

    /** A pool of {@code threads} daemon workers for {@link #SyncScheduler}. */
    public static ExecutorService workerPool(int threads) {
        return Executors.newFixedThreadPool(threads, daemon("ownstack-sync-worker"));
    }

    /** Starts the timer thread. */
    public void start() {
        timer.scheduleAtFixedRate(this::tickSafely, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts every sync whose schedule fired by now; returns the syncs started. */
    public synchronized List<String> tick() {
        Instant now = clock.instant();
        List<String> started = new ArrayList<>();
        for (Map.Entry<String, CronExpression> entry : schedules.entrySet()) {
            String sync = entry.getKey();
            Instant due = nextFire.get(sync);
            if (due == null || now.isBefore(due)) {
                continue;
            }
            entry.getValue().next(now).ifPresentOrElse(next -> nextFire.put(sync, next), () -> nextFire.remove(sync));
            if (submit(sync, "schedule " + entry.getValue())) {
                started.add(sync);
            }
        }
        return started;
    }

    /** Starts every sync with {@code trigger: after-build} (those still running are skipped); returns the syncs started. */
    public List<String> afterBuild() {
        List<String> started = new ArrayList<>();
        for (String sync : afterBuild) {
            if (submit(sync, "after build")) {
                started.add(sync);
            }
        }
        return started;
    }

    /** When a scheduled sync runs next; empty for syncs without a schedule. */
    public Optional<Instant> nextRun(String sync) {
        return Optional.ofNullable(nextFire.get(sync));
    }

    /** The syncs running now. */
    public Set<String> running() {
        return Set.copyOf(running);
    }

    private boolean submit(String sync, String reason) {
        if (!running.add(sync)) {
            LOG.log(System.Logger.Level.WARNING, "sync " + sync + " is due (" + reason + ") but still running; skipped this time");
            return false;
        }
        try {
            workers.execute(() -> {
                try {
                    runner.run(sync, reason);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "sync " + sync + " failed", e);
                } finally {
                    running.remove(sync);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            running.remove(sync);
            return false;
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the sync scheduler failed to check its schedules", e);
        }
    }

    /** Stops the timer and lets running syncs finish for up to 30 s. */
    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
