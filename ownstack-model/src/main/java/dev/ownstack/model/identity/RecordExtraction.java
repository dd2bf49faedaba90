package dev.ownstack.model.identity;

import dev.ownstack.core.config.identity.ColumnRef;
import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.identity.IdentitySource;
import dev.ownstack.core.config.identity.KeyKind;
import dev.ownstack.core.config.identity.KeyMapping;
import dev.ownstack.core.config.identity.ValueSource;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.model.identity.keys.Normalisers;
import dev.ownstack.model.identity.keys.SqlNormalisers;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Reads every identity source into records and normalised match keys: {@code identity.work_records}
 * and {@code identity.work_keys} (and {@code identity.work_fields} for probabilistic matching).
 * The warehouse does the heavy work source by source ({@link SourceSql}): it groups rows into
 * records by the id column, numbers them with dense node ids {@code 0..n-1} (source by source), and
 * finds each distinct text a key reads. Only the texts the JVM's normalisers
 * must see travel: once each, normalised on several threads ({@link TextNormalisation}), and back
 * as {@code identity.work_normalised}, which SQL joins to build the keys.
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
        SqlDialect dialect = warehouse.dialect();
        warehouse.ensureTable(IdentityTables.WORK_RECORDS, List.of(new Column("node", ColumnType.BIGINT),
                new Column("source", ColumnType.STRING), new Column("record_id", ColumnType.STRING),
                new Column("precedence", ColumnType.BIGINT), new Column("updated_at", ColumnType.TIMESTAMP)), List.of());
        warehouse.ensureTable(IdentityTables.WORK_KEYS, List.of(new Column("node", ColumnType.BIGINT),
                new Column("key_id", ColumnType.BIGINT), new Column("key_value", ColumnType.STRING),
                new Column("status", ColumnType.STRING)), List.of());
        warehouse.ensureTable(IdentityTables.WORK_NORMALISED, List.of(new Column("kind", ColumnType.STRING),
                new Column("raw", ColumnType.STRING), new Column("value", ColumnType.STRING),
                new Column("blocked", ColumnType.BOOLEAN)), List.of());
        List<Column> fieldColumns = new ArrayList<>(List.of(new Column("node", ColumnType.BIGINT)));
        fields.forEach(field -> fieldColumns.add(new Column(field, ColumnType.STRING)));
        warehouse.ensureTable(IdentityTables.WORK_FIELDS, fieldColumns, List.of());
        for (IdentitySource source : config.sources()) {
            checkColumns(warehouse, source);
        }
        Map<KeyKind, Set<String>> blockedComparable = new EnumMap<>(KeyKind.class);
        for (KeyKind kind : SqlNormalisers.KINDS) {
            blockedComparable.put(kind, normalisers.blockedValues().of(kind));
        }
        TextNormalisation normalisation = new TextNormalisation(normalisers, Math.max(1, Runtime.getRuntime().availableProcessors()));
        Map<String, Long> records = new LinkedHashMap<>();
        Map<String, Long> withoutId = new LinkedHashMap<>();
        long nodes = 0;
        long normalised = 0;
        for (IdentitySource source : config.sources()) {
            SourceSql sql = new SourceSql(config, source, fields, dialect, blockedComparable);
            IdentityTables.dropIfExists(warehouse, IdentityTables.WORK_ROWS);
            boolean oneRowPerRecord = StableIds.count(warehouse, sql.repeatedIds()) == 0;
            // node numbers follow the source's row order, so that a run numbers alike every time (the u sample of probabilistic
            // matching is drawn by a hash of the node)
            String rows = dialect.createWorkingTableAs(IdentityTables.WORK_ROWS, sql.rows(nodes, oneRowPerRecord));
            warehouse.inInputRowOrder(() -> warehouse.execute(rows));
            dialect.analyze(IdentityTables.WORK_ROWS).ifPresent(warehouse::execute);
            long sourceRecords = warehouse.execute(sql.records(oneRowPerRecord));
            String texts = sql.textsToNormalise();
            if (!texts.isEmpty()) {
                normalised += normalisation.normalise(warehouse, texts);
                dialect.analyze(IdentityTables.WORK_NORMALISED).ifPresent(warehouse::execute);
                checkNormalised(warehouse, normalised);
            }
            String keys = sql.keys(oneRowPerRecord);
            if (!keys.isEmpty()) {
                warehouse.execute(keys);
            }
            if (!fields.isEmpty()) {
                warehouse.execute(sql.fields());
            }
            nodes += sourceRecords;
            records.put(source.name(), sourceRecords);
            withoutId.put(source.name(), countWithoutId(warehouse, source));
            recordsDone.accept(nodes);
        }
        IdentityTables.dropIfExists(warehouse, IdentityTables.WORK_ROWS);
        long keys = StableIds.count(warehouse, "SELECT count(*) FROM " + dialect.table(IdentityTables.WORK_KEYS));
        return new Extracted(records, withoutId, keys);
    }

    /** A lost row would silently lose keys, so the appended rows are counted back (an engine has lost bulk rows before). */
    private static void checkNormalised(Warehouse warehouse, long expected) {
        long found = StableIds.count(warehouse, "SELECT count(*) FROM " + warehouse.dialect().table(IdentityTables.WORK_NORMALISED));
        if (found != expected) {
            throw new OwnstackException(ErrorCode.INTERNAL, IdentityTables.WORK_NORMALISED + " holds " + found + " rows after " + expected
                    + " were written to it");
        }
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
}
