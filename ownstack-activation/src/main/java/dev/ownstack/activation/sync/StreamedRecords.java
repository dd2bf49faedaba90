package dev.ownstack.activation.sync;

import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.ResultColumn;
import dev.ownstack.warehouse.RowHandler;
import dev.ownstack.warehouse.Warehouse;
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
 * through a small queue, so at most {@value #BUFFER} of them are in memory. {@link #close()}
 * stops the query when the reader stops early. A failure of the query surfaces from
 * {@link #hasNext()} as the warehouse reported it. One reader thread.
 */
final class StreamedRecords implements Iterator<SyncRecord>, AutoCloseable {
    static final int BUFFER = 2048;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BUFFER);
    private final Thread producer;
    private volatile boolean cancelled;
    private Object next;
    private boolean ended;

    StreamedRecords(Warehouse warehouse, String sql, List<Object> parameters, Function<Object[], SyncRecord> row, String name) {
        producer = new Thread(() -> produce(warehouse, sql, parameters, row), name);
        producer.setDaemon(true);
        producer.start();
    }

    private void produce(Warehouse warehouse, String sql, List<Object> parameters, Function<Object[], SyncRecord> row) {
        Object last = END;
        try {
            warehouse.query(sql, parameters, new RowHandler() {
                @Override
                public void columns(List<ResultColumn> columns) {
                }

                @Override
                public void row(Object[] values) {
                    put(row.apply(values));
                }
            });
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
        if (ended) {
            return false;
        }
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OwnstackException(ErrorCode.INTERNAL, "interrupted while reading the records to send", e);
            }
        }
        if (next == END) {
            ended = true;
            return false;
        }
        if (next instanceof RuntimeException failure) {
            ended = true;
            next = null;
            throw failure;
        }
        return true;
    }

    @Override
    public SyncRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SyncRecord record = (SyncRecord) next;
        next = null;
        return record;
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
