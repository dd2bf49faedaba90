package dev.ownstack.model.master;

import dev.ownstack.core.config.ConfigProblems;
import dev.ownstack.core.config.identity.ColumnRef;
import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.identity.IdentitySource;
import dev.ownstack.core.config.models.CustomerAttribute;
import dev.ownstack.core.config.models.ModelsConfig;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.model.traits.Expressions;
import dev.ownstack.model.traits.TraitQuery;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@code model.customers}: one row per customer of {@code identity.records}. Each attribute
 * is taken from the record rows that have a value for it, ordered by the source's precedence
 * (lower first), then the row's {@code updated-at} (latest first), then the row loaded last (the
 * lineage columns of file loads), then the source name and the greater record id, so that the
 * pick is the same on every engine and every run.
 */
final class CustomersSql {
    private static final String RECORD = "r";
    private static final String ROW = "s";
    private static final String CUSTOMER = "c";
    private static final String ATTRIBUTES = "attributes";
    private static final String RANK = "rank";

    private final Expressions sql;
    private final IdentityConfig identity;
    private final List<CustomerAttribute> attributes;
    private final Map<String, SourceTable> tables;
    private final Map<String, ColumnType> attributeTypes;
    private final ColumnType recordTimeType;

    private CustomersSql(Expressions sql, IdentityConfig identity, List<CustomerAttribute> attributes, Map<String, SourceTable> tables,
                         Map<String, ColumnType> attributeTypes, ColumnType recordTimeType) {
        this.sql = sql;
        this.identity = identity;
        this.attributes = attributes;
        this.tables = tables;
        this.attributeTypes = attributeTypes;
        this.recordTimeType = recordTimeType;
    }

    /** Checks the tables and columns the attributes read; empty with the problems added when something is missing. */
    static Optional<CustomersSql> plan(Warehouse warehouse, Expressions sql, IdentityConfig identity, ModelsConfig models,
                                       SourceTable records, ConfigProblems problems) {
        int before = problems.problems().size();
        Map<String, SourceTable> tables = new LinkedHashMap<>();
        for (IdentitySource source : identity.sources()) {
            boolean used = models.attributes().stream().anyMatch(attribute -> attribute.sources().containsKey(source.name()));
            if (used) {
                sourceTable(warehouse, source, problems).ifPresent(table -> tables.put(source.name(), table));
            }
        }
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (CustomerAttribute attribute : models.attributes()) {
            List<ColumnType> found = new ArrayList<>();
            attribute.sources().forEach((sourceName, ref) -> {
                SourceTable table = tables.get(sourceName);
                if (table == null) {
                    return;
                }
                Optional<ColumnType> type = table.type(ref.column());
                if (type.isEmpty()) {
                    problems.add("models.customers.attributes." + attribute.name() + "." + sourceName, table.missing(ref.column()));
                } else {
                    ColumnType valueType = Expressions.valueType(ref, type.get());
                    found.add(valueType == ColumnType.TIMESTAMPTZ ? ColumnType.TIMESTAMP : valueType);
                }
            });
            boolean same = !found.isEmpty() && found.stream().allMatch(type -> type == found.get(0));
            types.put(attribute.name(), same ? found.get(0) : ColumnType.STRING);
        }
        ColumnType recordTime = records.type("updated_at").orElse(ColumnType.TIMESTAMP);
        if (problems.problems().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new CustomersSql(sql, identity, models.attributes(), tables, types, recordTime));
    }

    private static Optional<SourceTable> sourceTable(Warehouse warehouse, IdentitySource source, ConfigProblems problems) {
        String path = "identity.sources." + source.name();
        Optional<SourceTable> table = SourceTable.describe(warehouse, source.table());
        if (table.isEmpty()) {
            problems.add(path + ".table", source.table() + " does not exist");
            return table;
        }
        if (!table.get().has(source.idColumn())) {
            problems.add(path + ".id", table.get().missing(source.idColumn()));
        }
        source.updatedAt().ifPresent(column -> {
            Optional<ColumnType> type = table.get().type(column);
            if (type.isEmpty()) {
                problems.add(path + ".updated-at", table.get().missing(column));
            } else if (!Expressions.isTime(type.get())) {
                problems.add(path + ".updated-at", "column " + column + " of " + source.table() + " must hold a time, but it is "
                        + type.get().configName());
            }
        });
        return table;
    }

    /** One identity source's rows: the record's customer, what orders them, and each attribute's value there. */
    private String values(IdentitySource source, SourceTable table) {
        List<String> select = new ArrayList<>();
        select.add(sql.column(RECORD, "customer_id") + " AS " + sql.quote("customer_id"));
        select.add(sql.column(RECORD, "source") + " AS " + sql.quote("source"));
        select.add(sql.column(RECORD, "record_id") + " AS " + sql.quote("record_id"));
        select.add(sql.cast(Integer.toString(source.precedence()), ColumnType.BIGINT) + " AS " + sql.quote("precedence"));
        select.add(time(table, source.updatedAt()) + " AS " + sql.quote("updated_at"));
        select.add(time(table, Optional.of("_ownstack_loaded_at").filter(table::has)) + " AS " + sql.quote("loaded_at"));
        select.add(sql.cast(table.column("_ownstack_line").map(column -> sql.column(ROW, column.name())).orElse("NULL"), ColumnType.BIGINT)
                + " AS " + sql.quote("line"));
        for (int i = 0; i < attributes.size(); i++) {
            CustomerAttribute attribute = attributes.get(i);
            ColumnType type = attributeTypes.get(attribute.name());
            ColumnRef ref = attribute.sources().get(source.name());
            String value = ref == null ? sql.cast("NULL", type) : value(table, ref, type);
            select.add(value + " AS " + sql.quote(valueColumn(i)));
        }
        String id = table.column(source.idColumn()).orElseThrow().name();
        return "SELECT " + String.join(", ", select) + " FROM " + sql.dialect().table(ModelTables.IDENTITY_RECORDS) + " " + RECORD
                + " JOIN " + sql.dialect().table(source.table()) + " " + ROW + " ON " + sql.column(RECORD, "source") + " = "
                + sql.literal(source.name()) + " AND " + sql.column(RECORD, "record_id") + " = " + sql.text(sql.column(ROW, id));
    }

    private String time(SourceTable table, Optional<String> column) {
        return column.map(name -> {
            Column found = table.column(name).orElseThrow();
            return sql.timestamp(sql.column(ROW, found.name()), found.type());
        }).orElse(sql.cast("NULL", ColumnType.TIMESTAMP));
    }

    /** The attribute's value in one source, in the attribute's type; blank text counts as no value. */
    private String value(SourceTable table, ColumnRef ref, ColumnType type) {
        Column column = table.column(ref.column()).orElseThrow();
        ColumnRef actual = new ColumnRef(column.name(), ref.jsonPath());
        ColumnType sourceType = Expressions.valueType(ref, column.type());
        String value = sql.value(ROW, actual);
        if (sourceType == ColumnType.TIMESTAMPTZ) {
            value = sql.timestamp(value, sourceType);
        }
        if (type != ColumnType.STRING) {
            return sql.cast(value, type);
        }
        String text = sql.text(value);
        return "CASE WHEN TRIM(" + text + ") = " + sql.literal("") + " THEN NULL ELSE " + text + " END";
    }

    /** The customer's id in the statement {@link #create} makes, for the traits' joins. */
    String customerId() {
        return sql.column(CUSTOMER, "customer_id");
    }

    /**
     * The statement that builds the customers table from the built transactions and events (when
     * there are) and the traits' parts. It reads {@code identity.records} once grouped by customer,
     * the identity sources' rows once (ranked per customer, then grouped by customer) and each
     * activity table once grouped by customer (with the traits of that table).
     */
    String create(TraitQuery traits) {
        List<String> with = new ArrayList<>();
        String seenAt = sql.timestamp(sql.quote("updated_at"), recordTimeType);
        with.add("records AS (SELECT " + sql.quote("customer_id") + ", count(*) AS " + sql.quote("record_count")
                + ", count(DISTINCT " + sql.quote("source") + ") AS " + sql.quote("source_count")
                + ", min(" + seenAt + ") AS " + sql.quote("first_seen") + ", max(" + seenAt + ") AS " + sql.quote("last_seen")
                + " FROM " + sql.dialect().table(ModelTables.IDENTITY_RECORDS) + " GROUP BY " + sql.quote("customer_id") + ")");
        List<String> select = new ArrayList<>();
        List<String> joins = new ArrayList<>();
        String customerId = sql.column(CUSTOMER, "customer_id");
        select.add(sql.text(customerId) + " AS " + sql.quote("customer_id"));
        if (!attributes.isEmpty()) {
            with.add(ATTRIBUTES + " AS (" + picks() + ")");
            joins.add("LEFT JOIN " + ATTRIBUTES + " ON " + sql.column(ATTRIBUTES, "customer_id") + " = " + customerId);
        }
        for (int i = 0; i < attributes.size(); i++) {
            String attribute = attributes.get(i).name();
            select.add(sql.cast(sql.column(ATTRIBUTES, valueColumn(i)), attributeTypes.get(attribute)) + " AS " + sql.quote(attribute));
        }
        List<String> firstSeen = new ArrayList<>(List.of(sql.column(CUSTOMER, "first_seen")));
        firstSeen.addAll(traits.firstSeen());
        List<String> lastSeen = new ArrayList<>(List.of(sql.column(CUSTOMER, "last_seen")));
        lastSeen.addAll(traits.lastSeen());
        select.add(sql.cast(seen("LEAST", firstSeen), ColumnType.TIMESTAMP) + " AS " + sql.quote("first_seen"));
        select.add(sql.cast(seen("GREATEST", lastSeen), ColumnType.TIMESTAMP) + " AS " + sql.quote("last_seen"));
        select.add(sql.cast(sql.column(CUSTOMER, "record_count"), ColumnType.BIGINT) + " AS " + sql.quote("record_count"));
        select.add(sql.cast(sql.column(CUSTOMER, "source_count"), ColumnType.BIGINT) + " AS " + sql.quote("source_count"));
        with.addAll(traits.with());
        joins.addAll(traits.joins());
        select.addAll(traits.columns());
        return "CREATE TABLE " + sql.dialect().table(ModelTables.staging(ModelTables.CUSTOMERS)) + " AS WITH " + String.join(", ", with)
                + " SELECT " + String.join(", ", select) + " FROM records " + CUSTOMER + (joins.isEmpty() ? "" : " " + String.join(" ", joins));
    }

    /** The earliest (LEAST) or latest (GREATEST) of times, NULLs left out: both engines' LEAST and GREATEST ignore NULL. */
    private static String seen(String function, List<String> times) {
        return times.size() == 1 ? times.get(0) : function + "(" + String.join(", ", times) + ")";
    }

    /**
     * Each customer's attributes: the identity sources' rows ranked once per customer in the
     * order of the class comment, then, per attribute, the value of the best-ranked row that has one.
     */
    private String picks() {
        List<String> rows = new ArrayList<>();
        for (IdentitySource source : identity.sources()) {
            if (tables.containsKey(source.name())) {
                rows.add(values(source, tables.get(source.name())));
            }
        }
        String order = sql.quote("precedence") + " ASC, " + sql.quote("updated_at") + " DESC NULLS LAST, " + sql.quote("loaded_at")
                + " DESC NULLS LAST, " + sql.quote("line") + " DESC NULLS LAST, " + sql.quote("source") + " ASC, "
                + sql.quote("record_id") + " DESC";
        List<String> ranked = new ArrayList<>();
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            String value = sql.quote(valueColumn(i));
            ranked.add(value);
            picked.add(sql.dialect().valueAtLeast(value, sql.quote(RANK)) + " AS " + value);
        }
        return "SELECT " + sql.quote("customer_id") + ", " + String.join(", ", picked) + " FROM (SELECT " + sql.quote("customer_id") + ", "
                + String.join(", ", ranked) + ", ROW_NUMBER() OVER (PARTITION BY " + sql.quote("customer_id") + " ORDER BY " + order
                + ") AS " + sql.quote(RANK) + " FROM (" + String.join(" UNION ALL ", rows) + ") source_rows) ranked GROUP BY "
                + sql.quote("customer_id");
    }

    /**
     * The column of the attribute rows holding the i-th attribute's values: named by position, so
     * that an attribute may be called {@code source} or {@code updated_at} like the columns that
     * order the rows.
     */
    private static String valueColumn(int index) {
        return "value_" + (index + 1);
    }
}
