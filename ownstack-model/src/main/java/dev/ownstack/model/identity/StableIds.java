package dev.ownstack.model.identity;

import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;

/**
 * Gives each component of this run a customer id, keeping the ids of the previous run
 * ({@code identity.records}) where the customer is still there:
 * <ul>
 *   <li>each previous id has one heir: the component holding most of its records;</li>
 *   <li>a component that is the heir of several previous ids (a merge) keeps the one with most
 *       records there, then the smallest id; the others map to it in {@code identity.id_history};</li>
 *   <li>the other components holding records of a previous id (a split) get new ids, recorded too;</li>
 *   <li>a component that inherits nothing gets a new id: {@code cus_} and 16 hex digits of an MD5
 *       over its records' smallest MD5 of {@code source:record_id} and the run id.</li>
 * </ul>
 * Ties are broken by hashes of record ids and by ids, never by node numbers, so every engine
 * chooses the same.
 */
final class StableIds {
    private final long runId;

    /** What changed since the previous run. */
    record Changes(long newCustomers, long merged, long split, long removed) {
    }

    StableIds(long runId) {
        this.runId = runId;
    }

    Changes assign(Warehouse warehouse, LocalDateTime now) {
        SqlDialect dialect = warehouse.dialect();
        String components = dialect.table(IdentityTables.WORK_COMPONENTS);
        String records = dialect.table(IdentityTables.WORK_RECORDS);
        String anchors = dialect.table(IdentityTables.WORK_ANCHORS);
        String overlap = dialect.table(IdentityTables.WORK_OVERLAP);
        String heirs = dialect.table(IdentityTables.WORK_HEIRS);
        String ids = dialect.table(IdentityTables.WORK_IDS);
        String history = dialect.table(IdentityTables.WORK_HISTORY);
        warehouse.execute("CREATE TABLE " + anchors + " AS SELECT c.component, min(md5(r.source || ':' || r.record_id)) AS anchor_hash"
                + " FROM " + components + " c JOIN " + records + " r ON r.node = c.node GROUP BY c.component");
        warehouse.execute("CREATE TABLE " + overlap + " AS SELECT c.component, p.customer_id, count(*) AS records FROM " + components
                + " c JOIN " + records + " r ON r.node = c.node JOIN " + dialect.table(IdentityTables.RECORDS)
                + " p ON p.source = r.source AND p.record_id = r.record_id GROUP BY c.component, p.customer_id");
        warehouse.execute("CREATE TABLE " + heirs + " AS SELECT customer_id, component, records FROM (SELECT o.customer_id, o.component,"
                + " o.records, row_number() OVER (PARTITION BY o.customer_id ORDER BY o.records DESC, a.anchor_hash) AS position"
                + " FROM " + overlap + " o JOIN " + anchors + " a ON a.component = o.component) ranked WHERE position = 1");
        warehouse.execute("CREATE TABLE " + ids + " AS SELECT a.component, COALESCE(kept.customer_id, 'cus_' || substr(md5(a.anchor_hash || ':"
                + runId + "'), 1, 16)) AS customer_id, CASE WHEN kept.customer_id IS NULL THEN 1 ELSE 0 END AS is_new FROM " + anchors
                + " a LEFT JOIN (SELECT component, customer_id FROM (SELECT component, customer_id, row_number() OVER (PARTITION BY component"
                + " ORDER BY records DESC, customer_id) AS position FROM " + heirs + ") ranked WHERE position = 1) kept ON kept.component = a.component");
        warehouse.execute("CREATE TABLE " + history + " AS SELECT CAST(" + runId + " AS BIGINT) AS run_id, o.customer_id AS old_customer_id,"
                + " i.customer_id AS new_customer_id, CASE WHEN h.component = o.component THEN 'merge' ELSE 'split' END AS change,"
                + " o.records, CAST(? AS TIMESTAMP) AS changed_at FROM " + overlap + " o JOIN " + ids + " i ON i.component = o.component JOIN "
                + heirs + " h ON h.customer_id = o.customer_id WHERE i.customer_id <> o.customer_id"
                + " UNION ALL SELECT CAST(" + runId + " AS BIGINT), p.customer_id, NULL, 'removed', count(*), CAST(? AS TIMESTAMP) FROM "
                + dialect.table(IdentityTables.RECORDS) + " p WHERE NOT EXISTS (SELECT 1 FROM " + overlap + " o WHERE o.customer_id = p.customer_id)"
                + " GROUP BY p.customer_id", now, now);
        long newCustomers = count(warehouse, "SELECT count(*) FROM " + ids + " WHERE is_new = 1");
        long merged = count(warehouse, "SELECT count(DISTINCT old_customer_id) FROM " + history + " WHERE change = 'merge'");
        long split = count(warehouse, "SELECT count(DISTINCT old_customer_id) FROM " + history + " WHERE change = 'split'");
        long removed = count(warehouse, "SELECT count(*) FROM " + history + " WHERE change = 'removed'");
        return new Changes(newCustomers, merged, split, removed);
    }

    static long count(Warehouse warehouse, String sql) {
        return ((Number) warehouse.queryAll(sql).singleValue()).longValue();
    }
}
