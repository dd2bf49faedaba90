package dev.ownstack.ingest.events;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The durable log between the collector and the loader. The collector acknowledges a request only
 * when {@link #append(List)} has completed, so everything appended survives a crash; the loader
 * reads from the last position it committed to the warehouse, so nothing is loaded twice.
 *
 * <p>Threading: {@link #append(List)} is called by many request threads at once and groups their
 * records into one write and one sync (group commit). Readers are used by one thread each.
 */
public interface EventLog extends AutoCloseable {

    /**
     * A stable identity of this log (for example {@code file:<uuid>} or {@code kafka:<topic>}),
     * under which the loader keeps its committed position in the warehouse.
     */
    String id();

    /**
     * Appends the records; the future completes, with the position just after them, once they
     * are durable (synced to disk, or acknowledged by all in-sync Kafka replicas). It completes
     * exceptionally with an {@code OwnstackException}: {@code OVERLOADED} when the log's write
     * queue is full (the caller answers 429/503 and the client retries), {@code IO_FAILED} when the
     * write or sync failed (nothing of that group is acknowledged).
     */
    CompletableFuture<LogPosition> append(List<LogRecord> records);

    /** A reader positioned at {@code from} (use {@link LogPosition#START} for the beginning). */
    EventLogReader reader(LogPosition from);

    /** Bytes appended after {@code loaded}: the loader's backlog (an estimate where exact is costly). */
    long backlogBytes(LogPosition loaded);

    /**
     * Tells the log that everything before {@code loaded} is in the warehouse, so the space it
     * takes may be reclaimed (whole segments only). Never called with a position not yet committed.
     */
    void release(LogPosition loaded);

    /** Completes or fails every pending append, then releases files and threads. */
    @Override
    void close();
}
