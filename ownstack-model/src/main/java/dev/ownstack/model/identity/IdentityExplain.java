package dev.ownstack.model.identity;

import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.identity.MatchKey;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.model.identity.keys.BlockedValues;
import dev.ownstack.model.identity.keys.Normalisers;
import dev.ownstack.model.identity.keys.PhoneKey;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Why a customer is who it is: its records, their keys, the values that link them, the links
 * that were dropped (with the limit they would have broken), blocked values, and the history of
 * its id. A customer is found by its id (a merged-away id leads to the customer it merged into),
 * by {@code source/record_id}, or by any key value as written in a source (it is normalised the
 * way each match key normalises).
 */
public final class IdentityExplain {
    private static final Pattern CUSTOMER_ID = Pattern.compile("cus_[0-9a-f]{16}");

    private final IdentityConfig config;
    private final Normalisers normalisers;

    public IdentityExplain(IdentityConfig config) {
        this.config = config;
        this.normalisers = new Normalisers(new PhoneKey(config.defaultRegion()), BlockedValues.defaults());
    }

    /** The customers the query names, in id order; fails with NOT_FOUND naming the query when there is none. */
    public List<String> find(Warehouse warehouse, String query) {
        SqlDialect dialect = warehouse.dialect();
        String records = dialect.table(IdentityTables.RECORDS);
        String text = query.strip();
        Set<String> found = new LinkedHashSet<>();
        if (CUSTOMER_ID.matcher(text).matches()) {
            found.addAll(strings(warehouse, "SELECT DISTINCT customer_id FROM " + records + " WHERE customer_id = ?", text));
            if (found.isEmpty()) {
                // follow merges: the id an old id ended up in, through every later merge
                String current = text;
                for (int step = 0; step < 100 && found.isEmpty(); step++) {
                    List<String> next = strings(warehouse, "SELECT new_customer_id FROM " + dialect.table(IdentityTables.ID_HISTORY)
                            + " WHERE old_customer_id = ? AND change = 'merge' ORDER BY run_id DESC LIMIT 1", current);
                    if (next.isEmpty()) {
                        break;
                    }
                    current = next.get(0);
                    found.addAll(strings(warehouse, "SELECT DISTINCT customer_id FROM " + records + " WHERE customer_id = ?", current));
                }
            }
        }
        int slash = text.indexOf('/');
        if (found.isEmpty() && slash > 0) {
            found.addAll(strings(warehouse, "SELECT customer_id FROM " + records + " WHERE source = ? AND record_id = ?",
                    text.substring(0, slash), text.substring(slash + 1)));
        }
        if (found.isEmpty()) {
            Set<String> values = new LinkedHashSet<>();
            values.add(text);
            for (MatchKey key : config.keys()) {
                if (!key.composite()) {
                    normalisers.canonical(key.kind(), text).ifPresent(values::add);
                }
            }
            for (String value : values) {
                found.addAll(strings(warehouse, "SELECT DISTINCT r.customer_id FROM " + dialect.table(IdentityTables.RECORD_KEYS) + " k JOIN "
                        + records + " r ON r.source = k.source AND r.record_id = k.record_id WHERE k.key_value = ? ORDER BY 1", value));
                found.addAll(strings(warehouse, "SELECT customer_id FROM " + records + " WHERE record_id = ? ORDER BY 1", value));
            }
        }
        if (found.isEmpty()) {
            throw new OwnstackException(ErrorCode.NOT_FOUND, "no customer has the id, record or key value '" + text
                    + "' (ids look like cus_0123456789abcdef, records like crm/C123)");
        }
        return List.copyOf(found);
    }

    public List<ReportSection> explain(Warehouse warehouse, String customerId) {
        SqlDialect dialect = warehouse.dialect();
        String records = dialect.table(IdentityTables.RECORDS);
        String keys = dialect.table(IdentityTables.RECORD_KEYS);
        String ofCustomer = " r.customer_id = ?";
        List<ReportSection> sections = new ArrayList<>();
        sections.add(ReportSection.of("Records of " + customerId, List.of("source", "record", "precedence", "updated at"), warehouse.queryAll(
                "SELECT source, record_id, precedence, updated_at FROM " + records + " r WHERE" + ofCustomer
                        + " ORDER BY precedence, source, record_id", customerId).rows()));
        String customerKeys = keys + " k JOIN " + records + " r ON r.source = k.source AND r.record_id = k.record_id WHERE" + ofCustomer;
        sections.add(ReportSection.of("Keys", List.of("source", "record", "key", "value", "status"), warehouse.queryAll(
                "SELECT k.source, k.record_id, k.key_name, k.key_value, k.status FROM " + customerKeys
                        + " ORDER BY k.key_name, k.key_value, k.source, k.record_id", customerId).rows()));
        sections.add(ReportSection.of("Links (values shared by records)", List.of("key", "value", "records"), linkRows(warehouse,
                "SELECT k.key_name, k.key_value, k.source || '/' || k.record_id FROM " + customerKeys + " AND k.status = 'linked'"
                        + " ORDER BY k.key_name, k.key_value, k.source, k.record_id", customerId)));
        sections.add(ReportSection.of("Probabilistic links", List.of("record", "matched record", "match probability", "match weight"),
                warehouse.queryAll("SELECT m.source_a || '/' || m.record_id_a, m.source_b || '/' || m.record_id_b, m.probability, m.match_weight"
                        + " FROM " + dialect.table(IdentityTables.MATCH_PAIRS) + " m JOIN " + records
                        + " r ON (r.source = m.source_a AND r.record_id = m.record_id_a) OR (r.source = m.source_b AND r.record_id = m.record_id_b)"
                        + " WHERE" + ofCustomer + " GROUP BY 1, 2, 3, 4 ORDER BY 3 DESC, 1, 2", customerId).rows()));
        String dropped = dialect.table(IdentityTables.DROPPED_LINKS);
        sections.add(ReportSection.of("Dropped links", List.of("record", "key", "value", "not linked to", "its customer", "reason"),
                warehouse.queryAll("SELECT d.source || '/' || d.record_id, d.key_name, d.key_value, d.other_source || '/' || d.other_record_id,"
                        + " o.customer_id, d.reason FROM " + dropped + " d JOIN " + records + " r ON r.source = d.source AND r.record_id = d.record_id"
                        + " JOIN " + records + " o ON o.source = d.other_source AND o.record_id = d.other_record_id"
                        + " WHERE r.customer_id = ? OR o.customer_id = ? ORDER BY 1, 2, 3", customerId, customerId).rows()));
        sections.add(ReportSection.of("Blocked values", List.of("key", "value", "records", "reason"), warehouse.queryAll(
                "SELECT DISTINCT b.key_name, b.key_value, b.records, b.reason FROM " + dialect.table(IdentityTables.BLOCKED_VALUES) + " b JOIN "
                        + keys + " k ON k.key_name = b.key_name AND k.key_value = b.key_value JOIN " + records
                        + " r ON r.source = k.source AND r.record_id = k.record_id WHERE" + ofCustomer + " ORDER BY 1, 2", customerId).rows()));
        sections.add(ReportSection.of("Id history", List.of("run", "old id", "new id", "change", "records", "when"), warehouse.queryAll(
                "SELECT run_id, old_customer_id, new_customer_id, change, records, changed_at FROM " + dialect.table(IdentityTables.ID_HISTORY)
                        + " WHERE old_customer_id = ? OR new_customer_id = ? ORDER BY run_id, old_customer_id", customerId, customerId).rows()));
        return sections;
    }

    /** One row per linked value held by at least two of the customer's records, listing them. */
    private static List<Object[]> linkRows(Warehouse warehouse, String sql, String customerId) {
        List<Object[]> links = new ArrayList<>();
        String key = null;
        String value = null;
        List<String> holders = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>(warehouse.queryAll(sql, customerId).rows());
        rows.add(new Object[] {null, null, null});
        for (Object[] row : rows) {
            if (!java.util.Objects.equals(row[0], key) || !java.util.Objects.equals(row[1], value)) {
                if (holders.size() > 1) {
                    links.add(new Object[] {key, value, String.join(", ", holders)});
                }
                holders.clear();
                key = (String) row[0];
                value = (String) row[1];
            }
            holders.add((String) row[2]);
        }
        return links;
    }

    private static List<String> strings(Warehouse warehouse, String sql, Object... parameters) {
        return warehouse.queryAll(sql, parameters).rows().stream().map(row -> (String) row[0]).toList();
    }
}
