package dev.ownstack.model.identity;

import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;

/**
 * The values of the keys, once each, and the star edges they make.
 * <ul>
 *   <li>{@code identity.work_groups}: a dense value id per (key id, value), with the number of
 *       records the value links ({@code records}, 0 when it is only blocked) and the smallest of
 *       their nodes ({@code anchor});</li>
 *   <li>{@code identity.work_key_values}: every row of {@code identity.work_keys} by value id, so
 *       that the steps after this one join on numbers, not on text, with {@code links}: whether
 *       the key value links its record (linked, and the value within its key's max-group-size);</li>
 *   <li>{@code identity.work_edges}: each record that shares a linking value with the anchor of
 *       that value, when the value is held by no more records than its key's max-group-size.</li>
 * </ul>
 */
final class KeyGroups {
    private final IdentityResolver.KeySql keys;

    KeyGroups(IdentityResolver.KeySql keys) {
        this.keys = keys;
    }

    void build(Warehouse warehouse) {
        SqlDialect dialect = warehouse.dialect();
        String groups = dialect.table(IdentityTables.WORK_GROUPS);
        String keyValues = dialect.table(IdentityTables.WORK_KEY_VALUES);
        warehouse.execute("CREATE TABLE " + groups + " AS SELECT row_number() OVER () AS value_id, key_id, key_value,"
                + " count(CASE WHEN status = 'linked' THEN 1 END) AS records, min(CASE WHEN status = 'linked' THEN node END) AS anchor FROM "
                + dialect.table(IdentityTables.WORK_KEYS) + " GROUP BY key_id, key_value");
        warehouse.execute("CREATE TABLE " + keyValues + " AS SELECT k.node, g.value_id, g.key_id, k.status, k.status = 'linked' AND "
                + keys.withinGroupSize("g") + " AS links FROM " + dialect.table(IdentityTables.WORK_KEYS) + " k JOIN " + groups
                + " g ON g.key_id = k.key_id AND g.key_value = k.key_value");
        dialect.analyze(IdentityTables.WORK_GROUPS).ifPresent(warehouse::execute);
        dialect.analyze(IdentityTables.WORK_KEY_VALUES).ifPresent(warehouse::execute);
        warehouse.execute("CREATE TABLE " + dialect.table(IdentityTables.WORK_EDGES) + " AS SELECT g.anchor AS node_a, k.node AS node_b FROM "
                + keyValues + " k JOIN " + groups + " g ON g.value_id = k.value_id WHERE k.links AND g.records > 1 AND k.node <> g.anchor");
    }
}
