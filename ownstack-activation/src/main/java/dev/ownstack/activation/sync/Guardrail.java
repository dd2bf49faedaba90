package dev.ownstack.activation.sync;

import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.config.syncs.SyncGuardrails;
import java.util.Locale;
import java.util.Optional;

/** Decides whether a run stops for approval before it sends anything, and says why in a sentence. */
final class Guardrail {
    private Guardrail() {
    }

    /**
     * @param plan          the counts the run would send (already by the sync's mode)
     * @param sourceRecords the records in the source now
     * @return why the run stops; empty when it may send
     */
    static Optional<String> check(SyncDefinition sync, String destination, SyncPlanCounts plan, long sourceRecords) {
        SyncGuardrails guardrails = sync.guardrails();
        if (sourceRecords == 0 && plan.destinationRecords() > 0 && plan.removes() > 0 && !guardrails.allowEmptySource()) {
            return Optional.of("the source of sync " + sync.name() + " has no records and would remove all " + plan.destinationRecords()
                    + " records from destination " + destination + " (set allow-empty-source if an empty source is expected)");
        }
        long touched = plan.changes() + plan.removes();
        if (touched > 0 && touched > guardrails.maxChangeShare() * plan.destinationRecords()) {
            return Optional.of("sync " + sync.name() + " would remove " + plan.removes() + " and change " + plan.changes() + " of the "
                    + plan.destinationRecords() + " records in destination " + destination + " (" + percent(touched, plan.destinationRecords())
                    + ", more than max-change-share " + percent(guardrails.maxChangeShare()) + ")");
        }
        return Optional.empty();
    }

    /** What a stopped run's message adds after the reason. */
    static String howToApprove(String sync, long runId) {
        return "; nothing was sent. Check the changes with `ownstack sync run " + sync + " --dry-run`, then send them with"
                + " `ownstack sync approve " + runId + "`";
    }

    /** Whether the plan removes or changes more than the approved one did. */
    static boolean grew(SyncPlanCounts approved, SyncPlanCounts now) {
        return now.removes() > approved.removes() || now.changes() > approved.changes();
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "all" : percent((double) part / whole);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
