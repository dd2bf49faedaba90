package dev.ownstack.model.identity;

import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.identity.MatchKey;
import dev.ownstack.model.identity.graph.ComponentsResult;
import dev.ownstack.model.identity.graph.ConnectedComponents;
import dev.ownstack.model.identity.keys.BlockedValues;
import dev.ownstack.model.identity.keys.Normalisers;
import dev.ownstack.model.identity.keys.PhoneKey;
import dev.ownstack.model.identity.probabilistic.MatchSummary;
import dev.ownstack.model.identity.probabilistic.ProbabilisticMatcher;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /**
     * Resolves every identity source into customers and publishes the identity tables. The working
     * tables are written in any row order (faster on DuckDB): nothing depends on it, since ties are
     * broken by record ids and hashes, and node numbers come from statements that keep the input's
     * order ({@link RecordExtraction}).
     */
    public ResolveSummary resolve(Warehouse warehouse, ResolveProgress progress) {
        return warehouse.inAnyRowOrder(() -> resolveInAnyRowOrder(warehouse, progress));
    }

    private ResolveSummary resolveInAnyRowOrder(Warehouse warehouse, ResolveProgress progress) {
        Instant started = clock.instant();
        SqlDialect dialect = warehouse.dialect();
        IdentityTables.ensurePublished(warehouse);
        IdentityTables.dropWork(warehouse);
        long runId = nextRunId(warehouse);

        progress.step("reading records and normalising keys");
        RecordExtraction.Extracted extracted = new RecordExtraction(config, normalisers).extract(warehouse, progress::records);

        KeySql keys = new KeySql(config, dialect);
        Optional<MatchSummary> matches = config.probabilistic().map(probabilistic -> {
            progress.step("scoring candidate pairs (probabilistic matching)");
            MatchSummary summary = new ProbabilisticMatcher(probabilistic).match(warehouse, IdentityTables.WORK_FIELDS,
                    IdentityTables.WORK_MATCHES);
            addMatchesAsKeys(warehouse, keys);
            return summary;
        });
        if (matches.isEmpty()) {
            warehouse.ensureTable(IdentityTables.WORK_MATCHES, ProbabilisticMatcher.OUTPUT_COLUMNS, List.of());
        }

        progress.step("linking records that share a key value");
        new KeyGroups(keys).build(warehouse);

        progress.step("finding connected components");
        ComponentsResult graph = components.compute(warehouse, IdentityTables.WORK_EDGES, IdentityTables.WORK_RECORDS,
                IdentityTables.WORK_COMPONENTS);

        progress.step("applying per-customer limits");
        long broken = new LimitEnforcement(keys).enforce(warehouse);

        progress.step("keeping customer ids stable");
        StableIds.Changes changes = new StableIds(runId).assign(warehouse, LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));

        progress.step("publishing");
        Publication.Counts published = new Publication(keys, runId).publish(warehouse, started, clock, graph, changes);
        IdentityTables.dropWork(warehouse);
        return new ResolveSummary(runId, extracted.recordsBySource(), extracted.rowsWithoutId(), extracted.keys(), published.customers(),
                changes.newCustomers(), changes.merged(), changes.split(), published.droppedLinks(), published.blockedValues(), broken,
                graph.rounds(), matches, Duration.between(started, clock.instant()));
    }

    /**
     * Each matched pair becomes a value of a last, lowest-priority key held by its two records, so
     * that limits, relinking and explain treat it like any other link. The value is built from
     * hashes of the records' ids, so it orders the same on every engine.
     */
    private static void addMatchesAsKeys(Warehouse warehouse, KeySql keys) {
        SqlDialect dialect = warehouse.dialect();
        String label = "md5(%1$s.source || '/' || %1$s.record_id)";
        String value = "CASE WHEN " + label.formatted("a") + " < " + label.formatted("b") + " THEN " + label.formatted("a") + " || "
                + label.formatted("b") + " ELSE " + label.formatted("b") + " || " + label.formatted("a") + " END";
        String pairs = " FROM " + dialect.table(IdentityTables.WORK_MATCHES) + " m JOIN " + dialect.table(IdentityTables.WORK_RECORDS)
                + " a ON a.node = m.node_a JOIN " + dialect.table(IdentityTables.WORK_RECORDS) + " b ON b.node = m.node_b";
        for (String end : List.of("node_a", "node_b")) {
            warehouse.execute("INSERT INTO " + dialect.table(IdentityTables.WORK_KEYS) + " (node, key_id, key_value, status) SELECT m." + end
                    + ", " + keys.matchKeyId() + ", " + value + ", 'linked'" + pairs);
        }
    }

    private static long nextRunId(Warehouse warehouse) {
        Object last = warehouse.queryAll("SELECT max(run_id) FROM " + warehouse.dialect().table(IdentityTables.RUNS)).singleValue();
        return last == null ? 1 : ((Number) last).longValue() + 1;
    }

    /**
     * The keys by key id (their position in priority order), with probabilistic matches, when
     * configured, as one more key after them: {@value #MATCH_KEY}, never limited, two records a value.
     */
    static final class KeySql {
        static final String MATCH_KEY = "probabilistic";

        private final SqlDialect dialect;
        private final List<String> names = new ArrayList<>();
        private final List<Integer> limits = new ArrayList<>();
        private final List<Integer> groupSizes = new ArrayList<>();

        KeySql(IdentityConfig config, SqlDialect dialect) {
            this.dialect = dialect;
            for (MatchKey key : config.keys()) {
                names.add(key.name());
                limits.add(key.limit());
                groupSizes.add(key.maxGroupSize());
            }
            if (config.probabilistic().isPresent()) {
                names.add(MATCH_KEY);
                limits.add(Integer.MAX_VALUE);
                groupSizes.add(2);
            }
        }

        /** The key id of probabilistic matches (one past the configured keys). */
        int matchKeyId() {
            return names.indexOf(MATCH_KEY) >= 0 ? names.size() - 1 : names.size();
        }

        List<String> names() {
            return List.copyOf(names);
        }

        int[] limits() {
            return limits.stream().mapToInt(Integer::intValue).toArray();
        }

        /** {@code CASE key_id WHEN 0 THEN 'user_id' ... END}. */
        String name(String alias) {
            return byKey(alias, names.stream().map(dialect::stringLiteral).toList());
        }

        String limit(String alias) {
            return byKey(alias, limits.stream().map(String::valueOf).toList());
        }

        String maxGroupSize(String alias) {
            return byKey(alias, groupSizes.stream().map(String::valueOf).toList());
        }

        private static String byKey(String alias, List<String> values) {
            StringBuilder sql = new StringBuilder("CASE " + alias + ".key_id");
            for (int i = 0; i < values.size(); i++) {
                sql.append(" WHEN ").append(i).append(" THEN ").append(values.get(i));
            }
            return sql.append(" END").toString();
        }

        /** True for a group of {@code identity.work_groups} small enough to link its records. */
        String withinGroupSize(String alias) {
            return alias + ".records <= " + maxGroupSize(alias);
        }
    }
}
