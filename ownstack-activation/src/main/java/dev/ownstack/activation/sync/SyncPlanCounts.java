package dev.ownstack.activation.sync;

/**
 * What a run's diff found: records to add, change and remove, and how many records the
 * destination held before (from the synced state).
 */
public record SyncPlanCounts(long adds, long changes, long removes, long destinationRecords) {
    public static final SyncPlanCounts NONE = new SyncPlanCounts(0, 0, 0, 0);
}
