package dev.ownstack.insights.scoring;

import java.util.List;
import java.util.Objects;

/**
 * What applying a model wrote into {@code model.customer_scores}.
 *
 * @param columns     the trait columns written, such as {@code churn_probability} and {@code churn_decile}
 * @param decileSizes customers per decile, index 0 = decile 1
 */
public record AppliedScores(String model, int version, long rows, List<String> columns, long[] decileSizes) {
    public AppliedScores {
        Objects.requireNonNull(model, "model");
        columns = List.copyOf(columns);
        decileSizes = decileSizes.clone();
    }

    @Override
    public long[] decileSizes() {
        return decileSizes.clone();
    }

    static long[] sizes(int[] deciles) {
        long[] sizes = new long[10];
        for (int decile : deciles) {
            sizes[decile - 1]++;
        }
        return sizes;
    }
}
