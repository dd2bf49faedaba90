package dev.ownstack.core.config.syncs;

/**
 * Limits that stop a run before it sends anything, until someone approves it.
 *
 * @param maxChangeShare  a run that would remove or change more than this share (0 to 1) of the
 *                        records in the destination stops for approval; default 0.2
 * @param allowEmptySource whether a source with no records may remove everything from the
 *                        destination; default false (such a run stops for approval)
 */
public record SyncGuardrails(double maxChangeShare, boolean allowEmptySource) {
    public static final SyncGuardrails DEFAULT = new SyncGuardrails(0.2, false);

    public SyncGuardrails {
        if (!(maxChangeShare >= 0 && maxChangeShare <= 1)) {
            throw new IllegalArgumentException("max-change-share must be from 0 to 1, got " + maxChangeShare);
        }
    }
}
