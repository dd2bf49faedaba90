package dev.ownstack.activation.sync.delivery;

import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.SyncRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Cuts a stream of records into batches of at most {@link Capabilities#maxBatchRecords()} records
 * and {@link Capabilities#maxBatchBytes()} bytes of JSON (the fields as a JSON array of objects).
 * A record larger than the byte limit on its own goes alone in its batch; the destination decides.
 */
final class BatchCutter implements Iterator<List<SyncRecord>> {
    private final Iterator<SyncRecord> records;
    private final int maxRecords;
    private final long maxBytes;
    private SyncRecord carried;
    private long carriedSize;

    BatchCutter(Iterator<SyncRecord> records, Capabilities capabilities) {
        this.records = records;
        this.maxRecords = capabilities.maxBatchRecords();
        this.maxBytes = capabilities.maxBatchBytes();
    }

    @Override
    public boolean hasNext() {
        return carried != null || records.hasNext();
    }

    @Override
    public List<SyncRecord> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<SyncRecord> batch = new ArrayList<>(Math.min(maxRecords, 1024));
        long bytes = 2;
        while (batch.size() < maxRecords && (carried != null || records.hasNext())) {
            SyncRecord record = carried != null ? carried : records.next();
            long size = carried != null ? carriedSize : (maxBytes > 0 ? JsonSize.of(record.fields()) : 0);
            carried = null;
            long grown = bytes + size + (batch.isEmpty() ? 0 : 1);
            if (maxBytes > 0 && !batch.isEmpty() && grown > maxBytes) {
                carried = record;
                carriedSize = size;
                break;
            }
            batch.add(record);
            bytes = grown;
        }
        return batch;
    }
}
