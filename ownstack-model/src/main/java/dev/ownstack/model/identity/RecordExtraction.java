package dev.ownstack.model.identity;

import dev.ownstack.core.config.identity.ColumnRef;
import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.identity.IdentitySource;
import dev.ownstack.core.config.identity.KeyKind;
import dev.ownstack.core.config.identity.KeyMapping;
import dev.ownstack.core.config.identity.MatchKey;
import dev.ownstack.core.config.identity.ValueSource;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.model.identity.keys.Normalisers;
import dev.ownstack.warehouse.ResultColumn;
import dev.ownstack.warehouse.RowHandler;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Reads every identity source's rows, groups them into records by the id column, normalises the
 * mapped values into match keys and writes {@code identity.work_records} and
 * {@code identity.work_keys}. Rows stream from the warehouse in record-id order while a sibling
 * connection appends, so memory holds one record at a time. Records get dense node ids
 * {@code 0..n-1}, source by source.
 */
final class RecordExtraction {
    static final String LINKED = "linked";
    static final String BLOCKED = "blocked";
    static final String DROPPED = "dropped";

    private final IdentityConfig config;
    private final Normalisers normalisers;
    /** The fields probabilistic matching compares; empty without it, and then no fields table is written. */
    private final List<String> fields;

    RecordExtraction(IdentityConfig config, Normalisers normalisers) {
        this.config = config;
        this.normalisers = normalisers;
        this.fields = config.probabilistic().map(probabilistic -> List.copyOf(probabilistic.fields())).orElse(List.of());
    }

    /** Counts per source, in configuration order. */
    record Extracted(Map<String, Long> recordsBySource, Map<String, Long> rowsWithoutId, long keys) {
        long records() {
            return recordsBySource.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    Extracted extract(Warehouse warehouse, LongConsumer recordsDone) {
        warehouse.ensureTable(IdentityTables.WORK_RECORDS, List.of(new Column("node", ColumnType.BIGINT),
                new Column("source", ColumnType.STRING), new Column("record_id", ColumnType.STRING),
                new Column("precedence", ColumnType.BIGINT), new Column("updated_at", ColumnType.TIMESTAMP)), List.of());
        warehouse.ensureTable(IdentityTables.WORK_KEYS, List.of(new Column("node", ColumnType.BIGINT),
                new Column("key_id", ColumnType.BIGINT), new Column("key_value", ColumnType.STRING),
                new Column("status", ColumnType.STRING)), List.of());
        List<Column> fieldColumns = new ArrayList<>(List.of(new Column("node", ColumnType.BIGINT)));
        fields.forEach(field -> fieldColumns.add(new Column(field, ColumnType.STRING)));
        warehouse.ensureTable(IdentityTables.WORK_FIELDS, fieldColumns, List.of());
        for (IdentitySource source : config.sources()) {
            checkColumns(warehouse, source);
        }
        Map<String, Long> records = new LinkedHashMap<>();
        Map<String, Long> withoutId = new LinkedHashMap<>();
        long[] node = {0};
        long[] keys = {0};
        // one connection per writer: a connection holds one bulk writer at a time
        try (Warehouse recordConnection = warehouse.openSibling();
             Warehouse keyConnection = warehouse.openSibling();
             RowWriter recordWriter = recordConnection.append(IdentityTables.WORK_RECORDS,
                     List.of("node", "source", "record_id", "precedence", "updated_at"));
             RowWriter keyWriter = keyConnection.append(IdentityTables.WORK_KEYS, List.of("node", "key_id", "key_value", "status"));
             Warehouse fieldConnection = warehouse.openSibling();
             RowWriter fieldWriter = fieldConnection.append(IdentityTables.WORK_FIELDS,
                     fieldColumns.stream().map(Column::name).toList())) {
            for (IdentitySource source : config.sources()) {
                SourcePlan plan = new SourcePlan(source, fields);
                long before = node[0];
                RecordAssembler assembler = new RecordAssembler(source, plan, recordWriter, keyWriter, fields.isEmpty() ? null : fieldWriter,
                        node, keys, recordsDone);
                warehouse.query(plan.sql(warehouse.dialect()), List.of(), assembler);
                assembler.finish();
                records.put(source.name(), node[0] - before);
                withoutId.put(source.name(), countWithoutId(warehouse, source));
            }
        }
        return new Extracted(records, withoutId, keys[0]);
    }

    private static long countWithoutId(Warehouse warehouse, IdentitySource source) {
        SqlDialect dialect = warehouse.dialect();
        Object count = warehouse.queryAll("SELECT count(*) FROM " + dialect.table(source.table()) + " WHERE "
                + dialect.quote(source.idColumn()) + " IS NULL").singleValue();
        return ((Number) count).longValue();
    }

    private static void checkColumns(Warehouse warehouse, IdentitySource source) {
        String where = "identity.sources." + source.name();
        List<Column> columns = warehouse.describe(source.table()).orElseThrow(() -> new OwnstackException(ErrorCode.NOT_FOUND,
                where + ": table " + source.table() + " does not exist; load it first (ownstack ingest) or fix 'table'"));
        Map<String, ColumnType> types = columns.stream().collect(Collectors.toMap(Column::name, Column::type, (a, b) -> a));
        List<String> problems = new ArrayList<>();
        check(types, source.idColumn(), where + ".id", problems, false);
        source.updatedAt().ifPresent(column -> check(types, column, where + ".updated-at", problems, false));
        for (KeyMapping mapping : source.keys()) {
            for (ValueSource value : mapping.values()) {
                for (ColumnRef ref : value.columns()) {
                    check(types, ref.column(), where + ".keys." + mapping.key(), problems, !ref.jsonPath().isEmpty());
                }
            }
        }
        source.fields().forEach((field, value) -> value.columns().forEach(ref ->
                check(types, ref.column(), where + ".fields." + field, problems, !ref.jsonPath().isEmpty())));
        if (!problems.isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, String.join("; ", problems) + " (columns of " + source.table() + ": "
                    + String.join(", ", types.keySet()) + ")");
        }
    }

    private static void check(Map<String, ColumnType> types, String column, String path, List<String> problems, boolean json) {
        ColumnType type = types.get(column);
        if (type == null) {
            problems.add(path + ": no column '" + column + "'");
        } else if (json && type != ColumnType.JSON && type != ColumnType.STRING) {
            problems.add(path + ": column '" + column + "' is " + type + ", not JSON, so it has no fields");
        }
    }

    /** The columns one source's query selects: the id, the updated-at column, then every column a key reads, once each. */
    private static final class SourcePlan {
        final IdentitySource source;
        final List<ColumnRef> columns;

        SourcePlan(IdentitySource source, List<String> fields) {
            this.source = source;
            Set<ColumnRef> refs = new LinkedHashSet<>();
            source.keys().forEach(mapping -> mapping.values().forEach(value -> refs.addAll(value.columns())));
            for (String field : fields) {
                ValueSource value = source.fields().get(field);
                if (value != null) {
                    refs.addAll(value.columns());
                }
            }
            this.columns = List.copyOf(refs);
        }

        int index(ColumnRef ref) {
            return 2 + columns.indexOf(ref);
        }

        String sql(SqlDialect dialect) {
            StringBuilder select = new StringBuilder("SELECT CAST(" + dialect.quote(source.idColumn()) + " AS VARCHAR) AS record_id, ");
            select.append(source.updatedAt().map(column -> "max(CAST(" + dialect.quote(column) + " AS TIMESTAMP))").orElse("NULL"))
                    .append(" AS updated_at");
            List<String> groupBy = new ArrayList<>(List.of("1"));
            for (int i = 0; i < columns.size(); i++) {
                ColumnRef ref = columns.get(i);
                String expression = ref.jsonPath().isEmpty() ? "CAST(" + dialect.quote(ref.column()) + " AS VARCHAR)"
                        : dialect.jsonText(dialect.quote(ref.column()), ref.jsonPath());
                select.append(", ").append(expression);
                groupBy.add(String.valueOf(i + 3));
            }
            // rows that repeat a record's values (events of one device) collapse here, in the engine
            return select + " FROM " + dialect.table(source.table()) + " WHERE " + dialect.quote(source.idColumn()) + " IS NOT NULL"
                    + " GROUP BY " + String.join(", ", groupBy) + " ORDER BY 1";
        }
    }

    /** Collects the rows of one record (they arrive together) and writes the record and its keys when the id changes. */
    private final class RecordAssembler implements RowHandler {
        private final IdentitySource source;
        private final SourcePlan plan;
        private final RowWriter recordWriter;
        private final RowWriter keyWriter;
        private final RowWriter fieldWriter;
        private final long[] node;
        private final long[] keys;
        private final LongConsumer recordsDone;
        private final List<Object[]> rows = new ArrayList<>();
        private final Map<String, String> recordKeys = new LinkedHashMap<>();
        private String currentId;

        RecordAssembler(IdentitySource source, SourcePlan plan, RowWriter recordWriter, RowWriter keyWriter, RowWriter fieldWriter,
                        long[] node, long[] keys, LongConsumer recordsDone) {
            this.source = source;
            this.plan = plan;
            this.recordWriter = recordWriter;
            this.keyWriter = keyWriter;
            this.fieldWriter = fieldWriter;
            this.node = node;
            this.keys = keys;
            this.recordsDone = recordsDone;
        }

        @Override
        public void columns(List<ResultColumn> columns) {
        }

        @Override
        public void row(Object[] values) {
            String id = (String) values[0];
            if (currentId != null && !currentId.equals(id)) {
                flush();
            }
            currentId = id;
            rows.add(values);
        }

        void finish() {
            if (currentId != null) {
                flush();
            }
        }

        private void flush() {
            long nodeId = node[0]++;
            LocalDateTime updatedAt = null;
            recordKeys.clear();
            for (Object[] row : rows) {
                LocalDateTime rowUpdated = timestamp(row[1]);
                if (rowUpdated != null && (updatedAt == null || rowUpdated.isAfter(updatedAt))) {
                    updatedAt = rowUpdated;
                }
                for (KeyMapping mapping : source.keys()) {
                    MatchKey key = config.key(mapping.key()).orElseThrow();
                    int keyId = config.priority(key.name());
                    if (key.composite()) {
                        composite(key, mapping, row).ifPresent(value -> recordKeys.putIfAbsent(keyId + "\u0000" + value.value(), value.status()));
                    } else {
                        for (ValueSource valueSource : mapping.values()) {
                            single(key, key.kind(), text(valueSource, row)).ifPresent(value ->
                                    recordKeys.putIfAbsent(keyId + "\u0000" + value.value(), value.status()));
                        }
                    }
                }
            }
            recordWriter.write(new Object[] {nodeId, source.name(), currentId, (long) source.precedence(), updatedAt});
            for (Map.Entry<String, String> entry : recordKeys.entrySet()) {
                int separator = entry.getKey().indexOf('\u0000');
                keyWriter.write(new Object[] {nodeId, Long.parseLong(entry.getKey().substring(0, separator)),
                        entry.getKey().substring(separator + 1), entry.getValue()});
                keys[0]++;
            }
            if (fieldWriter != null) {
                writeFields(nodeId);
            }
            rows.clear();
            recordsDone.accept(node[0]);
        }

        /** The record's value of each compared field: the first row's that has one; null when the source does not map the field. */
        private void writeFields(long nodeId) {
            Object[] values = new Object[fields.size() + 1];
            values[0] = nodeId;
            for (int i = 0; i < fields.size(); i++) {
                ValueSource value = source.fields().get(fields.get(i));
                if (value == null) {
                    continue;
                }
                for (Object[] row : rows) {
                    String text = text(value, row);
                    if (text != null && !text.isBlank()) {
                        values[i + 1] = text.strip();
                        break;
                    }
                }
            }
            fieldWriter.write(values);
        }

        private String text(ValueSource valueSource, Object[] row) {
            if (valueSource.columns().size() == 1) {
                return (String) row[plan.index(valueSource.columns().get(0))];
            }
            StringBuilder joined = new StringBuilder();
            for (ColumnRef ref : valueSource.columns()) {
                String part = (String) row[plan.index(ref)];
                if (part != null && !part.isBlank()) {
                    joined.append(joined.length() == 0 ? "" : " ").append(part.strip());
                }
            }
            return joined.length() == 0 ? null : joined.toString();
        }

        private Optional<KeyValue> single(MatchKey key, KeyKind kind, String raw) {
            return normalisers.canonical(kind, raw).map(value -> new KeyValue(value,
                    normalisers.isBlocked(kind, value) || key.blockedValues().contains(value) ? BLOCKED : LINKED));
        }

        private Optional<KeyValue> composite(MatchKey key, KeyMapping mapping, Object[] row) {
            StringBuilder value = new StringBuilder();
            String status = LINKED;
            for (int part = 0; part < key.parts().size(); part++) {
                Optional<KeyValue> partValue = single(key, key.parts().get(part), text(mapping.values().get(part), row));
                if (partValue.isEmpty()) {
                    return Optional.empty();
                }
                value.append(part == 0 ? "" : "|").append(partValue.get().value());
                if (partValue.get().status().equals(BLOCKED)) {
                    status = BLOCKED;
                }
            }
            String joined = value.toString();
            return Optional.of(new KeyValue(joined, key.blockedValues().contains(joined) ? BLOCKED : status));
        }
    }

    private record KeyValue(String value, String status) {
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
