package dev.ownstack.core.config.syncs;

import java.util.Objects;

/** Where a sync's records come from: the members of an audience, or the rows of a query on the models. */
public sealed interface SyncSource {
    /**
     * The current members of an audience, one record per customer, with the columns of
     * {@code model.customers}.
     */
    record Audience(String audience) implements SyncSource {
        public Audience {
            Objects.requireNonNull(audience, "audience");
        }
    }

    /** The rows of a read-only SQL query on the warehouse (a model table or any SELECT). */
    record Query(String sql) implements SyncSource {
        public Query {
            Objects.requireNonNull(sql, "sql");
            if (sql.isBlank()) {
                throw new IllegalArgumentException("a sync's query must not be empty");
            }
        }
    }
}
