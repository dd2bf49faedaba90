package dev.ownstack.model.identity;

import dev.ownstack.core.table.TableName;
import dev.ownstack.model.identity.graph.ComponentsResult;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Builds the next version of each published identity table beside it, then, in one transaction,
 * drops the old versions, renames the new ones over them and appends the run's id history and
 * its row in {@code identity.runs}.
 */
final class Publication {
    private final IdentityResolver.KeySql keys;
    private final long runId;

    record Counts(long customers, long droppedLinks, long blockedValues) {
    }

    Publication(IdentityResolver.KeySql keys, long runId) {
        this.keys = keys;
        this.runId = runId;
    }

    Counts publish(Warehouse warehouse, Instant started, Clock clock, ComponentsResult graph, StableIds.Changes changes) {
        SqlDialect dialect = warehouse.dialect();
        String records = dialect.table(IdentityTables.WORK_RECORDS);
        String workKeys = dialect.table(IdentityTables.WORK_KEYS);
        String groups = dialect.table(IdentityTables.WORK_GROUPS);
        String dropped = dialect.table(IdentityTables.WORK_DROPPED);
        warehouse.execute("CREATE TABLE " + next(dialect, IdentityTables.RECORDS) + " AS SELECT r.source, r.record_id, i.customer_id,"
                + " r.precedence, r.updated_at, r.node FROM " + records + " r JOIN " + dialect.table(IdentityTables.WORK_COMPONENTS)
                + " c ON c.node = r.node JOIN " + dialect.table(IdentityTables.WORK_IDS) + " i ON i.component = c.component");
        // every key row has its value in work_groups; the few dropped links are matched to value ids first; each key row
        // carries its record's customer, so that the build's model.customer_identities needs no join on the record's texts
        warehouse.execute("CREATE TABLE " + next(dialect, IdentityTables.RECORD_KEYS) + " AS SELECT r.source, r.record_id, "
                + keys.name("g") + " AS key_name, g.key_value, CASE WHEN k.status = 'blocked' OR NOT (" + keys.withinGroupSize("g")
                + ") THEN 'blocked' WHEN d.node IS NOT NULL THEN 'dropped' ELSE 'linked' END AS status, r.customer_id FROM "
                + dialect.table(IdentityTables.WORK_KEY_VALUES) + " k JOIN " + next(dialect, IdentityTables.RECORDS) + " r ON r.node = k.node JOIN " + groups
                + " g ON g.value_id = k.value_id LEFT JOIN (SELECT DISTINCT dropped.node, dg.value_id FROM " + dropped + " dropped JOIN "
                + groups + " dg ON dg.key_id = dropped.key_id AND dg.key_value = dropped.key_value) d ON d.node = k.node"
                + " AND d.value_id = k.value_id WHERE g.key_id < " + keys.matchKeyId());
        warehouse.execute("CREATE TABLE " + next(dialect, IdentityTables.MATCH_PAIRS) + " AS SELECT a.source AS source_a, a.record_id AS record_id_a,"
                + " b.source AS source_b, b.record_id AS record_id_b, m.match_weight, m.probability FROM "
                + dialect.table(IdentityTables.WORK_MATCHES) + " m JOIN " + records + " a ON a.node = m.node_a JOIN " + records
                + " b ON b.node = m.node_b");
        warehouse.execute("CREATE TABLE " + next(dialect, IdentityTables.DROPPED_LINKS) + " AS SELECT CAST(" + runId + " AS BIGINT) AS run_id,"
                + " r.source, r.record_id, " + keys.name("d") + " AS key_name, CASE WHEN d.key_id = " + keys.matchKeyId()
                + " THEN NULL ELSE d.key_value END AS key_value, o.source AS other_source,"
                + " o.record_id AS other_record_id, d.reason FROM " + dropped + " d JOIN " + records + " r ON r.node = d.node JOIN "
                + records + " o ON o.node = d.other_node");
        warehouse.execute("CREATE TABLE " + next(dialect, IdentityTables.BLOCKED_VALUES) + " AS SELECT " + keys.name("k")
                + " AS key_name, k.key_value, count(*) AS records, 'a placeholder, test or configured blocked value' AS reason FROM "
                + workKeys + " k WHERE k.status = 'blocked' GROUP BY k.key_id, k.key_value UNION ALL SELECT " + keys.name("g")
                + ", g.key_value, g.records, 'shared by more records than max-group-size (' || CAST(" + keys.maxGroupSize("g")
                + " AS VARCHAR) || ')' FROM " + groups + " g WHERE NOT (" + keys.withinGroupSize("g") + ")");
        long customers = StableIds.count(warehouse, "SELECT count(*) FROM " + dialect.table(IdentityTables.WORK_IDS));
        long droppedLinks = StableIds.count(warehouse, "SELECT count(*) FROM " + next(dialect, IdentityTables.DROPPED_LINKS));
        long blocked = StableIds.count(warehouse, "SELECT count(*) FROM " + next(dialect, IdentityTables.BLOCKED_VALUES));
        long recordCount = StableIds.count(warehouse, "SELECT count(*) FROM " + records);
        warehouse.inTransaction(transaction -> {
            for (TableName table : List.of(IdentityTables.RECORDS, IdentityTables.RECORD_KEYS, IdentityTables.DROPPED_LINKS,
                    IdentityTables.BLOCKED_VALUES, IdentityTables.MATCH_PAIRS)) {
                transaction.execute("DROP TABLE " + dialect.table(table));
                transaction.execute("ALTER TABLE " + next(dialect, table) + " RENAME TO " + dialect.quote(table.name()));
            }
            transaction.execute("INSERT INTO " + dialect.table(IdentityTables.ID_HISTORY) + " (run_id, old_customer_id, new_customer_id,"
                    + " change, records, changed_at) SELECT run_id, old_customer_id, new_customer_id, change, records, changed_at FROM "
                    + dialect.table(IdentityTables.WORK_HISTORY));
            transaction.execute("INSERT INTO " + dialect.table(IdentityTables.RUNS) + " (run_id, started_at, finished_at, records, customers,"
                    + " new_customers, merges, splits, dropped_links, blocked_values, components) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    runId, utc(started), utc(clock.instant()), recordCount, customers, changes.newCustomers(), changes.merged(),
                    changes.split(), droppedLinks, blocked, graph.rounds() + " rounds");
            return null;
        });
        return new Counts(customers, droppedLinks, blocked);
    }

    private static String next(SqlDialect dialect, TableName published) {
        return dialect.table(IdentityTables.next(published));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
