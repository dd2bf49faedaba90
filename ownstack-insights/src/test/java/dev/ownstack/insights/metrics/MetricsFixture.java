package dev.ownstack.insights.metrics;

import dev.ownstack.warehouse.Warehouse;

/**
 * A small hand-made project in the warehouse, written in SQL both engines run: customers, transactions, identity
 * records and dropped links, audience and sync runs. The expected numbers of {@link MetricsSuite} are worked out by
 * hand from these rows.
 */
final class MetricsFixture {
    private MetricsFixture() {
    }

    static void load(Warehouse warehouse) {
        for (String schema : new String[] {"model", "identity", "ownstack"}) {
            warehouse.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        }
        warehouse.execute("CREATE TABLE model.customers (customer_id VARCHAR, first_seen TIMESTAMP, record_count BIGINT)");
        warehouse.execute("INSERT INTO model.customers VALUES"
                + " ('c1', TIMESTAMP '2023-11-05 09:00:00', 3), ('c2', TIMESTAMP '2023-12-20 10:00:00', 1),"
                + " ('c3', TIMESTAMP '2024-01-10 11:00:00', 2), ('c4', TIMESTAMP '2024-01-31 23:59:59', 1),"
                + " ('c5', TIMESTAMP '2024-03-15 12:00:00', 12), ('c6', NULL, 0),"
                + " ('c7', TIMESTAMP '2024-04-01 00:00:00', 1), ('c8', TIMESTAMP '2024-01-05 08:00:00', 1)");
        warehouse.execute("CREATE TABLE model.transactions (transaction_id VARCHAR, customer_id VARCHAR, occurred_at TIMESTAMP,"
                + " amount DECIMAL(38, 9), type VARCHAR)");
        warehouse.execute("INSERT INTO model.transactions VALUES"
                + " ('t1', 'c1', TIMESTAMP '2023-12-05 10:00:00', 100.00, 'order'),"
                + " ('t2', 'c1', TIMESTAMP '2024-01-15 10:00:00', 50.00, 'order'),"
                + " ('t3', 'c2', TIMESTAMP '2024-01-20 10:00:00', 30.00, 'order'),"
                + " ('t4', 'c2', TIMESTAMP '2024-01-25 10:00:00', -10.00, 'refund'),"
                + " ('t5', 'c3', TIMESTAMP '2024-02-01 00:00:00', 20.00, 'order'),"
                + " ('t6', 'c1', TIMESTAMP '2024-02-10 10:00:00', 25.50, 'order'),"
                + " ('t7', NULL, TIMESTAMP '2024-02-11 10:00:00', 40.00, 'order'),"
                + " ('t8', 'c3', TIMESTAMP '2024-03-05 10:00:00', 15.00, 'order'),"
                + " ('t9', 'c4', TIMESTAMP '2024-03-31 23:00:00', 60.00, 'order'),"
                + " ('t10', 'c5', TIMESTAMP '2024-04-02 10:00:00', 70.00, 'order'),"
                + " ('t11', 'c1', TIMESTAMP '2024-03-20 10:00:00', -5.25, 'refund'),"
                + " ('t12', 'c8', TIMESTAMP '2024-01-05 10:00:00', 10.00, 'order'),"
                + " ('t13', 'c8', TIMESTAMP '2024-03-02 10:00:00', 12.00, 'order')");
        warehouse.execute("CREATE TABLE identity.records (source VARCHAR, record_id VARCHAR, customer_id VARCHAR)");
        StringBuilder records = new StringBuilder("INSERT INTO identity.records VALUES ('crm', 'r1', 'c1'), ('shop', 's1', 'c1'),"
                + " ('web', 'w1', 'c1'), ('crm', 'r2', 'c2'), ('crm', 'r3', 'c3'), ('shop', 's3', 'c3'), ('crm', 'r4', 'c4')");
        for (int i = 0; i < 12; i++) {
            records.append(", ('web', 'w5-").append(i).append("', 'c5')");
        }
        warehouse.execute(records.toString());
        warehouse.execute("CREATE TABLE identity.dropped_links (run_id BIGINT, source VARCHAR, record_id VARCHAR, key_name VARCHAR,"
                + " key_value VARCHAR, other_source VARCHAR, other_record_id VARCHAR, reason VARCHAR)");
        warehouse.execute("INSERT INTO identity.dropped_links VALUES"
                + " (1, 'crm', 'r1', 'user_id', 'u1', 'shop', 's1', 'over the user_id limit of 1'),"
                + " (1, 'crm', 'r1', 'user_id', 'u2', 'shop', 's2', 'over the user_id limit of 1'),"
                + " (1, 'crm', 'r2', 'user_id', 'u3', 'shop', 's3', 'over the user_id limit of 1'),"
                + " (1, 'web', 'w1', 'email', 'e1', 'crm', 'r9', 'over the email limit of 5')");
        warehouse.execute("CREATE TABLE ownstack.audience_runs (audience VARCHAR, run_id BIGINT, computed_at TIMESTAMPTZ, as_of TIMESTAMPTZ,"
                + " size BIGINT, holdout_size BIGINT, joined_count BIGINT, left_count BIGINT)");
        warehouse.execute("INSERT INTO ownstack.audience_runs VALUES"
                + " ('vip', 1, CAST('2024-03-24 10:00:00+00' AS TIMESTAMPTZ), NULL, 100, 5, 100, 0),"
                + " ('vip', 2, CAST('2024-03-30 08:00:00+00' AS TIMESTAMPTZ), NULL, 110, 5, 15, 5),"
                + " ('vip', 3, CAST('2024-03-30 20:00:00+00' AS TIMESTAMPTZ), NULL, 120, 6, 12, 2),"
                + " ('vip', 4, CAST('2024-03-31 09:00:00+00' AS TIMESTAMPTZ), NULL, 118, 6, 1, 3),"
                + " ('lapsed', 1, CAST('2024-03-30 12:00:00+00' AS TIMESTAMPTZ), NULL, 40, 0, 40, 0),"
                + " ('vip', 5, CAST('2024-04-01 00:00:00+00' AS TIMESTAMPTZ), NULL, 130, 6, 12, 0)");
        warehouse.execute("CREATE TABLE ownstack.sync_runs (run_id BIGINT, sync VARCHAR, status VARCHAR, started_at TIMESTAMPTZ,"
                + " finished_at TIMESTAMPTZ, dry_run BOOLEAN, added BIGINT, changed BIGINT, removed BIGINT, failed BIGINT)");
        warehouse.execute("INSERT INTO ownstack.sync_runs VALUES"
                + " (1, 'crm', 'SUCCEEDED', CAST('2024-03-30 01:00:00+00' AS TIMESTAMPTZ), NULL, FALSE, 10, 2, 1, 0),"
                + " (2, 'crm', 'PARTIAL', CAST('2024-03-30 13:00:00+00' AS TIMESTAMPTZ), NULL, FALSE, 5, 0, 0, 3),"
                + " (3, 'crm', 'FAILED', CAST('2024-03-31 01:00:00+00' AS TIMESTAMPTZ), NULL, FALSE, NULL, NULL, NULL, NULL),"
                + " (4, 'ads', 'SUCCEEDED', CAST('2024-03-31 02:00:00+00' AS TIMESTAMPTZ), NULL, FALSE, 7, 0, 0, 0),"
                + " (5, 'ads', 'DRY_RUN', CAST('2024-03-31 03:00:00+00' AS TIMESTAMPTZ), NULL, TRUE, 0, 0, 0, 0),"
                + " (6, 'ads', 'SUCCEEDED', CAST('2024-03-20 02:00:00+00' AS TIMESTAMPTZ), NULL, FALSE, 9, 0, 0, 0)");
    }
}
