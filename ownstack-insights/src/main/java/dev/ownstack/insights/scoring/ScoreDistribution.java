package dev.ownstack.insights.scoring;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.insights.scores.CustomerScores;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the probabilities a model wrote into {@code model.customer_scores} are spread: the customers per bin of
 * equal width from 0 to 1 ({@value #BINS} bins, the last one closed: a probability of exactly 1 is in it). One
 * {@code GROUP BY} in the warehouse per probability column; {@code ownstack.score_columns} says which columns are
 * probabilities (output {@code probability}) and of which model.
 *
 * @param model     the model whose column it is
 * @param column    the column of {@code model.customer_scores}, such as {@code churn_probability}
 * @param version   the version of the scores, as {@code ownstack.score_columns} has it
 * @param customers customers with a probability (NULLs left out)
 * @param mean      their mean probability; null when there are none
 * @param counts    customers per bin, {@value #BINS} of them, bin i holding [i / BINS, (i + 1) / BINS)
 */
public record ScoreDistribution(String model, String column, String version, long customers, Double mean, List<Long> counts) {
    /** Bins of 0.05. */
    public static final int BINS = 20;
    private static final String PROBABILITY = "probability";

    public ScoreDistribution {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(version, "version");
        counts = List.copyOf(counts);
        if (counts.size() != BINS || counts.stream().mapToLong(Long::longValue).sum() != customers) {
            throw new OwnstackException(ErrorCode.INTERNAL, "the distribution of " + column + " needs " + BINS
                    + " bins adding up to " + customers + " customers, got " + counts);
        }
    }

    /** The lower edge of bin i: 0, 0.05, ..., 0.95. */
    public static double lower(int bin) {
        return (double) bin / BINS;
    }

    /** The distribution of every probability column in {@code model.customer_scores}, by model; none before scoring. */
    public static List<ScoreDistribution> all(Warehouse warehouse) {
        if (warehouse.describe(CustomerScores.COLUMNS).isEmpty() || warehouse.describe(CustomerScores.TABLE).isEmpty()) {
            return List.of();
        }
        SqlDialect dialect = warehouse.dialect();
        List<ScoreDistribution> distributions = new ArrayList<>();
        List<Object[]> columns = warehouse.queryAll("SELECT model, column_name, version FROM " + dialect.table(CustomerScores.COLUMNS)
                + " WHERE output = ? ORDER BY model, column_name", PROBABILITY).rows();
        for (Object[] row : columns) {
            distributions.add(of(warehouse, (String) row[0], (String) row[1], String.valueOf(row[2])));
        }
        return distributions;
    }

    private static ScoreDistribution of(Warehouse warehouse, String model, String column, String version) {
        SqlDialect dialect = warehouse.dialect();
        String value = dialect.quote(column);
        String bin = "CAST(floor(CASE WHEN " + value + " = 1 THEN " + (BINS - 1) + " ELSE " + value + " * " + BINS + " END) AS INTEGER)";
        String sql = "SELECT " + bin + " AS bin, count(*) AS customers, sum(" + value + ") AS total FROM "
                + dialect.table(CustomerScores.TABLE) + " WHERE " + value + " IS NOT NULL GROUP BY 1";
        long[] counts = new long[BINS];
        long customers = 0;
        double total = 0;
        for (Object[] row : warehouse.queryAll(sql).rows()) {
            int index = ((Number) row[0]).intValue();
            if (index < 0 || index >= BINS) {
                throw new OwnstackException(ErrorCode.WAREHOUSE_FAILED, "model.customer_scores." + column
                        + " holds a probability outside 0..1 (bin " + index + " of " + BINS + ")");
            }
            counts[index] += ((Number) row[1]).longValue();
            customers += ((Number) row[1]).longValue();
            total += ((Number) row[2]).doubleValue();
        }
        List<Long> list = new ArrayList<>();
        for (long count : counts) {
            list.add(count);
        }
        return new ScoreDistribution(model, column, version, customers, customers == 0 ? null : total / customers, list);
    }
}
