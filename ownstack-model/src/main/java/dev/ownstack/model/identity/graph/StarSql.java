package dev.ownstack.model.identity.graph;

import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.SqlDialect;
import java.util.List;
import java.util.stream.Collectors;

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
        return round("", dialect.table(edges));
    }

    /**
     * The first round reads the input edges directly, oriented but with their duplicates: one row
     * per input edge is what large-star makes anyway, and the DISTINCT at the end removes them.
     */
    String firstRound(TableName inputEdges) {
        String a = dialect.quote("node_a");
        String b = dialect.quote("node_b");
        return round("input AS (SELECT least(" + a + ", " + b + ") AS src, greatest(" + a + ", " + b + ") AS dst FROM "
                + dialect.table(inputEdges) + " WHERE " + a + " <> " + b + "), ", "input");
    }

    private String round(String inputCte, String e) {
        return "WITH " + inputCte + "low AS (SELECT dst AS node, min(src) AS low FROM " + e + " GROUP BY dst),"
                + " large AS (SELECT e.dst AS hi, coalesce(low.low, e.src) AS lo FROM " + e + " e LEFT JOIN low ON low.node = e.src),"
                + " small AS (SELECT hi, min(lo) AS low FROM large GROUP BY hi)"
                + " SELECT DISTINCT small.low AS src, CASE WHEN large.lo = small.low THEN large.hi ELSE large.lo END AS dst"
                + " FROM large JOIN small ON small.hi = large.hi";
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
                + " (SELECT count(*) FROM " + e + " e WHERE EXISTS (SELECT 1 FROM " + e + " f WHERE f.dst = e.src))";
    }

    /**
     * The centres of the stars that are not yet whole components: the src of every edge into a
     * leaf that has another centre or is a centre itself, and every centre that is also a leaf.
     * Every other star has a centre that no edge enters and leaves that no other edge touches, so
     * (connectivity being preserved by every round) it is a finished component.
     */
    String unstableCentres(TableName edges) {
        String e = dialect.table(edges);
        return "WITH leaves AS (SELECT dst AS node, count(*) AS centres FROM " + e + " GROUP BY dst),"
                + " centres AS (SELECT DISTINCT src AS node FROM " + e + "),"
                + " busy AS (SELECT l.node, c.node IS NOT NULL AS centre FROM leaves l LEFT JOIN centres c ON c.node = l.node"
                + " WHERE l.centres > 1 OR c.node IS NOT NULL)"
                + " SELECT e.src AS node FROM " + e + " e JOIN busy ON busy.node = e.dst"
                + " UNION SELECT node FROM busy WHERE centre";
    }

    /** The edges of {@code edges} whose centre is (or, with {@code unstable} false, is not) among {@code centres}. */
    String edgesByCentre(TableName edges, TableName centres, boolean unstable) {
        return "SELECT src, dst FROM " + dialect.table(edges) + " e WHERE " + (unstable ? "" : "NOT ")
                + "EXISTS (SELECT 1 FROM " + dialect.table(centres) + " c WHERE c.node = e.src)";
    }

    /** (node, component): a star's leaves take their centre, every other node itself. */
    String labels(String distinctNodes, List<TableName> stars) {
        String edges = stars.stream().map(table -> "SELECT src, dst FROM " + dialect.table(table)).collect(Collectors.joining(" UNION ALL "));
        return "SELECT n.node, coalesce(s.src, n.node) AS component FROM (" + distinctNodes + ") n LEFT JOIN (" + edges + ") s ON s.dst = n.node";
    }
}
