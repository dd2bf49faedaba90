package dev.ownstack.model.identity.graph;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.Warehouse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Connected components by alternating large-star and small-star rounds (Kiveris, Lattanzi,
 * Mirrokni, Rastogi, Vassilvitskii, "Connected Components in MapReduce and Beyond", SoCC 2014),
 * as a loop of plain SQL statements that runs on DuckDB and PostgreSQL. The number of rounds grows
 * with the logarithm of a component's size, not with its diameter, so long chains stay cheap.
 *
 * <p>The working edge set holds each edge once as (src, dst) with src &lt; dst; the first round
 * reads the input edges directly. One round is one statement (a CREATE TABLE AS, the fastest
 * write on both engines): large-star links every node's larger neighbours to the smallest node of its closed
 * neighbourhood, then small-star links every node and its smaller neighbours to its smallest
 * smaller neighbour. At the fixpoint every component is a star around its smallest node.
 * Convergence is tested as GraphFrames does (the sum of the src ids and the edge count unchanged
 * after a round) and then confirmed exactly (no src is also a dst, and every dst has one src); if
 * the confirmation fails the rounds go on.
 *
 * <p>Stars that are already whole components ("stable") are moved out of the working set when
 * a round hardly shrinks it, so that after the first few rounds only the large, slow components
 * are rewired. Progress is logged at DEBUG. Stateless; see {@link ConnectedComponents} for the
 * contract; one computation per output table at a time, since the working tables are named
 * after it.
 */
public final class StarComponents implements ConnectedComponents {
    public static final int DEFAULT_MAX_ROUNDS = 200;
    private static final System.Logger LOG = System.getLogger(StarComponents.class.getName());
    /**
     * Stable stars are looked for after a round that shrank the edges by less than this share
     * (most components are then finished); never after the first round, whose output is seldom
     * stable yet. An attempt costs about a round; one that moves out less than a tenth doubles
     * the rounds to wait before the next.
     */
    private static final double SPLIT_WHEN_SHRINKING_LESS = 0.2;

    private final int maxRounds;

    public StarComponents() {
        this(DEFAULT_MAX_ROUNDS);
    }

    /** @param maxRounds a guard against a bug or a broken engine: more rounds than this fail */
    public StarComponents(int maxRounds) {
        if (maxRounds < 1) {
            throw new IllegalArgumentException("maxRounds must be at least 1, got " + maxRounds);
        }
        this.maxRounds = maxRounds;
    }

    @Override
    public ComponentsResult compute(Warehouse warehouse, TableName edges, TableName nodes, TableName out) {
        Objects.requireNonNull(warehouse, "warehouse");
        try (WorkingTables tables = new WorkingTables(warehouse, out)) {
            Rounds rounds = new Rounds(warehouse, tables, new StarSql(warehouse.dialect()));
            rounds.run(edges);
            tables.replaceOutput(rounds.labels(tables.distinctNodes(nodes)));
            long[] counts = tables.countOutput();
            rounds.log("labels written", new Totals(counts[0], BigDecimal.ZERO));
            return new ComponentsResult(rounds.count, counts[0], counts[1], rounds.sizes);
        }
    }

    /** The state of one computation's loop. */
    private final class Rounds {
        private final Warehouse warehouse;
        private final WorkingTables tables;
        private final StarSql sql;
        private final TableName[] working;
        /** One table per move of stable stars: each made by CREATE TABLE AS, never by INSERT (see moveStableStars). */
        private final List<TableName> stable = new ArrayList<>();
        private final TableName centres;
        private final List<Long> sizes = new ArrayList<>();
        private int current;
        private int count;
        /** Rounds to wait before the next attempt to move stable stars out; doubles while attempts find little. */
        private int splitBackoff = 1;
        private int roundsSinceSplit;
        private final long started = System.nanoTime();

        Rounds(Warehouse warehouse, WorkingTables tables, StarSql sql) {
            this.warehouse = warehouse;
            this.tables = tables;
            this.sql = sql;
            this.working = new TableName[] {tables.table("edges_a"), tables.table("edges_b")};
            this.centres = tables.table("unstable");
        }

        void run(TableName edges) {
            tables.create(working[0], sql.firstRound(edges));
            count = 1;
            Totals previous = totals(working[0]);
            log("round 1", previous);
            sizes.add(previous.edges());
            while (previous.edges() > 0) {
                if (count == maxRounds) {
                    throw new OwnstackException(ErrorCode.INTERNAL, "star connected components of " + edges + " did not converge within "
                            + maxRounds + " rounds (" + previous.edges() + " edges still being rewired)");
                }
                TableName next = working[1 - current];
                tables.create(next, sql.round(working[current]));
                tables.drop(working[current]);
                current = 1 - current;
                count++;
                Totals now = totals(next);
                log("round " + count, now);
                if (now.equals(previous) && isStarForest(next)) {
                    sizes.add(now.edges());
                    return;
                }
                // a round that hardly shrank the edges means most components are finished stars
                roundsSinceSplit++;
                if (now.edges() > previous.edges() * (1 - SPLIT_WHEN_SHRINKING_LESS) && roundsSinceSplit >= splitBackoff) {
                    now = moveStableStars(now);
                }
                sizes.add(now.edges());
                previous = now;
            }
        }

        /** The output query once the rounds are done: the stars of the working and the stable edges give the labels. */
        String labels(String distinctNodes) {
            List<TableName> stars = new ArrayList<>(stable);
            stars.add(working[current]);
            return sql.labels(distinctNodes, stars);
        }

        /** Moves the finished stars into the stable table; returns the totals of what is left. */
        private Totals moveStableStars(Totals before) {
            TableName from = working[current];
            TableName to = working[1 - current];
            tables.create(centres, sql.unstableCentres(from));
            // a table of its own per move: DuckDB 2.0.0 loses rows bulk-inserted into a table that was
            // created empty in the same transaction (a caller may run all this in one), CREATE TABLE AS is safe
            TableName moved = tables.table("stable_" + (stable.size() + 1));
            tables.create(moved, sql.edgesByCentre(from, centres, false));
            stable.add(moved);
            tables.create(to, sql.edgesByCentre(from, centres, true));
            tables.drop(from);
            tables.drop(centres);
            current = 1 - current;
            Totals after = totals(to);
            log("moved stable stars out", after);
            roundsSinceSplit = 0;
            // moving out less than a tenth was not worth a round's work: wait longer before the next attempt
            splitBackoff = after.edges() > before.edges() * 0.9 ? splitBackoff * 2 : 1;
            return after;
        }

        private void log(String step, Totals totals) {
            LOG.log(System.Logger.Level.DEBUG, () -> String.format(Locale.ROOT, "%s: %,d rows after %.2f s", step, totals.edges(),
                    (System.nanoTime() - started) / 1e9));
        }

        private Totals totals(TableName table) {
            Object[] row = warehouse.queryAll(sql.totals(table)).rows().get(0);
            BigDecimal sum = row[1] == null ? BigDecimal.ZERO : new BigDecimal(row[1].toString());
            return new Totals(((Number) row[0]).longValue(), sum);
        }

        private boolean isStarForest(TableName table) {
            Object[] row = warehouse.queryAll(sql.starViolations(table)).rows().get(0);
            return ((Number) row[0]).longValue() == 0 && ((Number) row[1]).longValue() == 0;
        }
    }

    private record Totals(long edges, BigDecimal sourceSum) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Totals that && edges == that.edges && sourceSum.compareTo(that.sourceSum) == 0;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(edges);
        }
    }
}
