package dev.ownstack.model.identity.graph;

import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.SqlDialect;

/** The SQL of {@link StarComponents}: the same text on DuckDB and PostgreSQL. */
final class StarSql {
    private final SqlDialect dialect;

    StarSql(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /**
     * One alternating round over edges (src, dst), src &lt; dst. Large-star: for every edge, the
     * larger end dst is linked to low(src), the smallest node of src's closed neighbourhood (src's
     * smallest smaller neighbour, or src itself). That gives one row per edge, (hi, lo) with
     * hi &gt; lo. Small-star: every hi is linked to its smallest smaller neighbour low(hi), and so is
     * every other smaller neighbour of hi; the row that holds low(hi) itself carries the edge
     * (low(hi), hi). DISTINCT once at the end.
     */
    String round(TableName edges) {
        String e = dialect.table(edges);
        return "WITH low AS (SELECT dst AS node, min(src) AS low FROM " + e + " GROUP BY dst),"
                + " large AS (SELECT e.dst AS hi, coalesce(low.low, e.src) AS lo FROM " + e + " e LEFT JOIN low ON low.node = e.src),"
                + " small AS (SELECT hi, lo, min(lo) OVER (PARTITION BY hi) AS low FROM large)"
                + " SELECT DISTINCT low AS src, CASE WHEN lo = low THEN hi ELSE lo END AS dst FROM small";
    }

    /** The edge count and the sum of the src ids (exact, as DECIMAL(38, 0)). */
    String totals(TableName edges) {
        return "SELECT count(*), CAST(sum(src) AS DECIMAL(38, 0)) FROM " + dialect.table(edges);
    }

    /**
     * Two counts that are both zero exactly when the edges form stars around their smallest
     * node: dst ids that have more than one src, and edges whose src is also a dst.
     */
    String starViolations(TableName edges) {
        String e = dialect.table(edges);
        return "SELECT (SELECT count(*) - count(DISTINCT dst) FROM " + e + "),"
                + " (SELECT count(*) FROM " + e + " WHERE src IN (SELECT dst FROM " + e + "))";
    }

    /** An empty table of the working edges' shape. */
    String emptyEdges(TableName like) {
        return "SELECT src, dst FROM " + dialect.table(like) + " WHERE 1 = 0";
    }

    /** (node, component): a star's leaves take their centre, every other node itself. */
    String labels(String distinctNodes, TableName edges, TableName stable) {
        return "SELECT n.node, coalesce(s.src, n.node) AS component FROM (" + distinctNodes + ") n LEFT JOIN (SELECT src, dst FROM "
                + dialect.table(edges) + " UNION ALL SELECT src, dst FROM " + dialect.table(stable) + ") s ON s.dst = n.node";
    }
}
