package dev.ownstack.server.customers;

import dev.ownstack.model.identity.IdentityTables;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a customer id that identity resolution merged away went: {@code identity.id_history}
 * records each merge as {@code old_customer_id -> new_customer_id}; an id merged more than once is
 * followed through every later merge to the customer that exists now.
 */
final class Merges {
    /** Merges followed at most, so that a history with a cycle cannot hold a request. */
    private static final int MAX_STEPS = 100;

    private Merges() {
    }

    /**
     * The customer an id was merged into.
     *
     * @param customerId the id asked for
     * @param runId      the identity run of the last merge followed
     * @param changedAt  when that run recorded it, as the warehouse returned it
     */
    record Merge(String customerId, long runId, Object changedAt) {
        Merge {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(changedAt, "changedAt");
        }
    }

    /** The customer that exists now (in {@code identity.records}) which {@code id} was merged into; empty when it was not merged. */
    static Optional<Merge> follow(Warehouse warehouse, String id) {
        if (warehouse.describe(IdentityTables.ID_HISTORY).isEmpty() || warehouse.describe(IdentityTables.RECORDS).isEmpty()) {
            return Optional.empty();
        }
        SqlDialect dialect = warehouse.dialect();
        String step = "SELECT new_customer_id, run_id, changed_at FROM " + dialect.table(IdentityTables.ID_HISTORY)
                + " WHERE old_customer_id = ? AND change = 'merge' ORDER BY run_id DESC LIMIT 1";
        String exists = "SELECT 1 FROM " + dialect.table(IdentityTables.RECORDS) + " WHERE customer_id = ? LIMIT 1";
        String current = id;
        for (int i = 0; i < MAX_STEPS; i++) {
            List<Object[]> next = warehouse.queryAll(step, current).rows();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = (String) next.get(0)[0];
            if (!warehouse.queryAll(exists, current).rows().isEmpty()) {
                return Optional.of(new Merge(current, ((Number) next.get(0)[1]).longValue(), next.get(0)[2]));
            }
        }
        return Optional.empty();
    }
}
