package dev.ownstack.core.config.identity;

import java.util.List;
import java.util.Objects;

/**
 * Which columns of a source feed a match key. For a simple key each value source is an
 * alternative: every non-null one gives the record a value of the key ({@code email: [email,
 * work_email]}). For a composite key there is one value source per part, in the key's order.
 */
public record KeyMapping(String key, List<ValueSource> values) {
    public KeyMapping {
        Objects.requireNonNull(key, "key");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("key mapping " + key + " needs at least one column");
        }
    }
}
