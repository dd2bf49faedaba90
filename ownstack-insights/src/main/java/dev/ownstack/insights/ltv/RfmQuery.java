package dev.ownstack.insights.ltv;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.QueryResult;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The per-customer summaries the lifetime-value models take, computed in the warehouse from a
 * table shaped like {@code model.transactions} ({@code customer_id}, {@code occurred_at},
 * {@code amount}). Purchases are counted per calendar day (UTC): several transactions on one day
 * are one purchase whose amount is their sum. Rows without a customer are ignored. The same SQL
 * runs on DuckDB and PostgreSQL.
 *
 * @param transactions the transactions table
 * @param periodDays   the length of a period in days (7 for weeks)
 */
public record RfmQuery(TableName transactions, int periodDays) {
    public RfmQuery {
        Objects.requireNonNull(transactions, "transactions");
        if (periodDays < 1) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "period must be at least one day, got " + periodDays);
        }
    }

    /**
     * One summary per customer with a purchase on or before {@code calibrationEnd} (inclusive),
     * ordered by customer id. Age is counted from the first purchase day to the calibration end day.
     */
    public List<RfmSummary> summarise(Warehouse warehouse, LocalDate calibrationEnd) {
        SqlDialect dialect = warehouse.dialect();
        String customer = dialect.quote("customer_id");
        String day = dialect.quote("purchase_day");
        String amount = dialect.quote("amount");
        String first = dialect.quote("first_day");
        String sql = "WITH days AS (SELECT " + customer + ", CAST(" + dialect.quote("occurred_at") + " AS DATE) AS " + day
                + ", SUM(" + amount + ") AS " + amount
                + " FROM " + dialect.table(transactions)
                + " WHERE " + customer + " IS NOT NULL AND " + dialect.quote("occurred_at") + " < ?"
                + " GROUP BY " + customer + ", CAST(" + dialect.quote("occurred_at") + " AS DATE)),"
                + " marked AS (SELECT " + customer + ", " + day + ", " + amount
                + ", MIN(" + day + ") OVER (PARTITION BY " + customer + ") AS " + first + " FROM days)"
                + " SELECT " + customer + ", COUNT(*) - 1, MIN(" + day + "), MAX(" + day + ") - MIN(" + day + "),"
                + " SUM(CASE WHEN " + day + " > " + first + " THEN " + amount + " END)"
                + " FROM marked GROUP BY " + customer + " ORDER BY " + customer;
        QueryResult result = warehouse.queryAll(sql, calibrationEnd.plusDays(1).atStartOfDay());
        List<RfmSummary> summaries = new ArrayList<>(result.rows().size());
        for (Object[] row : result.rows()) {
            String id = String.valueOf(row[0]);
            long frequency = ((Number) row[1]).longValue();
            LocalDate firstDay = (LocalDate) row[2];
            long recencyDays = ((Number) row[3]).longValue();
            long ageDays = ChronoUnit.DAYS.between(firstDay, calibrationEnd);
            double repeatAmount = row[4] == null ? 0 : ((Number) row[4]).doubleValue();
            double meanRepeatSpend = frequency == 0 ? 0 : repeatAmount / frequency;
            summaries.add(new RfmSummary(id, frequency, (double) recencyDays / periodDays, (double) ageDays / periodDays,
                    meanRepeatSpend));
        }
        return summaries;
    }

    /**
     * Purchase days per customer after {@code calibrationEnd} up to {@code holdoutEnd} (both
     * days, the end inclusive): the actual repeat purchases a hold-out test compares to.
     */
    public Map<String, Long> purchasesBetween(Warehouse warehouse, LocalDate calibrationEnd, LocalDate holdoutEnd) {
        if (!holdoutEnd.isAfter(calibrationEnd)) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID,
                    "hold-out end " + holdoutEnd + " must be after the calibration end " + calibrationEnd);
        }
        SqlDialect dialect = warehouse.dialect();
        String customer = dialect.quote("customer_id");
        String occurredAt = dialect.quote("occurred_at");
        String sql = "SELECT " + customer + ", COUNT(DISTINCT CAST(" + occurredAt + " AS DATE)) FROM " + dialect.table(transactions)
                + " WHERE " + customer + " IS NOT NULL AND " + occurredAt + " >= ? AND " + occurredAt + " < ?"
                + " GROUP BY " + customer;
        QueryResult result = warehouse.queryAll(sql, calibrationEnd.plusDays(1).atStartOfDay(), holdoutEnd.plusDays(1).atStartOfDay());
        Map<String, Long> purchases = new HashMap<>();
        for (Object[] row : result.rows()) {
            purchases.put(String.valueOf(row[0]), ((Number) row[1]).longValue());
        }
        return purchases;
    }
}
