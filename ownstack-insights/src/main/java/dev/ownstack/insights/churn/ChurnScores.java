package dev.ownstack.insights.churn;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.insights.features.FeatureMatrix;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Writes churn scores to {@code model.customer_scores}: per customer and model, the probability
 * and its decile among the customers scored (10 = most likely to churn). Scoring a model again
 * replaces that model's rows in one transaction, so readers see the old scores or the new ones.
 */
public final class ChurnScores {
    public static final TableName TABLE = new TableName("model", "customer_scores");
    public static final List<Column> COLUMNS = List.of(new Column("customer_id", ColumnType.STRING),
            new Column("model", ColumnType.STRING), new Column("version", ColumnType.STRING),
            new Column("churn_probability", ColumnType.DOUBLE), new Column("churn_decile", ColumnType.BIGINT),
            new Column("scored_at", ColumnType.TIMESTAMP));

    private ChurnScores() {
    }

    /** Scores every customer of {@code features} with {@code model}; returns the rows written. */
    public static long write(Warehouse warehouse, ChurnModel model, String version, FeatureMatrix features, LocalDateTime scoredAt) {
        if (version.isBlank()) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "a score version must not be empty");
        }
        double[] probabilities = model.predict(features);
        int[] deciles = Evaluations.deciles(probabilities);
        List<String> names = COLUMNS.stream().map(Column::name).toList();
        return warehouse.inTransaction(transaction -> {
            transaction.ensureTable(TABLE, COLUMNS, List.of("customer_id", "model"));
            transaction.execute("DELETE FROM " + transaction.dialect().table(TABLE) + " WHERE " + transaction.dialect().quote("model")
                    + " = ?", model.name());
            try (RowWriter writer = transaction.append(TABLE, names)) {
                for (int row = 0; row < probabilities.length; row++) {
                    writer.write(new Object[] {features.customerIds().get(row), model.name(), version, probabilities[row],
                            (long) deciles[row], scoredAt});
                }
                return writer.rowCount();
            }
        });
    }
}
