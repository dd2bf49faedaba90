package dev.ownstack.activation.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void left_joins_the_scores_and_compares_their_column() {
        CompiledAudience compiled = compile("{'all': [{'trait': 'churn_decile', 'operator': 'equals', 'value': 10},"
                + " {'trait': 'ltv_decile', 'operator': 'not-equals', 'value': 1}]}");
        assertEquals("\"model\".\"customers\" AS c LEFT JOIN \"model\".\"customer_scores\" AS s ON s.\"customer_id\" = c.\"customer_id\"",
                compiled.from());
        assertEquals("(s.\"churn_decile\" = ? AND (s.\"ltv_decile\" IS NULL OR NOT (s.\"ltv_decile\" = ?)))", compiled.predicate());
        assertEquals(List.of(new BigDecimal("10"), new BigDecimal("1")), compiled.parameters());
    }
}
