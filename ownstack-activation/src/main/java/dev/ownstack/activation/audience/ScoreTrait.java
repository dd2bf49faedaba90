package dev.ownstack.activation.audience;

import dev.ownstack.core.table.Column;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A column of {@code model.customer_scores} other than {@code customer_id}: one output of a
 * scoring model ({@code churn_decile}, {@code ltv_value}), compared in rules like a column of
 * {@code model.customers}. A customer without a row in that table has no value (NULL) for it.
 *
 * @param column  the column and its type
 * @param model   the model that wrote it, from {@code ownstack.score_columns}; empty when that table does not list the column
 * @param version the version of the model's scores, from {@code ownstack.score_columns}; empty when not listed
 */
public record ScoreTrait(Column column, String model, String version) {
    private static final String CUSTOMER_ID = "customer_id";

    public ScoreTrait {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
    }

    public String name() {
        return column.name();
    }

    /** {@code  (score of model churn, version 3)}, or {@code  (score)} when the model is not known; for messages and listings. */
    public String origin() {
        if (model.isEmpty()) {
            return " (score)";
        }
        return " (score of model " + model + (version.isEmpty() ? "" : ", version " + version) + ")";
    }

    /**
     * The score traits of the warehouse: the columns of {@code model.customer_scores} when it has a
     * {@code customer_id}, with their model and version when {@code ownstack.score_columns} lists
     * them. Two catalog lookups and, when the score columns table exists, one small query.
     */
    static List<ScoreTrait> read(Warehouse warehouse) {
        List<Column> columns = warehouse.describe(ModelCatalog.CUSTOMER_SCORES).orElse(List.of());
        if (columns.stream().noneMatch(column -> column.name().equals(CUSTOMER_ID))) {
            return List.of();
        }
        Map<String, String[]> owners = owners(warehouse);
        List<ScoreTrait> traits = new ArrayList<>();
        for (Column column : columns) {
            if (!column.name().equals(CUSTOMER_ID)) {
                String[] owner = owners.getOrDefault(column.name(), new String[] {"", ""});
                traits.add(new ScoreTrait(column, owner[0], owner[1]));
            }
        }
        return traits;
    }

    /** Column name to {model, version}, from {@code ownstack.score_columns} when it exists with those columns. */
    private static Map<String, String[]> owners(Warehouse warehouse) {
        List<String> layout = warehouse.describe(ModelCatalog.SCORE_COLUMNS).orElse(List.of()).stream().map(Column::name).toList();
        Map<String, String[]> owners = new HashMap<>();
        if (!layout.containsAll(List.of("column_name", "model", "version"))) {
            return owners;
        }
        SqlDialect dialect = warehouse.dialect();
        String sql = "SELECT " + dialect.quote("column_name") + ", " + dialect.quote("model") + ", " + dialect.quote("version")
                + " FROM " + dialect.table(ModelCatalog.SCORE_COLUMNS);
        for (Object[] row : warehouse.queryAll(sql).rows()) {
            if (row[0] != null) {
                owners.put((String) row[0], new String[] {text(row[1]), text(row[2])});
            }
        }
        return owners;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
