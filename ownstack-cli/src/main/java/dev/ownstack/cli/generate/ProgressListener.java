package dev.ownstack.cli.generate;

/**
 * Receives progress of a run.
 *
 * <p>Called on the generating thread, at most about twice a second and once more when the last
 * customer is written, so an implementation may print without throttling. It must return quickly:
 * generation waits for it.
 */
@FunctionalInterface
public interface ProgressListener {

    void progress(long customersDone, long customersTotal, long rowsWritten);

    static ProgressListener silent() {
        return (customersDone, customersTotal, rowsWritten) -> { };
    }
}
