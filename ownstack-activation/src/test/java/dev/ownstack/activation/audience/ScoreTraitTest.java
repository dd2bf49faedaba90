package dev.ownstack.activation.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The score trait suite on DuckDB in memory, and the SQL a score trait becomes. */
class ScoreTraitTest extends ScoreTraitSuite {
    @Override
    protected Warehouse open() {
        return DuckDbWarehouse.inMemory();
    }

    @Test
    void joins_the_scores_once_for_top_level_comparisons_and_tests_negative_ones_with_not_exists() {
        CompiledAudience compiled = compile("{'all': [{'trait': 'churn_decile', 'operator': 'equals', 'value': 10},"
                + " {'trait': 'ltv_decile', 'operator': 'greater', 'value': 5}, {'audience': 'at_risk'},"
                + " {'trait': 'ltv_decile', 'operator': 'not-equals', 'value': 1}]}");
        assertEquals("\"model\".\"customers\" AS c LEFT JOIN \"model\".\"customer_scores\" AS s ON s.\"customer_id\" = c.\"customer_id\"",
                compiled.from());
        assertTrue(compiled.joinsScores());
        assertEquals(compiled.from(), compiled.fromWithScores(warehouse.dialect()));
        assertEquals("(s.\"churn_decile\" = ? AND s.\"ltv_decile\" > ? AND (s.\"churn_decile\" >= ?) AND NOT EXISTS (SELECT 1 FROM"
                + " \"model\".\"customer_scores\" AS sc WHERE sc.\"customer_id\" = c.\"customer_id\" AND (sc.\"ltv_decile\" = ?)))",
                compiled.predicate());
        assertEquals(List.of(new BigDecimal("10"), new BigDecimal("5"), new BigDecimal("9"), new BigDecimal("1")), compiled.parameters());
        assertEquals(List.of("c01", "c03"), Audiences.run(warehouse, compiled));
    }

    @Test
    void left_joins_the_filtered_scores_under_or() {
        CompiledAudience compiled = compile("{'any': [{'trait': 'country', 'operator': 'equals', 'value': 'GB'},"
                + " {'trait': 'churn_decile', 'operator': 'is-not-set'}]}");
        assertEquals("\"model\".\"customers\" AS c LEFT JOIN (SELECT sc.\"customer_id\" FROM \"model\".\"customer_scores\" AS sc"
                + " WHERE sc.\"customer_id\" IS NOT NULL AND (sc.\"churn_decile\" IS NOT NULL)) AS m1 ON m1.\"customer_id\" = c.\"customer_id\"",
                compiled.from());
        assertFalse(compiled.joinsScores());
        assertEquals("(c.\"country\" = ? OR m1.\"customer_id\" IS NULL)", compiled.predicate());
    }
}
