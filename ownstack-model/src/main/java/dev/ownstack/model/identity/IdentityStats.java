package dev.ownstack.model.identity;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;

/**
 * The health of the last resolution, from the published identity tables: how many records
 * became how many customers, how big customers are, which keys link, and what was dropped or
 * blocked. Each section is one query.
 */
public final class IdentityStats {
    private IdentityStats() {
    }

    public static List<ReportSection> report(Warehouse warehouse) {
        SqlDialect dialect = warehouse.dialect();
        if (warehouse.describe(IdentityTables.RUNS).isEmpty()
                || ((Number) warehouse.queryAll("SELECT count(*) FROM " + dialect.table(IdentityTables.RUNS)).singleValue()).longValue() == 0) {
            throw new OwnstackException(ErrorCode.NOT_FOUND, "identity has not been resolved in this warehouse yet; run: ownstack resolve");
        }
        String records = dialect.table(IdentityTables.RECORDS);
        String keys = dialect.table(IdentityTables.RECORD_KEYS);
        List<ReportSection> sections = new ArrayList<>();
        sections.add(ReportSection.of("Summary", List.of("run", "finished at", "records", "customers", "records per customer",
                "largest customer", "new customers", "merges", "splits"), warehouse.queryAll(
                "SELECT u.run_id, u.finished_at, u.records, u.customers, CAST(round(CAST(u.records AS DOUBLE PRECISION)"
                        + " / GREATEST(u.customers, 1), 2) AS DOUBLE PRECISION), (SELECT max(n) FROM (SELECT count(*) AS n FROM " + records
                        + " GROUP BY customer_id) sizes), u.new_customers, u.merges, u.splits FROM " + dialect.table(IdentityTables.RUNS)
                        + " u WHERE u.run_id = (SELECT max(run_id) FROM " + dialect.table(IdentityTables.RUNS) + ")").rows()));
        sections.add(ReportSection.of("Records by source", List.of("source", "records", "customers"), warehouse.queryAll(
                "SELECT source, count(*), count(DISTINCT customer_id) FROM " + records + " GROUP BY source ORDER BY source").rows()));
        sections.add(ReportSection.of("Customer sizes", List.of("records per customer", "customers", "records"), warehouse.queryAll(
                "SELECT bucket, count(*), sum(n) FROM (SELECT n, CASE WHEN n = 1 THEN '1' WHEN n = 2 THEN '2' WHEN n = 3 THEN '3'"
                        + " WHEN n <= 5 THEN '4-5' WHEN n <= 10 THEN '6-10' WHEN n <= 20 THEN '11-20' WHEN n <= 50 THEN '21-50'"
                        + " ELSE '51+' END AS bucket, CASE WHEN n <= 3 THEN n WHEN n <= 5 THEN 4 WHEN n <= 10 THEN 6 WHEN n <= 20 THEN 11"
                        + " WHEN n <= 50 THEN 21 ELSE 51 END AS bucket_order FROM (SELECT count(*) AS n FROM " + records
                        + " GROUP BY customer_id) sizes) buckets GROUP BY bucket, bucket_order ORDER BY bucket_order").rows()));
        sections.add(ReportSection.of("Links by key", List.of("key", "values", "linking values", "records linked", "blocked", "dropped"),
                warehouse.queryAll("SELECT key_name, count(*), sum(CASE WHEN linked > 1 THEN 1 ELSE 0 END),"
                        + " sum(CASE WHEN linked > 1 THEN linked ELSE 0 END), sum(blocked), sum(dropped) FROM (SELECT key_name, key_value,"
                        + " sum(CASE WHEN status = 'linked' THEN 1 ELSE 0 END) AS linked, sum(CASE WHEN status = 'blocked' THEN 1 ELSE 0 END)"
                        + " AS blocked, sum(CASE WHEN status = 'dropped' THEN 1 ELSE 0 END) AS dropped FROM " + keys
                        + " GROUP BY key_name, key_value) per_value GROUP BY key_name ORDER BY key_name").rows()));
        sections.add(ReportSection.of("Dropped links", List.of("key", "reason", "links"), warehouse.queryAll(
                "SELECT key_name, reason, count(*) FROM " + dialect.table(IdentityTables.DROPPED_LINKS)
                        + " GROUP BY key_name, reason ORDER BY count(*) DESC, key_name, reason LIMIT 10").rows()));
        sections.add(ReportSection.of("Most shared blocked values", List.of("key", "value", "records", "reason"), warehouse.queryAll(
                "SELECT key_name, key_value, records, reason FROM " + dialect.table(IdentityTables.BLOCKED_VALUES)
                        + " ORDER BY records DESC, key_name, key_value LIMIT 10").rows()));
        return sections;
    }
}
