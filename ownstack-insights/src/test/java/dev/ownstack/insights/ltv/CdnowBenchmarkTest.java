package dev.ownstack.insights.ltv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The standard CDNOW set-up: a 39-week calibration period ending 1997-09-30 and a 39-week
 * hold-out to 1998-06-30, in weeks, on all 23,570 customers of the file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdnowBenchmarkTest {
    private static final RfmQuery QUERY = new RfmQuery(Cdnow.TABLE, 7);
    private static final double HOLDOUT_WEEKS = 39;

    private DuckDbWarehouse warehouse;
    private List<RfmSummary> customers;
    private Map<String, Long> holdout;
    private BgNbdFit fit;

    @BeforeAll
    void load() {
        warehouse = DuckDbWarehouse.inMemory();
        assertEquals(Cdnow.PURCHASE_ROWS, Cdnow.load(warehouse));
        customers = QUERY.summarise(warehouse, Cdnow.CALIBRATION_END);
        holdout = QUERY.purchasesBetween(warehouse, Cdnow.CALIBRATION_END, Cdnow.HOLDOUT_END);
        fit = BgNbdFitter.fit(customers);
    }

    @AfterAll
    void close() {
        warehouse.close();
    }

    @Test
    void summarises_every_customer_of_the_cohort() {
        assertEquals(Cdnow.CUSTOMERS, customers.size());
        System.out.println("CDNOW: " + customers.size() + " customers, repeat purchases in calibration "
                + customers.stream().mapToLong(RfmSummary::frequency).sum() + ", in hold-out "
                + holdout.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void bg_nbd_parameters() {
        BgNbdParameters p = fit.parameters();
        System.out.printf("BG/NBD: r=%.4f alpha=%.4f a=%.4f b=%.4f LL=%.2f%n", p.r(), p.alpha(), p.a(), p.b(), fit.logLikelihood());
        double actual = 0;
        double predicted = 0;
        double[] actualByGroup = new double[8];
        double[] predictedByGroup = new double[8];
        int[] sizes = new int[8];
        for (RfmSummary customer : customers) {
            int group = (int) Math.min(customer.frequency(), 7);
            long purchases = holdout.getOrDefault(customer.customerId(), 0L);
            double expected = p.expectedPurchases(customer, HOLDOUT_WEEKS);
            actual += purchases;
            predicted += expected;
            actualByGroup[group] += purchases;
            predictedByGroup[group] += expected;
            sizes[group]++;
        }
        System.out.printf("hold-out total: actual %.0f predicted %.1f (%.2f%%)%n", actual, predicted, 100 * (predicted - actual) / actual);
        for (int group = 0; group < 8; group++) {
            System.out.printf("x=%d%s n=%d actual mean %.3f predicted mean %.3f%n", group, group == 7 ? "+" : "", sizes[group],
                    actualByGroup[group] / sizes[group], predictedByGroup[group] / sizes[group]);
        }
        GammaGammaFit spend = GammaGammaFitter.fit(customers);
        GammaGammaParameters s = spend.parameters();
        System.out.printf("Gamma-Gamma: p=%.4f q=%.4f gamma=%.4f LL=%.2f n=%d%n", s.p(), s.q(), s.gamma(), spend.logLikelihood(), spend.customers());
        assertTrue(predicted > 0);
    }
}
