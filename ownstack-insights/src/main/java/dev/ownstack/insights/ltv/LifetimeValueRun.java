package dev.ownstack.insights.ltv;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Fits both models on the transactions up to an as-of day and writes every customer's expected
 * purchases, probability of being alive, expected spend and value over a horizon into a table,
 * replacing its rows in one transaction (readers see the old rows or the new ones).
 */
public final class LifetimeValueRun {
    /** The columns of the output table, one row per customer with a purchase up to the as-of day. */
    public static final List<Column> COLUMNS = List.of(
            new Column("customer_id", ColumnType.STRING),
            new Column("as_of", ColumnType.DATE),
            new Column("horizon_days", ColumnType.BIGINT),
            new Column("expected_purchases", ColumnType.DOUBLE),
            new Column("probability_alive", ColumnType.DOUBLE),
            new Column("expected_spend", ColumnType.DOUBLE),
            new Column("lifetime_value", ColumnType.DOUBLE));

    /**
     * What to fit and write.
     *
     * @param transactions          a table shaped like {@code model.transactions}
     * @param output                the table to (re)write, for example {@code model.customer_lifetime_value}
     * @param asOf                  the last day of history used (inclusive)
     * @param periodDays            the period the models are fitted in (7: weeks)
     * @param horizonDays           the horizon of expected purchases and value
     * @param discountRatePerPeriod 0 for no discounting
     */
    public record Settings(TableName transactions, TableName output, LocalDate asOf, int periodDays, int horizonDays,
                           double discountRatePerPeriod) {
        public Settings {
            Objects.requireNonNull(transactions, "transactions");
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(asOf, "asOf");
            if (periodDays < 1) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "period must be at least one day, got " + periodDays);
            }
            if (horizonDays < 1) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "horizon must be at least one day, got " + horizonDays);
            }
            if (!(discountRatePerPeriod >= 0) || !Double.isFinite(discountRatePerPeriod)) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID,
                        "discount rate must be finite and >= 0, got " + discountRatePerPeriod);
            }
        }
    }

    /** What a run fitted and wrote. */
    public record Result(BgNbdFit purchases, GammaGammaFit spend, long rowsWritten) {
        public Result {
            Objects.requireNonNull(purchases, "purchases");
            Objects.requireNonNull(spend, "spend");
        }
    }

    private LifetimeValueRun() {
    }

    public static Result run(Warehouse warehouse, Settings settings) {
        List<RfmSummary> customers = new RfmQuery(settings.transactions(), settings.periodDays()).summarise(warehouse, settings.asOf());
        BgNbdFit purchases = BgNbdFitter.fit(customers);
        GammaGammaFit spend = GammaGammaFitter.fit(customers);
        LifetimeValueModel model = new LifetimeValueModel(purchases.parameters(), spend.parameters(), settings.periodDays(),
                settings.discountRatePerPeriod());
        long rows = warehouse.inTransaction(transaction -> {
            transaction.ensureTable(settings.output(), COLUMNS, List.of("customer_id"));
            transaction.execute("DELETE FROM " + transaction.dialect().table(settings.output()));
            try (RowWriter writer = transaction.append(settings.output(), COLUMNS.stream().map(Column::name).toList())) {
                for (RfmSummary customer : customers) {
                    CustomerValue value = model.value(customer, settings.horizonDays());
                    writer.write(new Object[] {value.customerId(), settings.asOf(), (long) settings.horizonDays(),
                            value.expectedPurchases(), value.probabilityAlive(), value.expectedSpend(), value.value()});
                }
                return writer.rowCount();
            }
        });
        return new Result(purchases, spend, rows);
    }
}
