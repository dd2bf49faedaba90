package dev.ownstack.activation.destination;

import java.util.Iterator;

/**
 * An open connection to one configured destination. The sync engine calls {@link #write} from
 * up to {@link Capabilities#maxConcurrency()} threads at once; implementations are thread-safe.
 * For one run: {@link #start}, then batches, then {@link #finish} only when every batch was
 * written; a run that fails or is killed never reaches {@code finish}.
 */
public interface Destination extends AutoCloseable {
    /** Whether the destination answers with these settings and credentials; never throws for an unreachable destination. */
    CheckResult check();

    /** Before the run's first batch (files: open the run's folder). */
    default void start(RunInfo run) {
    }

    /**
     * Sends one batch and says what became of each record.
     *
     * @throws DestinationException when the destination did not answer the batch as a whole;
     *     its error class decides whether the engine stops, waits or retries the whole batch
     */
    BatchResult write(RecordBatch batch);

    /**
     * After the run's last batch was written (files: write the manifest, publish the parts).
     *
     * @param current when {@link Capabilities#snapshot()}, every record now in the destination
     *                (the records accepted by this and earlier runs), in key order; otherwise empty
     */
    default void finish(RunInfo run, Iterator<SyncRecord> current) {
    }

    @Override
    default void close() {
    }
}
