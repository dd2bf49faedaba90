package dev.ownstack.activation.audience;

import static dev.ownstack.activation.audience.Audiences.definition;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compiler suite on DuckDB in memory, and the shape of the SQL it writes. */
class AudienceCompilerTest extends AudienceCompilerSuite {
    @Override
    protected Warehouse open() {
        return DuckDbWarehouse.inMemory();
    }

    @Test
    void binds_every_value_as_a_parameter() {
        CompiledAudience compiled = Audiences.compiler(warehouse, catalog, OTHERS).compile(definition("test",
                "{'all': [{'trait': 'country', 'operator': 'equals', 'value': 'GB'},"
                        + " {'event': 'Order Completed', 'where': [{'property': 'total', 'operator': 'greater', 'value': 50}], 'within-days': 30},"
                        + " {'transactions': 'sum', 'operator': 'greater', 'value': 150}]}"));
        assertEquals("SELECT c.\"customer_id\" FROM \"model\".\"customers\" AS c WHERE (c.\"country\" = ?"
                + " AND EXISTS (SELECT 1 FROM \"model\".\"events\" AS e WHERE e.\"customer_id\" = c.\"customer_id\" AND e.\"event\" = ?"
                + " AND e.\"timestamp\" >= ? AND e.\"timestamp\" <= ?"
                + " AND (CASE WHEN json_type(e.\"properties\", '/total') IN ('BIGINT', 'UBIGINT', 'HUGEINT', 'DOUBLE')"
                + " THEN CAST(json_extract_string(e.\"properties\", '/total') AS DOUBLE) END > ?))"
                + " AND c.\"customer_id\" IN (SELECT t.\"customer_id\" FROM \"model\".\"transactions\" AS t WHERE t.\"customer_id\" IS NOT NULL"
                + " GROUP BY t.\"customer_id\" HAVING COALESCE(sum(t.\"amount\"), 0) > ?))", compiled.sql());
        assertEquals(List.of("GB", "Order Completed", LocalDateTime.parse("2024-12-02T00:00"), LocalDateTime.parse("2025-01-01T00:00"),
                50.0, new BigDecimal("150")), compiled.parameters());
        assertEquals("duckdb", compiled.dialect());
        assertEquals(List.of(1L), warehouse.queryAll(compiled.countSql(), compiled.parameters().toArray()).rows().stream().map(row -> row[0]).toList());
    }

    @Test
    void conditions_under_or_and_not_are_left_joined_and_the_others_are_semi_joins() {
        CompiledAudience compiled = Audiences.compiler(warehouse, catalog, Map.of()).compile(definition("test",
                "{'all': [{'event': 'Signed Up'}, {'any': [{'trait': 'country', 'operator': 'equals', 'value': 'GB'},"
                        + " {'not': {'transactions': 'count', 'operator': 'greater', 'value': 1}}]}]}"));
        String transactions = "SELECT t.\"customer_id\" FROM \"model\".\"transactions\" AS t WHERE t.\"customer_id\" IS NOT NULL"
                + " GROUP BY t.\"customer_id\" HAVING count(*) > ?";
        assertEquals("\"model\".\"customers\" AS c LEFT JOIN (" + transactions + ") AS m1 ON m1.\"customer_id\" = c.\"customer_id\"",
                compiled.from());
        assertEquals("(EXISTS (SELECT 1 FROM \"model\".\"events\" AS e WHERE e.\"customer_id\" = c.\"customer_id\" AND e.\"event\" = ?)"
                + " AND (c.\"country\" = ? OR NOT (m1.\"customer_id\" IS NOT NULL)))", compiled.predicate());
        assertEquals("SELECT c.\"customer_id\" FROM " + compiled.from() + " WHERE " + compiled.predicate(), compiled.sql());
        assertEquals(List.of(new BigDecimal("1"), "Signed Up", "GB"), compiled.parameters());
        assertEquals(List.of("c3", "c4"), Audiences.run(warehouse, compiled)); // signed up, and in GB or with at most one transaction
    }
}
