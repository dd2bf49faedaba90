package dev.ownstack.core.config.models;

import dev.ownstack.core.config.identity.ColumnRef;
import dev.ownstack.core.table.Identifiers;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A golden column of {@code model.customers} under {@code models.customers.attributes}: for each
 * identity source that holds the value, the column (or JSON field) it is read from. The value is
 * taken from the source with the lowest precedence that has one, then the most recent row.
 *
 * @param name    the column's name in {@code model.customers}
 * @param sources identity source name to the value's column, in file order
 */
public record CustomerAttribute(String name, Map<String, ColumnRef> sources) {
    public CustomerAttribute {
        Identifiers.requireValid(name, "attribute name");
        Objects.requireNonNull(sources, "sources");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("attribute " + name + " needs at least one source");
        }
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }
}
