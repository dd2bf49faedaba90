package dev.ownstack.insights.ltv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The RFM summary on one engine; each engine's test class supplies a fresh warehouse. */
abstract class RfmQuerySuite {
    private static final TableName TRANSACTIONS = new TableName("model", "transactions");
    private static final LocalDate CALIBRATION_END = LocalDate.of(2024, 1, 31);

    protected abstract Warehouse warehouse();

    private void load(Warehouse warehouse) {
        warehouse.ensureTable(TRANSACTIONS, List.of(new Column("transaction_id", ColumnType.STRING),
                new Column("customer_id", ColumnType.STRING), new Column("occurred_at", ColumnType.TIMESTAMP),
                new Column("amount", ColumnType.DECIMAL)), List.of());
        try (RowWriter writer = warehouse.append(TRANSACTIONS, List.of("transaction_id", "customer_id", "occurred_at", "amount"))) {
            writer.write(row("1", "a", "2024-01-01T10:00", "10"));
            writer.write(row("2", "a", "2024-01-01T15:00", "5"));
            writer.write(row("3", "a", "2024-01-08T09:00", "20"));
            writer.write(row("4", "a", "2024-01-22T23:00", "40"));
            writer.write(row("5", "a", "2024-02-10T12:00", "99"));
            writer.write(row("6", "b", "2024-01-31T23:59:59", "7"));
            writer.write(row("7", "c", "2024-02-01T00:00", "3"));
            writer.write(row("8", "c", "2024-02-01T18:00", "3"));
            writer.write(row("9", null, "2024-01-05T00:00", "1000"));
            writer.write(row("10", "d", "2024-03-01T00:00", "1"));
        }
    }

    private static Object[] row(String id, String customer, String time, String amount) {
        return new Object[] {id, customer, LocalDateTime.parse(time), new BigDecimal(amount)};
    }

    @Test
    void summarises_purchase_days_up_to_the_calibration_end_in_weeks() {
        Warehouse warehouse = warehouse();
        load(warehouse);
        List<RfmSummary> summaries = new RfmQuery(TRANSACTIONS, 7).summarise(warehouse, CALIBRATION_END);
        assertEquals(List.of(new RfmSummary("a", 2, 3.0, 30.0 / 7, 30.0), new RfmSummary("b", 0, 0, 0, 0)), summaries);
    }

    @Test
    void summarises_in_days_when_the_period_is_one_day() {
        Warehouse warehouse = warehouse();
        load(warehouse);
        List<RfmSummary> summaries = new RfmQuery(TRANSACTIONS, 1).summarise(warehouse, CALIBRATION_END);
        assertEquals(new RfmSummary("a", 2, 21, 30, 30.0), summaries.get(0));
    }

    @Test
    void counts_purchase_days_in_the_holdout_period() {
        Warehouse warehouse = warehouse();
        load(warehouse);
        Map<String, Long> holdout = new RfmQuery(TRANSACTIONS, 7).purchasesBetween(warehouse, CALIBRATION_END, LocalDate.of(2024, 2, 29));
        assertEquals(Map.of("a", 1L, "c", 1L), holdout);
    }

    @Test
    void rejects_a_holdout_that_ends_before_it_starts() {
        OwnstackException e = assertThrows(OwnstackException.class,
                () -> new RfmQuery(TRANSACTIONS, 7).purchasesBetween(warehouse(), CALIBRATION_END, CALIBRATION_END));
        assertEquals(ErrorCode.ARGUMENT_INVALID, e.code());
    }
}
