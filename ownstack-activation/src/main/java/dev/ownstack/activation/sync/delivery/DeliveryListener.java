package dev.ownstack.activation.sync.delivery;

import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.SyncRecord;
import java.util.List;
import java.util.Map;

/**
 * Told what became of each record a {@link Sender} sends, as soon as it is known, from the
 * sender's threads (implementations are thread-safe). Every record passed to the sender ends
 * in exactly one call, unless the delivery stops early ({@link DeliveryReport#stoppedBy()}):
 * then records not yet sent get no call.
 */
public interface DeliveryListener {
    /** Records the destination accepted, with their results (destination ids where returned), in the same order. */
    void accepted(Operation operation, List<SyncRecord> records, List<RecordResult> results);

    /**
     * A record not accepted in this run: rejected permanently, or still failing after the retries
     * allowed.
     *
     * @param attempts how many times it was sent in this run
     */
    void rejected(Operation operation, SyncRecord record, RecordResult result, int attempts);

    /** Counts the destination reported for one answered request ({@link dev.ownstack.activation.destination.BatchResult#reported()}). */
    default void reported(Map<String, Long> counts) {
    }
}
