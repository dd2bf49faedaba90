package dev.ownstack.core.config.models;

import dev.ownstack.core.config.identity.ColumnRef;
import dev.ownstack.core.table.Identifiers;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A computed trait under {@code models.traits}, materialised as a column of {@code model.customers}.
 *
 * @param name     the column's name
 * @param function what is computed
 * @param table    the model table whose rows are read
 * @param column   the column (or JSON field) read; empty to count rows
 * @param filters  conditions every row read must meet
 * @param within   only rows in this long before the as-of time (and not after it); empty for all rows
 */
public record Trait(String name, TraitFunction function, ActivityTable table, Optional<ColumnRef> column, List<TraitFilter> filters,
                    Optional<Duration> within) {
    public Trait {
        Identifiers.requireValid(name, "trait name");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        filters = List.copyOf(filters);
        Objects.requireNonNull(within, "within");
        if (function.needsColumn() && column.isEmpty()) {
            throw new IllegalArgumentException("trait " + name + ": " + function.configName() + " needs a column");
        }
        within.ifPresent(window -> {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("trait " + name + ": within must be positive, got " + window);
            }
        });
    }

    /** How the trait is written after {@code of:}: {@code transactions.amount}. */
    public String of() {
        return table.configName() + column.map(ref -> "." + ref).orElse("");
    }
}
