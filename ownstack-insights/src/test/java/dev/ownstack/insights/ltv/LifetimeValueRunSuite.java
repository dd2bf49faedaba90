package dev.ownstack.insights.ltv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.QueryResult;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A whole run on CDNOW, on one engine. */
abstract class LifetimeValueRunSuite {
    private static final TableName OUTPUT = new TableName("model", "customer_lifetime_value");

    protected abstract Warehouse warehouse();

    @Test
    void writes_one_row_per_customer_and_replaces_them_on_the_next_run() {
        Warehouse warehouse = warehouse();
        Cdnow.load(warehouse);
        LifetimeValueRun.Settings settings = new LifetimeValueRun.Settings(Cdnow.TABLE, OUTPUT, Cdnow.CALIBRATION_END, 7, 273, 0);
        LifetimeValueRun.Result first = LifetimeValueRun.run(warehouse, settings);
        LifetimeValueRun.Result second = LifetimeValueRun.run(warehouse, settings);
        assertEquals(Cdnow.CUSTOMERS, first.rowsWritten());
        assertEquals(Cdnow.CUSTOMERS, second.rowsWritten());
        assertEquals(0.252, first.purchases().parameters().r(), 0.001);
        String table = warehouse.dialect().table(OUTPUT);
        QueryResult totals = warehouse.queryAll("SELECT COUNT(*), SUM(expected_purchases), MIN(probability_alive),"
                + " MAX(probability_alive), SUM(lifetime_value), SUM(expected_purchases * expected_spend) FROM " + table);
        Object[] row = totals.rows().get(0);
        assertEquals(Cdnow.CUSTOMERS, ((Number) row[0]).longValue());
        // 273 days = the 39 hold-out weeks: the same total the hold-out comparison predicts.
        assertEquals(16_874, ((Number) row[1]).doubleValue(), 1);
        assertTrue(((Number) row[2]).doubleValue() > 0 && ((Number) row[3]).doubleValue() == 1.0);
        assertEquals(((Number) row[5]).doubleValue(), ((Number) row[4]).doubleValue(), 1e-6 * ((Number) row[4]).doubleValue());
        Object asOf = warehouse.queryAll("SELECT MIN(as_of) FROM " + table).singleValue();
        assertEquals(LocalDate.of(1997, 9, 30), asOf);
    }
}
