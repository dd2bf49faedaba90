package dev.ownstack.activation.sync;

import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.ResultColumn;
import dev.ownstack.warehouse.RowHandler;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The rows of a streamed query as an iterator, for a {@link dev.ownstack.activation.sync.delivery.Sender}
 * that pulls records: a thread runs the query on its own connection and hands the records over
 * through a small queue in chunks of {@value #CHUNK} (one hand-over per record costs more than the
 * record), so at most about {@value #BUFFER} chunks of them are in memory. {@link #close()}
 * stops the query when the reader stops early. A failure of the query surfaces from
 * {@link #hasNext()} as the warehouse reported it. One reader thread.
 */
final class StreamedRecords implements Iterator<SyncRecord>, AutoCloseable {
    static final int BUFFER = 16;
    static final int CHUNK = 512;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BUFFER);
    private final Thread producer;
    private volatile boolean cancelled;
    private Iterator<SyncRecord> chunk = Collections.emptyIterator();
    private boolean ended;

    StreamedRecords(Warehouse warehouse, String sql, List<Object> parameters, Function<Object[], SyncRecord> row, String name) {
        producer = new Thread(() -> produce(warehouse, sql, parameters, row), name);
        producer.setDaemon(true);
        producer.start();
    }

    private void produce(Warehouse warehouse, String sql, List<Object> parameters, Function<Object[], SyncRecord> row) {
        Object last = END;
        List<SyncRecord> pending = new ArrayList<>(CHUNK);
        try {
            warehouse.query(sql, parameters, new RowHandler() {
                @Override
                public void columns(List<ResultColumn> columns) {
                }

                @Override
                public void row(Object[] values) {
                    pending.add(row.apply(values));
                    if (pending.size() == CHUNK) {
                        put(List.copyOf(pending));
                        pending.clear();
                    }
                }
            });
            if (!pending.isEmpty()) {
                put(List.copyOf(pending));
            }
        } catch (Cancelled e) {
            return;
        } catch (RuntimeException e) {
            last = e;
        }
        try {
            put(last);
        } catch (Cancelled e) {
            // the reader is gone; nobody waits for the end
        }
    }

    private void put(Object item) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (cancelled) {
                    throw new Cancelled();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        }
    }

    @Override
    public boolean hasNext() {
        while (!ended && !chunk.hasNext()) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OwnstackException(ErrorCode.INTERNAL, "interrupted while reading the records to send", e);
            }
            if (item == END) {
                ended = true;
            } else if (item instanceof RuntimeException failure) {
                ended = true;
                throw failure;
            } else {
                @SuppressWarnings("unchecked")
                List<SyncRecord> records = (List<SyncRecord>) item;
                chunk = records.iterator();
            }
        }
        return chunk.hasNext();
    }

    @Override
    public SyncRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return chunk.next();
    }

    /** Stops the query if it still runs and waits for its thread, so that its connection is free again. */
    @Override
    public void close() {
        cancelled = true;
        queue.clear();
        try {
            producer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }
}
