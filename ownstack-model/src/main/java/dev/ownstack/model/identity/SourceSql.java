package dev.ownstack.model.identity;

import dev.ownstack.core.config.identity.ColumnRef;
import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.identity.IdentitySource;
import dev.ownstack.core.config.identity.KeyKind;
import dev.ownstack.core.config.identity.KeyMapping;
import dev.ownstack.core.config.identity.MatchKey;
import dev.ownstack.core.config.identity.ValueSource;
import dev.ownstack.model.identity.keys.JavaTextSql;
import dev.ownstack.model.identity.keys.SqlNormalisers;
import dev.ownstack.warehouse.SqlDialect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL that turns one identity source into records and key values, in the warehouse.
 *
 * <p>{@code identity.work_rows} holds the source's rows once each (rows that repeat a record's
 * values, such as the events of one device, collapse), with the record's node and one text column
 * {@code v<i>} per value source the keys and fields read: a column as text, a JSON field, or
 * several columns stripped and joined with a space. Key values come from those texts: ASCII texts
 * of most kinds are normalised in SQL ({@link SqlNormalisers}); every other text is looked up in
 * {@code identity.work_normalised}, where the JVM's normalisers put each distinct text once. What a record gets is what {@link dev.ownstack.model.identity.keys.Normalisers}
 * gives its texts: see {@code RecordExtractionTest}, which checks it value by value.
 */
final class SourceSql {
    private final IdentityConfig config;
    private final IdentitySource source;
    private final SqlDialect dialect;
    private final JavaTextSql text;
    private final SqlNormalisers normalisers;
    private final Map<KeyKind, Set<String>> blockedComparable;
    /** Each value source read, in first-use order; its position names its text column. */
    private final List<ValueSource> slots;
    private final List<String> fields;

    SourceSql(IdentityConfig config, IdentitySource source, List<String> fields, SqlDialect dialect, Map<KeyKind, Set<String>> blockedComparable) {
        this.config = config;
        this.source = source;
        this.dialect = dialect;
        this.text = new JavaTextSql(dialect);
        this.normalisers = new SqlNormalisers(dialect);
        this.blockedComparable = blockedComparable;
        this.fields = fields;
        Set<ValueSource> used = new LinkedHashSet<>();
        source.keys().forEach(mapping -> used.addAll(mapping.values()));
        for (String field : fields) {
            ValueSource value = source.fields().get(field);
            if (value != null) {
                used.add(value);
            }
        }
        this.slots = List.copyOf(used);
    }

    private String slot(ValueSource value) {
        return "v" + slots.indexOf(value);
    }

    /** How many rows share their record id with an earlier row (0 when every record is one row). */
    String repeatedIds() {
        String id = "CAST(" + dialect.quote(source.idColumn()) + " AS VARCHAR)";
        return "SELECT count(*) - count(DISTINCT " + id + ") FROM " + dialect.table(source.table()) + " WHERE "
                + dialect.quote(source.idColumn()) + " IS NOT NULL";
    }

    /**
     * The query {@code identity.work_rows} is made of, nodes numbered from {@code firstNode}. When
     * every record is one row, the rows are numbered as they come; otherwise identical rows of a
     * record collapse and the records are numbered in record id order.
     */
    String rows(long firstNode, boolean oneRowPerRecord) {
        if (oneRowPerRecord) {
            StringBuilder select = new StringBuilder("SELECT " + (firstNode - 1) + " + row_number() OVER () AS node, CAST("
                    + dialect.quote(source.idColumn()) + " AS VARCHAR) AS record_id, ");
            select.append(source.updatedAt().map(column -> "CAST(" + dialect.quote(column) + " AS TIMESTAMP)").orElse("CAST(NULL AS TIMESTAMP)"))
                    .append(" AS updated_at");
            for (int i = 0; i < slots.size(); i++) {
                select.append(", ").append(textOf(slots.get(i))).append(" AS v").append(i);
            }
            return select + " FROM " + dialect.table(source.table()) + " WHERE " + dialect.quote(source.idColumn()) + " IS NOT NULL";
        }
        StringBuilder select = new StringBuilder("SELECT CAST(" + dialect.quote(source.idColumn()) + " AS VARCHAR) AS record_id, ");
        select.append(source.updatedAt().map(column -> "max(CAST(" + dialect.quote(column) + " AS TIMESTAMP))")
                .orElse("CAST(NULL AS TIMESTAMP)")).append(" AS updated_at");
        List<String> groupBy = new ArrayList<>(List.of("1"));
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            select.append(", ").append(textOf(slots.get(i))).append(" AS v").append(i);
            groupBy.add(String.valueOf(i + 3));
            columns.add("v" + i);
        }
        String grouped = select + " FROM " + dialect.table(source.table()) + " WHERE " + dialect.quote(source.idColumn()) + " IS NOT NULL"
                + " GROUP BY " + String.join(", ", groupBy);
        return "SELECT " + (firstNode - 1) + " + dense_rank() OVER (ORDER BY record_id) AS node, record_id, updated_at"
                + columns.stream().map(column -> ", " + column).reduce("", String::concat) + " FROM (" + grouped + ") grouped";
    }

    /** The text of a value source in one row: a column or JSON field as text, or several columns stripped and joined with a space. */
    private String textOf(ValueSource value) {
        if (value.columns().size() == 1) {
            return columnText(value.columns().get(0));
        }
        List<String> parts = value.columns().stream().map(ref -> text.stripToNull(columnText(ref))).toList();
        return "NULLIF(concat_ws(' ', " + String.join(", ", parts) + "), '')";
    }

    private String columnText(ColumnRef ref) {
        return ref.jsonPath().isEmpty() ? "CAST(" + dialect.quote(ref.column()) + " AS VARCHAR)"
                : dialect.jsonText(dialect.quote(ref.column()), ref.jsonPath());
    }

    /** {@code identity.work_records} rows of the source. */
    String records(boolean oneRowPerRecord) {
        String insert = "INSERT INTO " + dialect.table(IdentityTables.WORK_RECORDS) + " (node, source, record_id, precedence, updated_at) SELECT node, "
                + dialect.stringLiteral(source.name()) + ", record_id, CAST(" + source.precedence() + " AS BIGINT), ";
        String rows = dialect.table(IdentityTables.WORK_ROWS);
        return oneRowPerRecord ? insert + "updated_at FROM " + rows : insert + "max(updated_at) FROM " + rows + " GROUP BY node, record_id";
    }

    /**
     * The distinct texts of the source that the JVM must normalise and has not yet: (kind, raw).
     * Empty when there are none.
     */
    String textsToNormalise() {
        Map<String, KeyKind> kindOfSlot = new LinkedHashMap<>();
        List<String> selects = new ArrayList<>();
        for (KeyMapping mapping : source.keys()) {
            MatchKey key = key(mapping);
            for (int i = 0; i < mapping.values().size(); i++) {
                KeyKind kind = key.composite() ? key.parts().get(i) : key.kind();
                String column = slot(mapping.values().get(i));
                if (kindOfSlot.containsKey(column + "/" + kind)) {
                    continue;
                }
                kindOfSlot.put(column + "/" + kind, kind);
                String ascii = SqlNormalisers.KINDS.contains(kind) ? " AND NOT (" + text.isAscii(column) + ")" : "";
                selects.add("SELECT " + dialect.stringLiteral(kind.name()) + " AS kind, " + column + " AS raw FROM "
                        + dialect.table(IdentityTables.WORK_ROWS) + " WHERE " + column + " IS NOT NULL" + ascii);
            }
        }
        if (selects.isEmpty()) {
            return "";
        }
        return "SELECT t.kind, t.raw FROM (" + String.join(" UNION ", selects) + ") t WHERE NOT EXISTS (SELECT 1 FROM "
                + dialect.table(IdentityTables.WORK_NORMALISED) + " n WHERE n.kind = t.kind AND n.raw = t.raw)";
    }

    /**
     * {@code identity.work_keys} rows of the source: one per record, key and value. When a record
     * can get a value twice (several rows, or several columns of one key) the rows are merged and
     * a blocked one wins.
     */
    String keys(boolean oneRowPerRecord) {
        List<String> selects = new ArrayList<>();
        Map<Integer, Integer> valuesOfKey = new HashMap<>();
        for (KeyMapping mapping : source.keys()) {
            MatchKey key = key(mapping);
            int keyId = config.priority(key.name());
            if (key.composite()) {
                selects.add(composite(key, keyId, mapping));
                valuesOfKey.merge(keyId, 1, Integer::sum);
            } else {
                for (ValueSource value : mapping.values()) {
                    selects.add(single(key, keyId, value));
                    valuesOfKey.merge(keyId, 1, Integer::sum);
                }
            }
        }
        if (selects.isEmpty()) {
            return "";
        }
        String insert = "INSERT INTO " + dialect.table(IdentityTables.WORK_KEYS) + " (node, key_id, key_value, status) ";
        String union = String.join(" UNION ALL ", selects);
        boolean unique = oneRowPerRecord && valuesOfKey.values().stream().allMatch(count -> count == 1);
        return unique ? insert + union
                : insert + "SELECT node, key_id, key_value, min(status) FROM (" + union + ") candidates GROUP BY node, key_id, key_value";
    }

    private String single(MatchKey key, int keyId, ValueSource value) {
        return keyRows(key, keyId, List.of(key.kind()), List.of(value));
    }

    private String composite(MatchKey key, int keyId, KeyMapping mapping) {
        return keyRows(key, keyId, key.parts(), mapping.values());
    }

    /**
     * The key values of one mapping, a row per source row that has every part: the parts'
     * normalised values joined with {@code |}, blocked when a part is (by the normalisers' blocked
     * values or the key's own) or the joined value is one of the key's blocked values. A part of a
     * kind {@link SqlNormalisers} handles is normalised in SQL when its text is ASCII; any other
     * text is looked up in {@code identity.work_normalised}.
     */
    private String keyRows(MatchKey key, int keyId, List<KeyKind> kinds, List<ValueSource> values) {
        boolean anyInSql = kinds.stream().anyMatch(SqlNormalisers.KINDS::contains);
        String normalised = anyInSql ? partValues(kinds, values, true) + " UNION ALL " + partValues(kinds, values, false)
                : partValues(kinds, values, false);
        List<String> conditions = new ArrayList<>();
        List<String> present = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            conditions.add("b" + i);
            conditions.add(text.in("p" + i, key.blockedValues()));
            present.add("p" + i + " IS NOT NULL");
            parts.add("p" + i);
        }
        String value = String.join(" || '|' || ", parts);
        if (parts.size() > 1) {
            conditions.add(text.in(value, key.blockedValues()));
        }
        return "SELECT node, CAST(" + keyId + " AS BIGINT) AS key_id, " + value + " AS key_value, CASE WHEN " + String.join(" OR ", conditions)
                + " THEN 'blocked' ELSE 'linked' END AS status FROM (" + normalised + dialect.subqueryFence() + ") parts WHERE "
                + String.join(" AND ", present);
    }

    /**
     * (node, p0, b0, p1, b1, ...): each part's normalised value and blocked flag, for the rows that
     * have every part's text. With {@code ascii}, the rows whose texts of the kinds SQL normalises
     * are all ASCII, normalised in SQL; without, the other rows, whose other texts the JVM put in
     * {@code identity.work_normalised}. Texts of the other kinds are looked up in both.
     */
    private String partValues(List<KeyKind> kinds, List<ValueSource> values, boolean ascii) {
        StringBuilder base = new StringBuilder("SELECT r.node");
        StringBuilder joins = new StringBuilder();
        List<String> conditions = new ArrayList<>();
        List<String> asciiTexts = new ArrayList<>();
        List<SqlNormalisers.Stages> stages = new ArrayList<>();
        StringBuilder select = new StringBuilder("SELECT node");
        for (int i = 0; i < kinds.size(); i++) {
            KeyKind kind = kinds.get(i);
            String raw = "r." + slot(values.get(i));
            conditions.add(raw + " IS NOT NULL");
            base.append(", ").append(raw).append(" AS t").append(i);
            Optional<SqlNormalisers.Stages> inSql = normalisers.stages(kind, "t" + i, "s" + i + "_",
                    blockedComparable.getOrDefault(kind, Set.of()));
            if (inSql.isPresent()) {
                asciiTexts.add(text.isAscii(raw));
            }
            if (inSql.isPresent() && ascii) {
                stages.add(inSql.get());
                select.append(", ").append(inSql.get().value()).append(" AS p").append(i).append(", ").append(inSql.get().blocked())
                        .append(" AS b").append(i);
                continue;
            }
            String mapped = "m" + i;
            // in the other rows, a text of a kind SQL normalises may still be ASCII: normalised in SQL, not looked up
            joins.append(inSql.isPresent() ? " LEFT JOIN " : " JOIN ").append(dialect.table(IdentityTables.WORK_NORMALISED)).append(' ').append(mapped).append(" ON ")
                    .append(mapped).append(".kind = ").append(dialect.stringLiteral(kind.name())).append(" AND ").append(mapped)
                    .append(".raw = ").append(raw);
            base.append(", ").append(mapped).append(".value AS mv").append(i).append(", ").append(mapped).append(".blocked AS mb").append(i);
            if (inSql.isPresent()) {
                stages.add(inSql.get());
                select.append(", COALESCE(").append(inSql.get().value()).append(", mv").append(i).append(") AS p").append(i)
                        .append(", CASE WHEN ").append(inSql.get().value()).append(" IS NOT NULL THEN ").append(inSql.get().blocked())
                        .append(" ELSE mb").append(i).append(" END AS b").append(i);
            } else {
                select.append(", mv").append(i).append(" AS p").append(i).append(", mb").append(i).append(" AS b").append(i);
            }
        }
        if (!asciiTexts.isEmpty()) {
            String allAscii = String.join(" AND ", asciiTexts);
            conditions.add(ascii ? allAscii : "NOT (" + allAscii + ")");
        }
        String query = base + " FROM " + dialect.table(IdentityTables.WORK_ROWS) + " r" + joins + " WHERE " + String.join(" AND ", conditions);
        return select + " FROM (" + normalisers.apply(query, stages) + dialect.subqueryFence() + ") texts";
    }

    /** {@code identity.work_fields} rows of the source: per record, each field's first non-blank text, stripped. */
    String fields() {
        StringBuilder select = new StringBuilder("INSERT INTO " + dialect.table(IdentityTables.WORK_FIELDS) + " (node");
        fields.forEach(field -> select.append(", ").append(dialect.quote(field)));
        select.append(") SELECT node");
        for (String field : fields) {
            ValueSource value = source.fields().get(field);
            select.append(", ").append(value == null ? "CAST(NULL AS VARCHAR)" : "min(" + text.stripToNull(slot(value)) + ")");
        }
        return select + " FROM " + dialect.table(IdentityTables.WORK_ROWS) + " GROUP BY node";
    }

    private MatchKey key(KeyMapping mapping) {
        return config.key(mapping.key()).orElseThrow();
    }
}
