package dev.ownstack.activation.sync;

/** Where a sync run stands or how it ended. */
public enum SyncRunStatus {
    /** Sending now (or the process running it died: the next run marks it {@link #ABANDONED}). */
    RUNNING,
    /** Every change was accepted. */
    SUCCEEDED,
    /** Finished, but some records were rejected; they are in {@code ownstack.sync_errors} and retried later. */
    PARTIAL,
    /** Stopped by an error that concerns the whole run (authentication, an outage past the retries, a warehouse error). */
    FAILED,
    /** Stopped by a guardrail before sending anything; {@code ownstack sync approve RUN} sends it. */
    AWAITING_APPROVAL,
    /** A run stopped by a guardrail that was approved; the approval's own run did the sending. */
    APPROVED,
    /** Found {@code RUNNING} by a later run: its process died; what it had sent and was acknowledged is kept. */
    ABANDONED,
    /** Computed what would be sent and sent nothing. */
    DRY_RUN
}
