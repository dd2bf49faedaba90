package dev.ownstack.model.identity.graph;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.QueryResult;
import dev.ownstack.warehouse.Warehouse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Connected components by alternating large-star and small-star rounds (Kiveris, Lattanzi,
 * Mirrokni, Rastogi, Vassilvitskii, "Connected Components in MapReduce and Beyond", SoCC 2014),
 * as a loop of plain SQL statements that runs on DuckDB and PostgreSQL. The number of rounds grows
 * with the logarithm of a component's size, not with its diameter, so long chains stay cheap.
 *
 * <p>The working edge set holds each edge once as (src, dst) with src &lt; dst. One round is one
 * statement: large-star links every node's larger neighbours to the smallest node of its closed
 * neighbourhood, then small-star links every node and its smaller neighbours to its smallest
 * smaller neighbour. At the fixpoint every component is a star around its smallest node.
 * Convergence is tested as GraphFrames does (the sum of the src ids and the edge count unchanged
 * after a round) and then confirmed exactly (no src is also a dst, and every dst has one src); if
 * the confirmation fails the rounds go on.
 *
 * <p>Stars that are already whole components ("stable") are moved out of the working set from
 * time to time, so that after the first few rounds only the large, slow components are rewired.
 * Stateless; see {@link ConnectedComponents} for the contract.
 */
public final class StarComponents implements ConnectedComponents {
    public static final int DEFAULT_MAX_ROUNDS = 200;

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
            StarSql sql = new StarSql(warehouse.dialect());
            TableName[] working = {tables.table("edges_a"), tables.table("edges_b")};
            TableName stable = tables.table("stable");
            tables.create(working[0], tables.orientedEdges(edges));
            tables.create(stable, sql.emptyEdges(working[0]));
            List<Long> sizes = new ArrayList<>();
            Totals previous = totals(warehouse, sql, working[0]);
            int rounds = 0;
            int current = 0;
            while (previous.edges() > 0) {
                if (rounds == maxRounds) {
                    throw new OwnstackException(ErrorCode.INTERNAL, "star connected components of " + edges + " did not converge within "
                            + maxRounds + " rounds (" + previous.edges() + " edges still being rewired)");
                }
                TableName next = working[1 - current];
                tables.create(next, sql.round(working[current]));
                tables.drop(working[current]);
                current = 1 - current;
                rounds++;
                Totals now = totals(warehouse, sql, next);
                if (now.equals(previous) && isStarForest(warehouse, sql, next)) {
                    sizes.add(now.edges());
                    break;
                }
                previous = now;
                sizes.add(now.edges());
            }
            tables.replaceOutput(sql.labels(tables.distinctNodes(nodes), working[current], stable));
            long[] counts = tables.countOutput();
            return new ComponentsResult(rounds, counts[0], counts[1], sizes);
        }
    }

    private static Totals totals(Warehouse warehouse, StarSql sql, TableName table) {
        Object[] row = warehouse.queryAll(sql.totals(table)).rows().get(0);
        BigDecimal sum = row[1] == null ? BigDecimal.ZERO : new BigDecimal(row[1].toString());
        return new Totals(((Number) row[0]).longValue(), sum);
    }

    private static boolean isStarForest(Warehouse warehouse, StarSql sql, TableName table) {
        QueryResult result = warehouse.queryAll(sql.starViolations(table));
        Object[] row = result.rows().get(0);
        return ((Number) row[0]).longValue() == 0 && ((Number) row[1]).longValue() == 0;
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
