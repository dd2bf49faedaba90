package dev.ownstack.insights.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** model.customer_scores as one row per customer with one column per model output, on every engine. */
public abstract class CustomerScoresSuite {
    private static final LocalDateTime AT = LocalDateTime.parse("2024-05-01T12:00:00");
    private static final List<CustomerScores.Output> VALUE = List.of(new CustomerScores.Output("value", ColumnType.DOUBLE),
            new CustomerScores.Output("decile", ColumnType.BIGINT));

    protected Warehouse warehouse;

    protected abstract Warehouse open();

    @BeforeEach
    void openWarehouse() {
        warehouse = open();
    }

    @AfterEach
    void closeWarehouse() {
        warehouse.close();
    }

    private long replace(String model, String version, List<String> ids, List<Object[]> values) {
        return CustomerScores.replace(warehouse, new CustomerScores.Scores(model, version, AT, VALUE, ids, values));
    }

    private List<Object[]> rows() {
        return warehouse.queryAll("SELECT customer_id, churn_value, churn_decile, ltv_value, ltv_decile FROM model.customer_scores"
                + " ORDER BY customer_id").rows();
    }

    @Test
    void keeps_one_row_per_customer_with_the_columns_of_every_model() {
        replace("churn", "1", List.of("a", "b"), List.of(new Object[] {0.9, 10L}, new Object[] {0.1, 1L}));
        replace("ltv", "3", List.of("b", "c"), List.of(new Object[] {120.5, 9L}, new Object[] {3.0, 2L}));

        List<Object[]> rows = rows();
        assertEquals(3, rows.size());
        assertEquals(List.of("a", 0.9, 10L), List.of(rows.get(0)[0], rows.get(0)[1], ((Number) rows.get(0)[2]).longValue()));
        assertEquals(null, rows.get(0)[3]);
        assertEquals(List.of("b", 0.1, 120.5), List.of(rows.get(1)[0], rows.get(1)[1], rows.get(1)[3]));
        assertEquals(List.of("c", 3.0), List.of(rows.get(2)[0], rows.get(2)[3]));
        assertEquals(null, rows.get(2)[1]);
    }

    @Test
    void scoring_a_model_again_replaces_only_its_columns_and_drops_customers_left_without_scores() {
        replace("churn", "1", List.of("a", "b"), List.of(new Object[] {0.9, 10L}, new Object[] {0.1, 1L}));
        replace("ltv", "1", List.of("b"), List.<Object[]>of(new Object[] {50.0, 5L}));

        replace("churn", "2", List.of("b"), List.<Object[]>of(new Object[] {0.4, 4L}));

        List<Object[]> rows = rows();
        assertEquals(1, rows.size(), "a had only churn scores, and churn version 2 does not score a");
        assertEquals(List.of("b", 0.4, 50.0), List.of(rows.get(0)[0], rows.get(0)[1], rows.get(0)[3]));
        assertEquals("2", warehouse.queryAll("SELECT DISTINCT version FROM ownstack.score_columns WHERE model = 'churn'").singleValue());
    }

    @Test
    void a_model_whose_outputs_change_loses_its_old_columns() {
        replace("churn", "1", List.of("a"), List.<Object[]>of(new Object[] {0.9, 10L}));

        CustomerScores.replace(warehouse, new CustomerScores.Scores("churn", "2", AT,
                List.of(new CustomerScores.Output("probability", ColumnType.DOUBLE)), List.of("a"), List.<Object[]>of(new Object[] {0.7})));

        List<String> columns = warehouse.describe(CustomerScores.TABLE).orElseThrow().stream().map(Column::name).toList();
        assertEquals(List.of("customer_id", "churn_probability"), columns);
    }

    @Test
    void refuses_a_column_that_another_model_owns() {
        replace("ltv_high", "1", List.of("a"), List.<Object[]>of(new Object[] {0.9, 10L}));

        OwnstackException error = assertThrows(OwnstackException.class, () -> CustomerScores.replace(warehouse,
                new CustomerScores.Scores("ltv", "1", AT, List.of(new CustomerScores.Output("high_value", ColumnType.DOUBLE)),
                        List.of("a"), List.<Object[]>of(new Object[] {1.0}))));
        assertTrue(error.getMessage().contains("\"ltv_high_value\" of model \"ltv\" already belongs to model \"ltv_high\""),
                error.getMessage());
        assertEquals(0.9, warehouse.queryAll("SELECT ltv_high_value FROM model.customer_scores").singleValue());
    }

    @Test
    void rejects_bad_names_and_mismatched_rows() {
        assertThrows(OwnstackException.class, () -> new CustomerScores.Scores("Churn", "1", AT, VALUE, List.of(), List.of()));
        assertThrows(OwnstackException.class, () -> new CustomerScores.Scores("churn", " ", AT, VALUE, List.of(), List.of()));
        assertThrows(OwnstackException.class, () -> new CustomerScores.Scores("churn", "1", AT, VALUE, List.of("a"),
                List.<Object[]>of(new Object[] {1.0})));
        assertThrows(OwnstackException.class, () -> new CustomerScores.Scores("churn", "1", AT, VALUE, List.of("a", "a"),
                List.of(new Object[] {1.0, 1L}, new Object[] {2.0, 2L})));
    }
}
