package dev.ownstack.model.identity;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.ResultColumn;
import dev.ownstack.warehouse.RowHandler;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the components that break a per-customer limit (in SQL, over all of them) and relinks
 * only those with {@link LimitedLinking}, streaming one component at a time; the new components
 * replace theirs in {@code identity.work_components} and the dropped links go to
 * {@code identity.work_dropped}.
 */
final class LimitEnforcement {
    private final IdentityResolver.KeySql keys;

    LimitEnforcement(IdentityResolver.KeySql keys) {
        this.keys = keys;
    }

    /** Returns how many components broke a limit. */
    long enforce(Warehouse warehouse) {
        SqlDialect dialect = warehouse.dialect();
        warehouse.ensureTable(IdentityTables.WORK_DROPPED, List.of(new Column("node", ColumnType.BIGINT),
                new Column("key_id", ColumnType.BIGINT), new Column("key_value", ColumnType.STRING),
                new Column("other_node", ColumnType.BIGINT), new Column("reason", ColumnType.STRING)), List.of());
        warehouse.ensureTable(IdentityTables.WORK_RELINKED, List.of(new Column("node", ColumnType.BIGINT),
                new Column("component", ColumnType.BIGINT)), List.of());
        String keyValues = dialect.table(IdentityTables.WORK_KEY_VALUES);
        String components = dialect.table(IdentityTables.WORK_COMPONENTS);
        String violations = dialect.table(IdentityTables.WORK_VIOLATIONS);
        // a value id stands for one value of one key, so counting a component's ids of a key counts its values
        warehouse.execute("CREATE TABLE " + violations + " AS SELECT DISTINCT component FROM (SELECT component, key_id FROM (SELECT DISTINCT"
                + " c.component, k.key_id, k.value_id FROM " + keyValues + " k JOIN " + components + " c ON c.node = k.node WHERE k.links) v"
                + " GROUP BY component, key_id HAVING count(*) > " + keys.limit("v") + ") broken");
        long broken = ((Number) warehouse.queryAll("SELECT count(*) FROM " + dialect.table(IdentityTables.WORK_VIOLATIONS)).singleValue()).longValue();
        if (broken == 0) {
            return 0;
        }
        LimitedLinking linking = new LimitedLinking(keys.names(), keys.limits());
        try (Warehouse relinkedConnection = warehouse.openSibling();
             Warehouse droppedConnection = warehouse.openSibling();
             RowWriter relinked = relinkedConnection.append(IdentityTables.WORK_RELINKED, List.of("node", "component"));
             RowWriter dropped = droppedConnection.append(IdentityTables.WORK_DROPPED,
                     List.of("node", "key_id", "key_value", "other_node", "reason"))) {
            // from the few broken components to their records and keys, not the other way round
            String sql = "SELECT c.component, k.node, r.source, r.record_id, k.key_id, g.key_value FROM " + violations + " b JOIN " + components
                    + " c ON c.component = b.component JOIN " + keyValues + " k ON k.node = c.node JOIN " + dialect.table(IdentityTables.WORK_GROUPS)
                    + " g ON g.value_id = k.value_id JOIN " + dialect.table(IdentityTables.WORK_RECORDS) + " r ON r.node = k.node WHERE k.links"
                    + " ORDER BY c.component";
            Relinker relinker = new Relinker(linking, relinked, dropped);
            warehouse.query(sql, List.of(), relinker);
            relinker.flush();
        }
        // a new table rather than DELETE and INSERT: one statement, and no bulk INSERT into a table made by CREATE TABLE AS
        String limited = dialect.table(IdentityTables.WORK_LIMITED);
        warehouse.execute("CREATE TABLE " + limited + " AS SELECT c.node, COALESCE(r.component, c.component) AS component FROM "
                + dialect.table(IdentityTables.WORK_COMPONENTS) + " c LEFT JOIN " + dialect.table(IdentityTables.WORK_RELINKED)
                + " r ON r.node = c.node");
        warehouse.execute("DROP TABLE " + dialect.table(IdentityTables.WORK_COMPONENTS));
        warehouse.execute("ALTER TABLE " + limited + " RENAME TO " + dialect.quote(IdentityTables.WORK_COMPONENTS.name()));
        return broken;
    }

    /** Collects the key rows of one component (they arrive together), relinks it and writes the outcome. */
    private static final class Relinker implements RowHandler {
        private final LimitedLinking linking;
        private final RowWriter relinked;
        private final RowWriter dropped;
        private final List<LimitedLinking.KeyRow> rows = new ArrayList<>();
        private long component = -1;

        Relinker(LimitedLinking linking, RowWriter relinked, RowWriter dropped) {
            this.linking = linking;
            this.relinked = relinked;
            this.dropped = dropped;
        }

        @Override
        public void columns(List<ResultColumn> columns) {
        }

        @Override
        public void row(Object[] values) {
            long rowComponent = ((Number) values[0]).longValue();
            if (rowComponent != component) {
                flush();
                component = rowComponent;
            }
            rows.add(new LimitedLinking.KeyRow(((Number) values[1]).longValue(), (String) values[2], (String) values[3],
                    ((Number) values[4]).intValue(), (String) values[5]));
        }

        void flush() {
            if (rows.isEmpty()) {
                return;
            }
            LimitedLinking.Result result = linking.link(rows);
            for (Map.Entry<Long, Long> entry : result.componentOfNode().entrySet()) {
                relinked.write(new Object[] {entry.getKey(), entry.getValue()});
            }
            for (LimitedLinking.Dropped link : result.dropped()) {
                dropped.write(new Object[] {link.node(), (long) link.keyId(), link.value(), link.otherNode(), link.reason()});
            }
            rows.clear();
        }
    }
}
