package dev.ownstack.ingest.events;

import dev.ownstack.core.config.CollectorConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Moves events from an {@link EventLog} into {@code raw.events} (and rejects into
 * {@code ownstack.event_rejects}) in micro-batches, exactly once: the rows and the log position
 * after them are committed in one warehouse transaction, and events whose
 * {@code (source, message_id)} is already in {@code raw.events} within the dedup window are
 * dropped.
 *
 * <p>Each batch opens a new warehouse from the supplier and closes it when done, so that other
 * processes (the CLI on a DuckDB file) can use the warehouse between batches. A batch:
 * read the committed position of {@link EventLog#id()} from {@code ownstack.event_log_positions};
 * take up to {@code loadBatchEvents} records from there; in one transaction stage the events, insert
 * the new ones into {@code raw.events}, write the rejects and save the position after the batch;
 * then {@link EventLog#release} the log up to it. A failed batch commits nothing, and the next one
 * starts again from the committed position.
 *
 * <p>Threading: {@link #loadAvailable()} runs a batch on the caller's thread; {@link #start()} runs
 * batches on a background thread until {@link #close()}. Batches never overlap. {@link #stats()}
 * and {@link #backlogBytes()} may be called from any thread.
 */
public final class EventLoader implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventLoader.class.getName());
    /** How long the background thread waits for records in one go, so that {@link #close()} is prompt. */
    private static final Duration POLL_SLICE = Duration.ofMillis(250);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);

    /**
     * @param loadInterval the longest an appended record waits before a batch takes it
     * @param loadBatchEvents the most records one batch (one transaction) takes
     * @param dedupWindow how far back (by {@code received_at}) a repeated {@code (source, messageId)} counts as a duplicate
     */
    public record Options(Duration loadInterval, int loadBatchEvents, Duration dedupWindow) {
        public Options {
            Objects.requireNonNull(loadInterval, "loadInterval");
            Objects.requireNonNull(dedupWindow, "dedupWindow");
            if (loadInterval.isNegative() || loadInterval.isZero() || loadBatchEvents < 1 || dedupWindow.isNegative()) {
                throw new OwnstackException(ErrorCode.CONFIG_INVALID, "event loading needs a positive load interval and batch size"
                        + " and a dedup window of zero or more, got " + loadInterval + ", " + loadBatchEvents + " and " + dedupWindow);
            }
        }

        public static Options from(CollectorConfig config) {
            return new Options(config.loadInterval(), config.loadBatchEvents(), config.dedupWindow());
        }
    }

    /** What one batch did: events inserted, duplicates dropped, rejects written, and the position committed after it. */
    public record LoadCycle(long loaded, long duplicates, long rejects, LogPosition position) {
        public LoadCycle {
            Objects.requireNonNull(position, "position");
        }

        /** Records the batch took from the log. */
        public long records() {
            return loaded + duplicates + rejects;
        }
    }

    /** Totals since this loader was made, for metrics. */
    public record Stats(long loaded, long duplicates, long rejects, Optional<Instant> lastLoadAt, Optional<String> lastError) {
        public Stats {
            Objects.requireNonNull(lastLoadAt, "lastLoadAt");
            Objects.requireNonNull(lastError, "lastError");
        }
    }

    private final EventLog log;
    private final Supplier<Warehouse> warehouses;
    private final Options options;
    private final Clock clock;

    /** Held while a batch runs, so that batches never overlap. */
    private final ReentrantLock batchLock = new ReentrantLock();
    private EventLogReader reader;
    private boolean tablesReady;
    private volatile LogPosition committed;

    private final AtomicLong loaded = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejects = new AtomicLong();
    private volatile Instant lastLoadAt;
    private volatile String lastError;

    private final ReentrantLock stateLock = new ReentrantLock();
    private final Condition stopSignal = stateLock.newCondition();
    private boolean stopping;
    private Thread thread;

    public EventLoader(EventLog log, Supplier<Warehouse> warehouses, Options options, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.warehouses = Objects.requireNonNull(warehouses, "warehouses");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Loads one batch of what the log holds now (nothing waits for more); an empty cycle when there is nothing. */
    public LoadCycle loadAvailable() {
        return cycle(Duration.ZERO);
    }

    private LoadCycle cycle(Duration wait) {
        batchLock.lock();
        try {
            if (reader == null) {
                try (Warehouse warehouse = warehouses.get()) {
                    ensureTables(warehouse);
                    committed = committedPosition(warehouse);
                }
                reader = log.reader(committed);
            }
            LogPosition from = reader.position();
            List<LogEntry> entries = reader.poll(options.loadBatchEvents(), wait);
            if (entries.isEmpty()) {
                return new LoadCycle(0, 0, 0, from);
            }
            LoadCycle cycle;
            try (Warehouse warehouse = warehouses.get()) {
                ensureTables(warehouse);
                LogPosition saved = committedPosition(warehouse);
                if (!samePosition(saved, from)) {
                    // someone moved the position (or a batch we thought failed did commit): go by the warehouse
                    LOG.log(System.Logger.Level.WARNING, "event log " + log.id() + ": the warehouse says " + saved
                            + " was loaded, this loader was at " + from + "; reading from the warehouse's position");
                    reopenReader(saved);
                    from = reader.position();
                    entries = reader.poll(options.loadBatchEvents(), Duration.ZERO);
                    if (entries.isEmpty()) {
                        committed = saved;
                        return new LoadCycle(0, 0, 0, from);
                    }
                }
                LogPosition after = reader.position();
                List<LogEntry> batch = entries;
                cycle = warehouse.inTransaction(transaction -> write(transaction, batch, after));
            } catch (RuntimeException e) {
                // nothing of this batch committed (or we cannot tell): read again from the warehouse's position next time
                closeReader();
                throw e;
            }
            committed = cycle.position();
            loaded.addAndGet(cycle.loaded());
            duplicates.addAndGet(cycle.duplicates());
            rejects.addAndGet(cycle.rejects());
            lastLoadAt = clock.instant();
            log.release(cycle.position());
            return cycle;
        } finally {
            batchLock.unlock();
        }
    }

    private LoadCycle write(Warehouse warehouse, List<LogEntry> entries, LogPosition after) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<Object[]> rejectRows = new ArrayList<>();
        long staged = 0;
        warehouse.execute(EventTables.clearStage(warehouse.dialect()));
        try (RowWriter stage = warehouse.append(EventTables.STAGE, EventTables.names(EventTables.STAGE_COLUMNS))) {
            Object[] row = new Object[EventTables.STAGE_COLUMNS.size()];
            for (LogEntry entry : entries) {
                LogRecord record = entry.record();
                if (record.kind() == LogRecord.Kind.REJECT) {
                    rejectRows.add(withLoadTime(EventRows.reject(record.source(), record.json()), now));
                    continue;
                }
                Object[] event;
                try {
                    event = EventRows.event(record.source(), record.json());
                } catch (OwnstackException e) {
                    rejectRows.add(withLoadTime(EventRows.unloadableRow(record.source(), record.json(),
                            "event record at log offset " + entry.offset() + " " + e.getMessage()), now));
                    continue;
                }
                System.arraycopy(event, 0, row, 0, event.length);
                row[event.length] = staged++;
                stage.write(row);
            }
        }
        long inserted = 0;
        if (staged > 0) {
            inserted = warehouse.execute(EventTables.insertNewEvents(warehouse.dialect()), now, now.minus(options.dedupWindow()));
            warehouse.execute(EventTables.clearStage(warehouse.dialect()));
        }
        if (!rejectRows.isEmpty()) {
            try (RowWriter writer = warehouse.append(EventTables.REJECTS, EventTables.names(EventTables.REJECT_COLUMNS))) {
                rejectRows.forEach(writer::write);
            }
        }
        for (Map.Entry<Integer, Long> offset : after.offsets().entrySet()) {
            EventTables.savePosition(warehouse, log.id(), offset.getKey(), offset.getValue(), now);
        }
        return new LoadCycle(inserted, staged - inserted, rejectRows.size(), after);
    }

    private static Object[] withLoadTime(Object[] reject, OffsetDateTime now) {
        Object[] row = new Object[reject.length + 1];
        System.arraycopy(reject, 0, row, 0, reject.length);
        row[reject.length] = now;
        return row;
    }

    private void ensureTables(Warehouse warehouse) {
        if (!tablesReady) {
            EventTables.ensure(warehouse);
            tablesReady = true;
        }
    }

    private LogPosition committedPosition(Warehouse warehouse) {
        LogPosition position = LogPosition.START;
        for (Object[] row : warehouse.queryAll(EventTables.selectPosition(warehouse.dialect()), log.id()).rows()) {
            position = position.with(((Number) row[0]).intValue(), ((Number) row[1]).longValue());
        }
        return position;
    }

    private static boolean samePosition(LogPosition first, LogPosition second) {
        for (Integer partition : first.offsets().keySet()) {
            if (first.offset(partition) != second.offset(partition)) {
                return false;
            }
        }
        for (Integer partition : second.offsets().keySet()) {
            if (first.offset(partition) != second.offset(partition)) {
                return false;
            }
        }
        return true;
    }

    private void reopenReader(LogPosition position) {
        closeReader();
        reader = log.reader(position);
    }

    private void closeReader() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    /**
     * Bytes appended to the log after the last committed position this loader knows of (the whole
     * log before its first batch): the collector answers 503 when this grows too large.
     */
    public long backlogBytes() {
        LogPosition known = committed;
        return log.backlogBytes(known == null ? LogPosition.START : known);
    }

    public Stats stats() {
        return new Stats(loaded.get(), duplicates.get(), rejects.get(), Optional.ofNullable(lastLoadAt), Optional.ofNullable(lastError));
    }

    /**
     * Starts loading in the background: a batch as soon as records are there, then, unless the
     * batch was full (catching up), a pause of up to the load interval so that later records
     * gather into the next batch and the warehouse is free in between. A record therefore waits at
     * most about one load interval. On a failure the thread logs it, waits (1 s, doubling up to
     * 30 s) and tries the same records again.
     */
    public void start() {
        stateLock.lock();
        try {
            if (thread != null || stopping) {
                throw new OwnstackException(ErrorCode.INTERNAL, "event loader for " + log.id() + " was already started or closed");
            }
            thread = new Thread(this::run, "event-loader");
            thread.setDaemon(true);
            thread.start();
        } finally {
            stateLock.unlock();
        }
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (!isStopping()) {
            long started = System.nanoTime();
            try {
                LoadCycle cycle = cycle(POLL_SLICE.compareTo(options.loadInterval()) < 0 ? POLL_SLICE : options.loadInterval());
                lastError = null;
                backoff = FIRST_BACKOFF;
                if (cycle.records() > 0 && cycle.records() < options.loadBatchEvents()) {
                    pause(options.loadInterval().minusNanos(System.nanoTime() - started));
                }
            } catch (RuntimeException e) {
                lastError = e.getMessage();
                LOG.log(System.Logger.Level.WARNING, "loading events from " + log.id() + " failed, trying again in "
                        + backoff.toSeconds() + " s: " + e.getMessage(), e);
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private boolean isStopping() {
        stateLock.lock();
        try {
            return stopping;
        } finally {
            stateLock.unlock();
        }
    }

    /** Waits for the given time or until {@link #close()}. */
    private void pause(Duration duration) {
        long nanos = duration.toNanos();
        stateLock.lock();
        try {
            while (!stopping && nanos > 0) {
                nanos = stopSignal.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stateLock.unlock();
        }
    }

    /**
     * Stops the background thread after its current batch, then loads what the log still holds
     * (stopping at the first failure, which is logged: those records wait in the log for the next
     * start). Does not close the log.
     */
    @Override
    public void close() {
        Thread running;
        stateLock.lock();
        try {
            stopping = true;
            stopSignal.signalAll();
            running = thread;
        } finally {
            stateLock.unlock();
        }
        if (running != null) {
            joinUninterruptibly(running);
            drain();
        }
        batchLock.lock();
        try {
            closeReader();
        } finally {
            batchLock.unlock();
        }
    }

    private void drain() {
        try {
            while (loadAvailable().records() > 0) {
                // keep going until the log has nothing more
            }
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "loading the last events from " + log.id() + " before closing failed; they stay in the"
                    + " log and load at the next start: " + e.getMessage(), e);
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
