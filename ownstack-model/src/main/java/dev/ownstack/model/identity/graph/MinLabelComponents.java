package dev.ownstack.model.identity.graph;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Connected components by plain min-label propagation ("hash-min") in SQL: every linked node
 * starts labelled with itself and takes the smallest label of its closed neighbourhood, round
 * after round, until no label changes. Simple and portable, but it needs as many rounds as the
 * longest shortest path in a component: fine for small clusters, hopeless on long chains. It is
 * the baseline that {@link StarComponents} is measured against. A guard stops it after a number
 * of rounds with an INPUT_INVALID error. Stateless; see {@link ConnectedComponents}.
 *
 * <p>Labels only ever decrease, so the sum of the labels is unchanged after a round exactly when
 * no label changed: that is the convergence test.
 */
public final class MinLabelComponents implements ConnectedComponents {
    public static final int DEFAULT_MAX_ROUNDS = 100;

    private final int maxRounds;

    public MinLabelComponents() {
        this(DEFAULT_MAX_ROUNDS);
    }

    /** @param maxRounds rounds after which a computation that still changes labels fails */
    public MinLabelComponents(int maxRounds) {
        if (maxRounds < 1) {
            throw new IllegalArgumentException("maxRounds must be at least 1, got " + maxRounds);
        }
        this.maxRounds = maxRounds;
    }

    @Override
    public ComponentsResult compute(Warehouse warehouse, TableName edges, TableName nodes, TableName out) {
        Objects.requireNonNull(warehouse, "warehouse");
        SqlDialect dialect = warehouse.dialect();
        try (WorkingTables tables = new WorkingTables(warehouse, out)) {
            TableName oriented = tables.table("edges");
            TableName neighbours = tables.table("neighbours");
            TableName[] labels = {tables.table("labels_a"), tables.table("labels_b")};
            String e = tables.create(oriented, tables.orientedEdges(edges));
            // both directions, plus a self-loop per linked node so that a node keeps its own label in the running
            tables.create(neighbours, "SELECT src AS node, dst AS neighbour FROM " + e + " UNION ALL SELECT dst, src FROM " + e
                    + " UNION ALL SELECT node, node FROM (SELECT src AS node FROM " + e + " UNION SELECT dst FROM " + e + ") linked");
            tables.drop(oriented);
            tables.create(labels[0], "SELECT DISTINCT node, node AS label FROM " + dialect.table(neighbours));
            List<Long> sizes = new ArrayList<>();
            BigDecimal previous = labelSum(warehouse, dialect, labels[0]);
            long linked = tables.count(labels[0]);
            int rounds = 0;
            int current = 0;
            while (linked > 0) {
                if (rounds == maxRounds) {
                    throw new OwnstackException(ErrorCode.INPUT_INVALID, "min-label propagation over " + edges + " did not converge within "
                            + maxRounds + " rounds: labels of its " + linked + " linked nodes still change, so a component's diameter"
                            + " exceeds that; use the star algorithm");
                }
                TableName next = labels[1 - current];
                tables.create(next, "SELECT n.node, min(l.label) AS label FROM " + dialect.table(neighbours) + " n JOIN "
                        + dialect.table(labels[current]) + " l ON l.node = n.neighbour GROUP BY n.node");
                tables.drop(labels[current]);
                current = 1 - current;
                rounds++;
                sizes.add(linked);
                BigDecimal now = labelSum(warehouse, dialect, next);
                if (now.compareTo(previous) == 0) {
                    break;
                }
                previous = now;
            }
            tables.replaceOutput("SELECT n.node, coalesce(l.label, n.node) AS component FROM (" + tables.distinctNodes(nodes) + ") n LEFT JOIN "
                    + dialect.table(labels[current]) + " l ON l.node = n.node");
            long[] counts = tables.countOutput();
            return new ComponentsResult(rounds, counts[0], counts[1], sizes);
        }
    }

    private static BigDecimal labelSum(Warehouse warehouse, SqlDialect dialect, TableName labels) {
        Object sum = warehouse.queryAll("SELECT CAST(sum(label) AS DECIMAL(38, 0)) FROM " + dialect.table(labels)).singleValue();
        return sum == null ? BigDecimal.ZERO : new BigDecimal(sum.toString());
    }
}
