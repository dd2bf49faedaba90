package dev.ownstack.activation.audience.history;

import dev.ownstack.activation.audience.AudienceCompiler;
import dev.ownstack.activation.audience.CompiledAudience;
import dev.ownstack.activation.audience.store.AudienceTables;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Audience membership over time. {@link #compute} runs an audience and records the run in
 * {@code ownstack.audience_runs} and the membership as intervals in {@code ownstack.audience_members}
 * (a customer joined in one run and left in a later one, {@code left_run} NULL while a member).
 * All of it is set-based SQL in one transaction: the members are computed once into a temporary
 * table, the intervals of those who left are closed, rows for those who joined are inserted, and
 * the run is written; a failure or a crash leaves the previous state whole.
 *
 * <p>Computations of one audience in this JVM wait for each other; one in another process at the
 * same time fails (the run id is a primary key) and changes nothing. Not thread-safe otherwise:
 * one warehouse connection.
 */
public final class MembershipHistory {
    private static final ConcurrentHashMap<String, ReentrantLock> COMPUTING = new ConcurrentHashMap<>();
    private static final String CURRENT = "ownstack_audience_current";

    private final Warehouse warehouse;
    private final Clock clock;
    private final SqlDialect dialect;

    /** @param clock gives {@code computed_at} */
    public MembershipHistory(Warehouse warehouse, Clock clock) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dialect = warehouse.dialect();
    }

    /**
     * Computes the audience's members (and its holdout's size) with the compiler and records the
     * run.
     *
     * @param asOf the compiler's as-of time, recorded with the run
     */
    public AudienceRun compute(AudienceDefinition definition, AudienceCompiler compiler, Instant asOf) {
        CompiledAudience members = compiler.compile(definition);
        Optional<CompiledAudience> holdout = definition.holdoutPercent() > 0 ? Optional.of(compiler.compileHoldout(definition)) : Optional.empty();
        AudienceTables.ensureHistory(warehouse);
        ReentrantLock lock = COMPUTING.computeIfAbsent(definition.name(), name -> new ReentrantLock());
        lock.lock();
        try {
            return warehouse.inTransaction(tx -> record(tx, members, holdout, asOf));
        } finally {
            lock.unlock();
        }
    }

    private AudienceRun record(Warehouse tx, CompiledAudience members, Optional<CompiledAudience> holdout, Instant asOf) {
        String audience = members.audience();
        String runs = dialect.table(AudienceTables.RUNS);
        String intervals = dialect.table(AudienceTables.MEMBERS);
        String current = dialect.quote(CURRENT);
        long run = number(tx.queryAll("SELECT COALESCE(max(" + q("run_id") + "), 0) + 1 FROM " + runs + " WHERE " + q("audience") + " = ?",
                audience).singleValue());
        Instant computedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        tx.execute("INSERT INTO " + runs + " (" + q("audience") + ", " + q("run_id") + ", " + q("computed_at") + ", " + q("as_of") + ", "
                + q("size") + ", " + q("holdout_size") + ", " + q("joined_count") + ", " + q("left_count") + ") VALUES (?, ?, ?, ?, 0, 0, 0, 0)",
                audience, run, utc(computedAt), utc(asOf));
        tx.execute("CREATE TEMPORARY TABLE " + current + " (" + q("member_id") + " " + dialect.typeName(ColumnType.STRING) + ")");
        tx.execute("INSERT INTO " + current + " (" + q("member_id") + ") SELECT " + q("customer_id") + " FROM (" + members.sql() + ") AS s",
                members.parameters().toArray());
        // member_id is only in the temporary table and customer_id only in the intervals, so neither needs a table alias
        long left = tx.execute("UPDATE " + intervals + " SET " + q("left_run") + " = ? WHERE " + q("audience") + " = ? AND " + q("left_run")
                + " IS NULL AND NOT EXISTS (SELECT 1 FROM " + current + " WHERE " + q("member_id") + " = " + q("customer_id") + ")", run, audience);
        long joined = tx.execute("INSERT INTO " + intervals + " (" + q("audience") + ", " + q("customer_id") + ", " + q("joined_run") + ", "
                + q("left_run") + ") SELECT ?, " + q("member_id") + ", ?, NULL FROM " + current + " WHERE NOT EXISTS (SELECT 1 FROM "
                + intervals + " AS m WHERE m." + q("audience") + " = ? AND m." + q("left_run") + " IS NULL AND m." + q("customer_id") + " = "
                + current + "." + q("member_id") + ")", audience, run, audience);
        long size = number(tx.queryAll("SELECT count(*) FROM " + current).singleValue());
        long held = holdout.map(compiled -> number(tx.queryAll(compiled.countSql(), compiled.parameters().toArray()).singleValue())).orElse(0L);
        tx.execute("UPDATE " + runs + " SET " + q("size") + " = ?, " + q("holdout_size") + " = ?, " + q("joined_count") + " = ?, "
                + q("left_count") + " = ? WHERE " + q("audience") + " = ? AND " + q("run_id") + " = ?", size, held, joined, left, audience, run);
        tx.execute("DROP TABLE " + current);
        return new AudienceRun(audience, run, computedAt, asOf, size, held, joined, left);
    }

    /** The latest {@code limit} runs of the audience, oldest first; empty when it was never computed. */
    public List<AudienceRun> runs(String audience, int limit) {
        if (limit < 1) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "limit: must be at least 1, got " + limit);
        }
        if (!AudienceTables.exists(warehouse, AudienceTables.RUNS)) {
            return List.of();
        }
        String sql = "SELECT " + q("run_id") + ", " + q("computed_at") + ", " + q("as_of") + ", " + q("size") + ", " + q("holdout_size") + ", "
                + q("joined_count") + ", " + q("left_count") + " FROM " + dialect.table(AudienceTables.RUNS) + " WHERE " + q("audience")
                + " = ? ORDER BY " + q("run_id") + " DESC LIMIT " + limit;
        List<AudienceRun> runs = new ArrayList<>();
        for (Object[] row : warehouse.queryAll(sql, audience).rows()) {
            runs.add(0, new AudienceRun(audience, number(row[0]), instant(row[1]), instant(row[2]), number(row[3]), number(row[4]),
                    number(row[5]), number(row[6])));
        }
        return runs;
    }

    /** The latest run of every audience computed, by audience name, in one query. */
    public Map<String, AudienceRun> latestRuns() {
        if (!AudienceTables.exists(warehouse, AudienceTables.RUNS)) {
            return Map.of();
        }
        String runs = dialect.table(AudienceTables.RUNS);
        String sql = "SELECT r." + q("audience") + ", r." + q("run_id") + ", r." + q("computed_at") + ", r." + q("as_of") + ", r." + q("size")
                + ", r." + q("holdout_size") + ", r." + q("joined_count") + ", r." + q("left_count") + " FROM " + runs + " AS r JOIN (SELECT "
                + q("audience") + ", max(" + q("run_id") + ") AS latest FROM " + runs + " GROUP BY " + q("audience") + ") AS l ON l."
                + q("audience") + " = r." + q("audience") + " AND l.latest = r." + q("run_id");
        Map<String, AudienceRun> latest = new TreeMap<>();
        for (Object[] row : warehouse.queryAll(sql).rows()) {
            latest.put((String) row[0], new AudienceRun((String) row[0], number(row[1]), instant(row[2]), instant(row[3]), number(row[4]),
                    number(row[5]), number(row[6]), number(row[7])));
        }
        return latest;
    }

    /**
     * The audiences whose latest run has the customer among its members, each with that run, by
     * audience name; one query. A customer the latest run left out (or the holdout kept out) is
     * in none.
     */
    public Map<String, AudienceRun> memberships(String customerId) {
        Objects.requireNonNull(customerId, "customerId");
        if (!AudienceTables.exists(warehouse, AudienceTables.RUNS) || !AudienceTables.exists(warehouse, AudienceTables.MEMBERS)) {
            return Map.of();
        }
        String runs = dialect.table(AudienceTables.RUNS);
        String sql = "SELECT r." + q("audience") + ", r." + q("run_id") + ", r." + q("computed_at") + ", r." + q("as_of") + ", r." + q("size")
                + ", r." + q("holdout_size") + ", r." + q("joined_count") + ", r." + q("left_count") + " FROM " + runs + " AS r JOIN (SELECT "
                + q("audience") + ", max(" + q("run_id") + ") AS latest FROM " + runs + " GROUP BY " + q("audience") + ") AS l ON l."
                + q("audience") + " = r." + q("audience") + " AND l.latest = r." + q("run_id") + " JOIN " + dialect.table(AudienceTables.MEMBERS)
                + " AS m ON m." + q("audience") + " = r." + q("audience") + " AND m." + q("customer_id") + " = ? AND m." + q("joined_run")
                + " <= r." + q("run_id") + " AND (m." + q("left_run") + " IS NULL OR m." + q("left_run") + " > r." + q("run_id") + ")";
        Map<String, AudienceRun> member = new TreeMap<>();
        for (Object[] row : warehouse.queryAll(sql, customerId).rows()) {
            member.put((String) row[0], new AudienceRun((String) row[0], number(row[1]), instant(row[2]), instant(row[3]), number(row[4]),
                    number(row[5]), number(row[6]), number(row[7])));
        }
        return member;
    }

    /** The latest run, if the audience was computed. */
    public Optional<AudienceRun> latest(String audience) {
        List<AudienceRun> runs = runs(audience, 1);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    /** Who joined and who left in the latest run (compared with the one before it). */
    public MembershipChanges changes(String audience, int limit) {
        AudienceRun latest = latest(audience).orElseThrow(() -> notComputed(audience));
        return changes(audience, latest.runId() - 1, latest.runId(), limit);
    }

    /**
     * Who joined and who left between two runs ({@code fromRun} 0: before the first), with at most
     * {@code limit} customer ids of each (0 for the counts alone).
     */
    public MembershipChanges changes(String audience, long fromRun, long toRun, int limit) {
        if (limit < 0) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "limit: must not be negative, got " + limit);
        }
        AudienceRun latest = latest(audience).orElseThrow(() -> notComputed(audience));
        if (fromRun < 0 || toRun > latest.runId() || fromRun >= toRun) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "runs " + fromRun + " to " + toRun + " of audience \"" + audience
                    + "\": choose 0 <= from < to <= " + latest.runId() + " (the latest run; 0 is before the first)");
        }
        return new MembershipChanges(audience, fromRun, toRun, count(audience, toRun, fromRun), count(audience, fromRun, toRun),
                list(audience, toRun, fromRun, limit), list(audience, fromRun, toRun, limit));
    }

    /** Customers who were members at {@code in} and not at {@code notIn}. */
    private String difference(String select) {
        String intervals = dialect.table(AudienceTables.MEMBERS);
        return "SELECT " + select + " FROM " + intervals + " AS m WHERE m." + q("audience") + " = ? AND " + memberAt("m")
                + " AND NOT EXISTS (SELECT 1 FROM " + intervals + " AS p WHERE p." + q("audience") + " = m." + q("audience") + " AND p."
                + q("customer_id") + " = m." + q("customer_id") + " AND " + memberAt("p") + ")";
    }

    private String memberAt(String alias) {
        return alias + "." + q("joined_run") + " <= ? AND (" + alias + "." + q("left_run") + " IS NULL OR " + alias + "." + q("left_run") + " > ?)";
    }

    private long count(String audience, long in, long notIn) {
        return number(warehouse.queryAll(difference("count(*)"), audience, in, in, notIn, notIn).singleValue());
    }

    private List<String> list(String audience, long in, long notIn, int limit) {
        if (limit == 0) {
            return List.of();
        }
        String sql = difference("m." + q("customer_id")) + " ORDER BY m." + q("customer_id") + " LIMIT " + limit;
        return warehouse.queryAll(sql, audience, in, in, notIn, notIn).rows().stream().map(row -> (String) row[0]).toList();
    }

    private static OwnstackException notComputed(String audience) {
        return new OwnstackException(ErrorCode.NOT_FOUND, "audience \"" + audience + "\" has not been computed yet");
    }

    private String q(String identifier) {
        return dialect.quote(identifier);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        return ((OffsetDateTime) value).toInstant();
    }
}
