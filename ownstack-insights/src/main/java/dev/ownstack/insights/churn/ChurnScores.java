package dev.ownstack.insights.churn;

import dev.ownstack.core.table.ColumnType;
import dev.ownstack.insights.features.FeatureMatrix;
import dev.ownstack.insights.scores.CustomerScores;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes churn scores as customer traits through {@link CustomerScores}: for a scoring model named
 * {@code churn}, the columns {@code churn_probability} and {@code churn_decile} of
 * {@code model.customer_scores}. The decile is taken among the customers scored, 10 = most likely
 * to churn. Scoring again replaces that model's columns at once; other models' columns stay.
 */
public final class ChurnScores {
    public static final List<CustomerScores.Output> OUTPUTS = List.of(new CustomerScores.Output("probability", ColumnType.DOUBLE),
            new CustomerScores.Output("decile", ColumnType.BIGINT));

    private ChurnScores() {
    }

    /** Scores every customer of {@code features} with {@code model} under the name {@code name}; returns the rows written. */
    public static long write(Warehouse warehouse, String name, ChurnModel model, String version, FeatureMatrix features,
                             LocalDateTime scoredAt) {
        double[] probabilities = model.predict(features);
        int[] deciles = Evaluations.deciles(probabilities);
        List<Object[]> values = new ArrayList<>(probabilities.length);
        for (int row = 0; row < probabilities.length; row++) {
            values.add(new Object[] {probabilities[row], (long) deciles[row]});
        }
        return CustomerScores.replace(warehouse, new CustomerScores.Scores(name, version, scoredAt, OUTPUTS, features.customerIds(),
                values));
    }
}
