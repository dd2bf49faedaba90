package dev.ownstack.model.identity;

import dev.ownstack.core.config.identity.ColumnRef;
import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.identity.IdentitySource;
import dev.ownstack.core.config.identity.KeyKind;
import dev.ownstack.core.config.identity.KeyMapping;
import dev.ownstack.core.config.identity.MatchKey;
import dev.ownstack.core.config.identity.ValueSource;
import dev.ownstack.model.identity.keys.Normalisers;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What extraction must give, computed the plain way: every row read into the JVM and every value
 * put through {@link Normalisers} one by one, record by record (the resolver's first
 * implementation). Records are "source/record_id" with (node, precedence, updated_at); keys are
 * (record, key id, value, status); fields (record, field values: of a record of several rows, the
 * smallest non-blank text, stripped).
 */
final class ReferenceExtraction {
    final Map<String, List<Object>> records = new LinkedHashMap<>();
    final Set<List<Object>> keys = new HashSet<>();
    final Map<String, List<String>> fields = new LinkedHashMap<>();

    ReferenceExtraction(IdentityConfig config, Normalisers normalisers, Warehouse warehouse) {
        List<String> fieldNames = config.probabilistic().map(probabilistic -> List.copyOf(probabilistic.fields())).orElse(List.of());
        SqlDialect dialect = warehouse.dialect();
        long node = 0;
        for (IdentitySource source : config.sources()) {
            List<ColumnRef> columns = columns(source, fieldNames);
            StringBuilder select = new StringBuilder("SELECT CAST(" + dialect.quote(source.idColumn()) + " AS VARCHAR), "
                    + source.updatedAt().map(column -> "CAST(" + dialect.quote(column) + " AS TIMESTAMP)").orElse("NULL"));
            for (ColumnRef ref : columns) {
                select.append(", ").append(ref.jsonPath().isEmpty() ? "CAST(" + dialect.quote(ref.column()) + " AS VARCHAR)"
                        : dialect.jsonText(dialect.quote(ref.column()), ref.jsonPath()));
            }
            Map<String, List<Object[]>> rowsById = new TreeMap<>();
            for (Object[] row : warehouse.queryAll(select + " FROM " + dialect.table(source.table()) + " WHERE "
                    + dialect.quote(source.idColumn()) + " IS NOT NULL").rows()) {
                rowsById.computeIfAbsent((String) row[0], id -> new ArrayList<>()).add(row);
            }
            for (Map.Entry<String, List<Object[]>> record : rowsById.entrySet()) {
                String name = source.name() + "/" + record.getKey();
                LocalDateTime updatedAt = null;
                for (Object[] row : record.getValue()) {
                    LocalDateTime rowUpdated = timestamp(row[1]);
                    if (rowUpdated != null && (updatedAt == null || rowUpdated.isAfter(updatedAt))) {
                        updatedAt = rowUpdated;
                    }
                    for (KeyMapping mapping : source.keys()) {
                        MatchKey key = config.key(mapping.key()).orElseThrow();
                        int keyId = config.priority(key.name());
                        if (key.composite()) {
                            composite(normalisers, key, mapping, columns, row).ifPresent(value -> keys.add(List.of(name, keyId, value[0], value[1])));
                        } else {
                            for (ValueSource valueSource : mapping.values()) {
                                single(normalisers, key, key.kind(), text(valueSource, columns, row))
                                        .ifPresent(value -> keys.add(List.of(name, keyId, value[0], value[1])));
                            }
                        }
                    }
                }
                records.put(name, java.util.Arrays.asList(node++, (long) source.precedence(), updatedAt));
                if (!fieldNames.isEmpty()) {
                    List<String> values = new ArrayList<>();
                    for (String field : fieldNames) {
                        ValueSource value = source.fields().get(field);
                        // a record of several rows takes the smallest of their values (the rows come in no order)
                        String found = null;
                        for (Object[] row : value == null ? List.<Object[]>of() : record.getValue()) {
                            String text = text(value, columns, row);
                            if (text != null && !text.isBlank() && (found == null || text.strip().compareTo(found) < 0)) {
                                found = text.strip();
                            }
                        }
                        values.add(found);
                    }
                    fields.put(name, values);
                }
            }
        }
    }

    private static List<ColumnRef> columns(IdentitySource source, List<String> fields) {
        Set<ColumnRef> refs = new LinkedHashSet<>();
        source.keys().forEach(mapping -> mapping.values().forEach(value -> refs.addAll(value.columns())));
        for (String field : fields) {
            ValueSource value = source.fields().get(field);
            if (value != null) {
                refs.addAll(value.columns());
            }
        }
        return List.copyOf(refs);
    }

    private static String text(ValueSource valueSource, List<ColumnRef> columns, Object[] row) {
        if (valueSource.columns().size() == 1) {
            return (String) row[2 + columns.indexOf(valueSource.columns().get(0))];
        }
        StringBuilder joined = new StringBuilder();
        for (ColumnRef ref : valueSource.columns()) {
            String part = (String) row[2 + columns.indexOf(ref)];
            if (part != null && !part.isBlank()) {
                joined.append(joined.length() == 0 ? "" : " ").append(part.strip());
            }
        }
        return joined.length() == 0 ? null : joined.toString();
    }

    /** {value, status}. */
    private static Optional<String[]> single(Normalisers normalisers, MatchKey key, KeyKind kind, String raw) {
        return normalisers.canonical(kind, raw).map(value -> new String[] {value,
                normalisers.isBlocked(kind, value) || key.blockedValues().contains(value) ? "blocked" : "linked"});
    }

    private static Optional<String[]> composite(Normalisers normalisers, MatchKey key, KeyMapping mapping, List<ColumnRef> columns,
                                                Object[] row) {
        StringBuilder value = new StringBuilder();
        String status = "linked";
        for (int part = 0; part < key.parts().size(); part++) {
            Optional<String[]> partValue = single(normalisers, key, key.parts().get(part), text(mapping.values().get(part), columns, row));
            if (partValue.isEmpty()) {
                return Optional.empty();
            }
            value.append(part == 0 ? "" : "|").append(partValue.get()[0]);
            if (partValue.get()[1].equals("blocked")) {
                status = "blocked";
            }
        }
        String joined = value.toString();
        return Optional.of(new String[] {joined, key.blockedValues().contains(joined) ? "blocked" : status});
    }

    private static LocalDateTime timestamp(Object value) {
        if (value instanceof LocalDateTime local) {
            return local;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toLocalDateTime();
        }
        return null;
    }
}
