package dev.ownstack.core.config.identity;

import dev.ownstack.core.table.TableName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A table whose rows are records for identity resolution, under {@code identity.sources}.
 *
 * @param name       the source's name in the identity tables (letters, digits, {@code _})
 * @param table      the warehouse table, usually {@code raw.<something>}
 * @param idColumn   the column that identifies a record; rows sharing an id are one record (so
 *                   {@code raw.events} with {@code id: anonymous_id} gives one record per device);
 *                   rows with a null id are skipped and counted
 * @param precedence lower wins when the golden record picks an attribute; ties go to the most recent
 * @param updatedAt  the column saying when a row last changed, for recency; empty when the source has none
 * @param keys       the columns feeding each match key
 * @param fields     named values compared by probabilistic matching and shown by explain
 */
public record IdentitySource(String name, TableName table, String idColumn, int precedence, Optional<String> updatedAt,
                             List<KeyMapping> keys, Map<String, ValueSource> fields) {
    public IdentitySource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(idColumn, "idColumn");
        Objects.requireNonNull(updatedAt, "updatedAt");
        keys = List.copyOf(keys);
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Optional<KeyMapping> mapping(String keyName) {
        return keys.stream().filter(mapping -> mapping.key().equals(keyName)).findFirst();
    }
}
