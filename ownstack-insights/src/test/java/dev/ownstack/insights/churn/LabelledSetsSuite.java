package dev.ownstack.insights.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.insights.features.FeatureSpec;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The churn label on every engine: features before the cut-off, orders in the label window after it. */
public abstract class LabelledSetsSuite {
    private static final LocalDateTime CUTOFF = LocalDateTime.parse("2024-03-01T00:00:00");

    protected Warehouse warehouse;

    protected abstract Warehouse open();

    @BeforeEach
    void createTransactions() {
        warehouse = open();
        warehouse.ensureTable(new TableName("model", "transactions"), List.of(new Column("transaction_id", ColumnType.STRING),
                new Column("customer_id", ColumnType.STRING), new Column("occurred_at", ColumnType.TIMESTAMP),
                new Column("amount", ColumnType.DECIMAL), new Column("type", ColumnType.STRING)), List.of());
        transaction("1", "bought_again", "2024-01-01T00:00:00", "order");
        transaction("2", "bought_again", "2024-03-15T00:00:00", "order");
        transaction("3", "gone", "2024-02-01T00:00:00", "order");
        transaction("4", "refunded_only", "2024-02-01T00:00:00", "order");
        transaction("5", "refunded_only", "2024-03-02T00:00:00", "refund");
        transaction("6", "too_late", "2024-02-01T00:00:00", "order");
        transaction("7", "too_late", "2024-03-31T00:00:00", "order");
        transaction("8", "new_after_cutoff", "2024-03-05T00:00:00", "order");
        transaction("9", "at_cutoff", "2024-02-10T00:00:00", "order");
        transaction("10", "at_cutoff", "2024-03-01T00:00:00", "order");
        transaction("11", "later", "2024-06-01T00:00:00", "order");
    }

    @AfterEach
    void closeWarehouse() {
        warehouse.close();
    }

    private void transaction(String id, String customer, String at, String type) {
        warehouse.execute("INSERT INTO model.transactions VALUES (?, ?, CAST(? AS TIMESTAMP), 10, ?)", id, customer,
                LocalDateTime.parse(at), type);
    }

    @Test
    void labels_customers_without_an_order_in_the_window_after_the_cutoff_as_churned() {
        LabelledSet set = LabelledSets.build(warehouse, FeatureSpec.defaults(), CUTOFF, 30);

        assertEquals(List.of("at_cutoff", "bought_again", "gone", "refunded_only", "too_late"), set.features().customerIds());
        assertArrayEquals(new boolean[] {false, false, true, true, true}, set.churned());
        assertEquals(0.6, set.churnRate(), 1e-12);
    }

    @Test
    void stacks_the_labelled_sets_of_several_cutoffs_one_after_the_other() {
        LabelledSet set = LabelledSets.stacked(warehouse, FeatureSpec.defaults(), List.of(LocalDateTime.parse("2024-02-05T00:00:00"), CUTOFF), 30);

        // as of 2024-02-05 at_cutoff had not ordered yet, and nobody ordered from then to 2024-03-06
        assertEquals(List.of("bought_again", "gone", "refunded_only", "too_late",
                "at_cutoff", "bought_again", "gone", "refunded_only", "too_late"), set.features().customerIds());
        assertArrayEquals(new boolean[] {true, true, true, true, false, false, true, true, true}, set.churned());
        assertEquals(CUTOFF, set.features().cutoff());
        assertEquals(35.0, set.features().rows().get(0)[set.features().column("recency_days")], 1e-9);
        assertEquals(29.0, set.features().rows().get(6)[set.features().column("recency_days")], 1e-9);
    }

    @Test
    void refuses_a_cutoff_stacked_twice() {
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> LabelledSets.stacked(warehouse, FeatureSpec.defaults(), List.of(CUTOFF, CUTOFF), 30));

        assertEquals(ErrorCode.ARGUMENT_INVALID, error.code());
        assertEquals("a training cut-off is listed twice in [2024-03-01T00:00, 2024-03-01T00:00]", error.getMessage());
    }

    @Test
    void refuses_a_label_window_that_runs_past_the_data() {
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> LabelledSets.build(warehouse, FeatureSpec.defaults(), CUTOFF, 120));

        assertEquals(ErrorCode.ARGUMENT_INVALID, error.code());
        assertEquals("the label window ends at 2024-06-29T00:00 but the latest transaction in model.transactions is at 2024-06-01T00:00:"
                + " choose an earlier cut-off or a shorter label window", error.getMessage());
    }
}
