package dev.ownstack.model.identity.graph;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.ResultColumn;
import dev.ownstack.warehouse.RowHandler;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.util.List;
import java.util.Objects;

/**
 * Connected components in the JVM: the edges stream from the warehouse into a {@link UnionFind}
 * and the labels of the nodes that are not their component's smallest go back through the bulk
 * path, into a working table the output is then made from (every other node labels itself, so
 * about half the rows of an identity graph need not travel). One pass and no SQL rounds, the fastest way on
 * an embedded DuckDB and the limit the SQL algorithms are measured against. It needs the nodes to
 * be the dense ids {@code 0..n-1} (as the resolver numbers them) and memory for three ints per
 * node; otherwise it fails with INPUT_INVALID naming the offending id. Stateless; see
 * {@link ConnectedComponents}.
 */
public final class UnionFindComponents implements ConnectedComponents {
    /** The largest node count the int arrays of {@link UnionFind} can hold. */
    public static final long MAX_NODES = Integer.MAX_VALUE - 8;

    @Override
    public ComponentsResult compute(Warehouse warehouse, TableName edges, TableName nodes, TableName out) {
        Objects.requireNonNull(warehouse, "warehouse");
        SqlDialect dialect = warehouse.dialect();
        String node = dialect.quote("node");
        Object[] stats = warehouse.queryAll("SELECT count(DISTINCT " + node + "), min(" + node + "), max(" + node + ") FROM "
                + dialect.table(nodes)).rows().get(0);
        long count = ((Number) stats[0]).longValue();
        if (count > MAX_NODES) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "union-find holds at most " + MAX_NODES + " nodes; " + nodes + " has " + count);
        }
        if (count > 0 && (((Number) stats[1]).longValue() != 0 || ((Number) stats[2]).longValue() != count - 1)) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "union-find needs the dense node ids 0.." + (count - 1) + " but " + nodes
                    + " has " + count + " distinct ids from " + stats[1] + " to " + stats[2]);
        }
        UnionFind sets = new UnionFind((int) count);
        String a = dialect.quote("node_a");
        String b = dialect.quote("node_b");
        EdgeReader reader = new EdgeReader(sets, edges, nodes);
        warehouse.query("SELECT " + a + ", " + b + " FROM " + dialect.table(edges) + " WHERE " + a + " <> " + b, List.of(), reader);
        try (WorkingTables tables = new WorkingTables(warehouse, out)) {
            TableName labels = tables.table("labels");
            long components = warehouse.inTransaction(w -> {
                tables.createEmpty(labels, node + " " + dialect.typeName(ColumnType.BIGINT) + ", " + dialect.quote("component") + " "
                        + dialect.typeName(ColumnType.BIGINT));
                long roots = 0;
                try (RowWriter writer = w.append(labels, List.of("node", "component"))) {
                    for (int i = 0; i < sets.nodes(); i++) {
                        int label = sets.representative(i);
                        if (label == i) {
                            roots++;
                        } else {
                            writer.write(new Object[] {(long) i, (long) label});
                        }
                    }
                }
                return roots;
            });
            tables.replaceOutput("SELECT n.node, COALESCE(l.component, n.node) AS component FROM (" + tables.distinctNodes(nodes) + ") n LEFT JOIN "
                    + dialect.table(labels) + " l ON l.node = n.node");
            return new ComponentsResult(1, count, components, List.of(reader.edges));
        }
    }

    /** Unions the ends of every streamed edge, checking that both are dense node ids. */
    private static final class EdgeReader implements RowHandler {
        private final UnionFind sets;
        private final TableName edgesTable;
        private final TableName nodesTable;
        private long edges;

        EdgeReader(UnionFind sets, TableName edgesTable, TableName nodesTable) {
            this.sets = sets;
            this.edgesTable = edgesTable;
            this.nodesTable = nodesTable;
        }

        @Override
        public void columns(List<ResultColumn> columns) {
        }

        @Override
        public void row(Object[] values) {
            int a = node(values[0], values);
            int b = node(values[1], values);
            sets.union(a, b);
            edges++;
        }

        private int node(Object value, Object[] row) {
            long id = ((Number) value).longValue();
            if (id < 0 || id >= sets.nodes()) {
                throw new OwnstackException(ErrorCode.INPUT_INVALID, "edge (" + row[0] + ", " + row[1] + ") of " + edgesTable + " names node "
                        + id + ", which is not among the dense node ids 0.." + (sets.nodes() - 1) + " of " + nodesTable);
            }
            return (int) id;
        }
    }
}
