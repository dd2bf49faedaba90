package dev.ownstack.activation.sync;

import dev.ownstack.activation.destination.SyncRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run of a sync would send now, without sending it: the counts of its plan (by the sync's
 * mode) and a sample of each kind, in key order.
 *
 * @param guardrail the sentence saying why a run would stop for approval, if it would
 */
public record SyncPreview(String sync, SyncPlanCounts counts, List<SyncRecord> adds, List<SyncRecord> changes, List<SyncRecord> removes,
                          Optional<String> guardrail) {
    public SyncPreview {
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(counts, "counts");
        adds = List.copyOf(adds);
        changes = List.copyOf(changes);
        removes = List.copyOf(removes);
        Objects.requireNonNull(guardrail, "guardrail");
    }
}
