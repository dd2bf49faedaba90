package dev.ownstack.activation.audience.history;

import java.util.List;
import java.util.Objects;

/**
 * Who joined and who left an audience between two computations.
 *
 * @param audience    the audience
 * @param fromRun     the earlier run; 0 stands for before the first computation (nobody was a member)
 * @param toRun       the later run
 * @param joinedCount members at {@code toRun} that were not at {@code fromRun}
 * @param leftCount   members at {@code fromRun} that are not at {@code toRun}
 * @param joined      the first of those who joined by customer id, up to the limit asked for
 * @param left        the first of those who left by customer id, up to the limit asked for
 */
public record MembershipChanges(String audience, long fromRun, long toRun, long joinedCount, long leftCount, List<String> joined,
                                List<String> left) {
    public MembershipChanges {
        Objects.requireNonNull(audience, "audience");
        joined = List.copyOf(joined);
        left = List.copyOf(left);
        if (fromRun < 0 || toRun <= fromRun) {
            throw new IllegalArgumentException("runs must be 0 <= from < to, got " + fromRun + " and " + toRun);
        }
    }
}
