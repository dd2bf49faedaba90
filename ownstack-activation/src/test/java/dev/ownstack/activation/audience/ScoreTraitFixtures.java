package dev.ownstack.activation.audience;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Twelve customers, nine of them scored, as the insights module writes scores: one row per
 * scored customer in {@code model.customer_scores}, one column per model output, and the owners
 * of the columns in {@code ownstack.score_columns}. c09 is scored for lifetime value only, c07 for
 * churn only; c10, c11 and c12 have no score row; x99 has scores but is no customer. The score
 * column {@code country} is hidden by the customers' text column of that name.
 */
final class ScoreTraitFixtures {
    static final List<Column> CUSTOMER_COLUMNS = List.of(new Column("customer_id", ColumnType.STRING),
            new Column("country", ColumnType.STRING));
    static final List<Column> SCORE_COLUMNS = List.of(new Column("customer_id", ColumnType.STRING),
            new Column("churn_probability", ColumnType.DOUBLE), new Column("churn_decile", ColumnType.BIGINT),
            new Column("ltv_value", ColumnType.DOUBLE), new Column("ltv_decile", ColumnType.BIGINT), new Column("country", ColumnType.BIGINT));
    static final List<Column> OWNER_COLUMNS = List.of(new Column("model", ColumnType.STRING), new Column("column_name", ColumnType.STRING),
            new Column("output", ColumnType.STRING), new Column("type", ColumnType.STRING), new Column("version", ColumnType.STRING),
            new Column("scored_at", ColumnType.TIMESTAMP));

    private ScoreTraitFixtures() {
    }

    static void load(Warehouse warehouse) {
        AudienceFixtures.write(warehouse, ModelCatalog.CUSTOMERS, CUSTOMER_COLUMNS, List.of(
                row("c01", "GB"), row("c02", "US"), row("c03", "GB"), row("c04", "DE"), row("c05", "US"), row("c06", "GB"),
                row("c07", "IE"), row("c08", "FR"), row("c09", "US"), row("c10", "GB"), row("c11", null), row("c12", "DE")));
        AudienceFixtures.write(warehouse, ModelCatalog.CUSTOMER_SCORES, SCORE_COLUMNS, List.of(
                row("c01", 0.95, 10L, 500.0, 9L, 1L),
                row("c02", 0.91, 10L, 40.0, 3L, 1L),
                row("c03", 0.90, 10L, 300.0, 6L, 1L),
                row("c04", 0.85, 9L, 800.0, 10L, 1L),
                row("c05", 0.50, 5L, 120.0, 5L, 1L),
                row("c06", 0.10, 1L, 900.0, 10L, 1L),
                row("c07", 0.93, 10L, null, null, 1L),
                row("c08", 0.30, 3L, 200.0, 6L, 1L),
                row("c09", null, null, 60.0, 4L, 1L),
                row("x99", 0.99, 10L, 1000.0, 10L, 1L)));
        LocalDateTime scoredAt = LocalDateTime.parse("2024-12-31T06:00");
        AudienceFixtures.write(warehouse, ModelCatalog.SCORE_COLUMNS, OWNER_COLUMNS, List.of(
                row("churn", "churn_probability", "probability", "DOUBLE", "3", scoredAt),
                row("churn", "churn_decile", "decile", "BIGINT", "3", scoredAt),
                row("ltv", "ltv_value", "value", "DOUBLE", "2024-12-31", scoredAt),
                row("ltv", "ltv_decile", "decile", "BIGINT", "2024-12-31", scoredAt)));
    }

    private static Object[] row(Object... values) {
        return values;
    }
}
