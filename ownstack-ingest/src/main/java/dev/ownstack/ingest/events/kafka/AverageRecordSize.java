package dev.ownstack.ingest.events.kafka;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The mean JSON size of the records this process appended or read, for turning a count of
 * records into bytes. Before any record is seen it assumes a typical event's size. Thread-safe.
 */
final class AverageRecordSize {
    /** About the size of a normalised track event from a web SDK. */
    static final long ASSUMED_BYTES = 600;

    private final AtomicLong records = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    void observe(long recordBytes) {
        bytes.addAndGet(recordBytes);
        records.incrementAndGet();
    }

    long bytesPerRecord() {
        long seen = records.get();
        return seen == 0 ? ASSUMED_BYTES : Math.max(1, bytes.get() / seen);
    }
}
