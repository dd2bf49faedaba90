package dev.ownstack.activation.sync.delivery;

import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.SyncRecord;
import java.util.Iterator;

/**
 * Sends records to one destination: in batches of the destination's size, with its concurrency,
 * paced to its rate limit, retrying what may be retried. One sender per destination is shared by
 * every sync that writes to it, so their requests together stay within the destination's limits.
 */
public interface Sender {
    /**
     * Sends every record with one operation and returns when each has been reported to the
     * listener, or when the delivery stopped.
     *
     * @param records read from the calling thread only, each once, with unique keys
     */
    DeliveryReport send(RunInfo run, Operation operation, Iterator<SyncRecord> records, DeliveryListener listener);
}
