package dev.ownstack.model.identity;

import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.identity.MatchKey;
import dev.ownstack.model.identity.graph.ComponentsResult;
import dev.ownstack.model.identity.graph.ConnectedComponents;
import dev.ownstack.model.identity.keys.BlockedValues;
import dev.ownstack.model.identity.keys.Normalisers;
import dev.ownstack.model.identity.keys.PhoneKey;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Turns the records of the identity sources into customers: normalised keys, a graph of records
 * that share a key value (a star per value, never all pairs), its connected components, the
 * per-customer limits, and customer ids that stay stable across runs. Everything but the key
 * normalisation and the few components that break a limit runs as SQL in the warehouse.
 *
 * <p>A run builds its results in {@code identity.work_*} and {@code *_next} tables and publishes
 * them in one transaction at the end, so readers see either the previous run or this one, and a
 * crashed run leaves nothing the next one reads (it starts by dropping those tables). Not
 * thread-safe; one run at a time per warehouse.
 */
public final class IdentityResolver {
    private final IdentityConfig config;
    private final ConnectedComponents components;
    private final Clock clock;
    private final Normalisers normalisers;

    public IdentityResolver(IdentityConfig config, ConnectedComponents components, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.components = Objects.requireNonNull(components, "components");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.normalisers = new Normalisers(new PhoneKey(config.defaultRegion()), BlockedValues.defaults());
    }

    public ResolveSummary resolve(Warehouse warehouse, ResolveProgress progress) {
        Instant started = clock.instant();
        SqlDialect dialect = warehouse.dialect();
        IdentityTables.ensurePublished(warehouse);
        IdentityTables.dropWork(warehouse);
        long runId = nextRunId(warehouse);

        progress.step("reading records and normalising keys");
        RecordExtraction.Extracted extracted = new RecordExtraction(config, normalisers).extract(warehouse, progress::records);

        progress.step("linking records that share a key value");
        KeySql keys = new KeySql(config, dialect);
        warehouse.execute("CREATE TABLE " + dialect.table(IdentityTables.WORK_GROUPS) + " AS SELECT key_id, key_value, count(*) AS records,"
                + " min(node) AS anchor FROM " + dialect.table(IdentityTables.WORK_KEYS) + " WHERE status = 'linked' GROUP BY key_id, key_value");
        warehouse.execute("CREATE TABLE " + dialect.table(IdentityTables.WORK_EDGES) + " AS SELECT g.anchor AS node_a, k.node AS node_b"
                + " FROM " + dialect.table(IdentityTables.WORK_KEYS) + " k JOIN " + dialect.table(IdentityTables.WORK_GROUPS)
                + " g ON g.key_id = k.key_id AND g.key_value = k.key_value WHERE k.status = 'linked' AND g.records > 1 AND "
                + keys.withinGroupSize("g") + " AND k.node <> g.anchor");

        progress.step("finding connected components");
        ComponentsResult graph = components.compute(warehouse, IdentityTables.WORK_EDGES, IdentityTables.WORK_RECORDS,
                IdentityTables.WORK_COMPONENTS);

        progress.step("applying per-customer limits");
        long broken = new LimitEnforcement(config, keys).enforce(warehouse);

        progress.step("keeping customer ids stable");
        StableIds.Changes changes = new StableIds(runId).assign(warehouse, LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));

        progress.step("publishing");
        Publication.Counts published = new Publication(keys, runId).publish(warehouse, started, clock, graph, changes);
        IdentityTables.dropWork(warehouse);
        return new ResolveSummary(runId, extracted.recordsBySource(), extracted.rowsWithoutId(), extracted.keys(), published.customers(),
                changes.newCustomers(), changes.merged(), changes.split(), published.droppedLinks(), published.blockedValues(), broken,
                graph.rounds(), Duration.between(started, clock.instant()));
    }

    private static long nextRunId(Warehouse warehouse) {
        Object last = warehouse.queryAll("SELECT max(run_id) FROM " + warehouse.dialect().table(IdentityTables.RUNS)).singleValue();
        return last == null ? 1 : ((Number) last).longValue() + 1;
    }

    /** SQL fragments that depend on the keys: their names, limits and group sizes by key id. */
    static final class KeySql {
        private final IdentityConfig config;
        private final SqlDialect dialect;

        KeySql(IdentityConfig config, SqlDialect dialect) {
            this.config = config;
            this.dialect = dialect;
        }

        List<MatchKey> keys() {
            return config.keys();
        }

        SqlDialect dialect() {
            return dialect;
        }

        /** {@code CASE key_id WHEN 0 THEN 'user_id' ... END}. */
        String name(String alias) {
            StringBuilder sql = new StringBuilder("CASE " + alias + ".key_id");
            for (int i = 0; i < config.keys().size(); i++) {
                sql.append(" WHEN ").append(i).append(" THEN ").append(dialect.stringLiteral(config.keys().get(i).name()));
            }
            return sql.append(" END").toString();
        }

        String limit(String alias) {
            StringBuilder sql = new StringBuilder("CASE " + alias + ".key_id");
            for (int i = 0; i < config.keys().size(); i++) {
                sql.append(" WHEN ").append(i).append(" THEN ").append(config.keys().get(i).limit());
            }
            return sql.append(" END").toString();
        }

        String maxGroupSize(String alias) {
            StringBuilder sql = new StringBuilder("CASE " + alias + ".key_id");
            for (int i = 0; i < config.keys().size(); i++) {
                sql.append(" WHEN ").append(i).append(" THEN ").append(config.keys().get(i).maxGroupSize());
            }
            return sql.append(" END").toString();
        }

        /** True for a group of {@code identity.work_groups} small enough to link its records. */
        String withinGroupSize(String alias) {
            return alias + ".records <= " + maxGroupSize(alias);
        }
    }
}
