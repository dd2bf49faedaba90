package dev.ownstack.insights.scores;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The scores of every scoring model as customer traits: {@code model.customer_scores} has one row
 * per scored customer and, per model, one column per output named {@code <model>_<output>}
 * ({@code churn_probability}, {@code churn_decile}, {@code ltv_value}). Audiences read its columns
 * as traits next to those of {@code model.customers}.
 *
 * <p>Which columns belong to which model, and the version and time of its scores, are in
 * {@code ownstack.score_columns}. {@link #replace} swaps one model's columns for new ones: the
 * table is rebuilt beside the old one and renamed over it in one transaction, so readers see the
 * old scores or the new ones, and other models' columns are kept. A customer left without any
 * score has no row.
 */
public final class CustomerScores {
    public static final TableName TABLE = new TableName("model", "customer_scores");
    public static final TableName COLUMNS = new TableName(TableName.OWNSTACK_SCHEMA, "score_columns");
    private static final TableName NEXT = new TableName("model", "customer_scores__next");
    private static final TableName STAGE = new TableName("model", "customer_scores__stage");
    private static final List<Column> COLUMNS_LAYOUT = List.of(new Column("model", ColumnType.STRING),
            new Column("column_name", ColumnType.STRING), new Column("output", ColumnType.STRING),
            new Column("type", ColumnType.STRING), new Column("version", ColumnType.STRING),
            new Column("scored_at", ColumnType.TIMESTAMP));
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");

    private CustomerScores() {
    }

    /** One output of a model, such as {@code probability} (DOUBLE) or {@code decile} (BIGINT). */
    public record Output(String name, ColumnType type) {
        public Output {
            requireName("output", name);
            Objects.requireNonNull(type, "type");
        }
    }

    /** The scores of one model: customer ids, and per customer one value per output (null allowed). */
    public record Scores(String model, String version, LocalDateTime scoredAt, List<Output> outputs, List<String> customerIds,
                         List<Object[]> values) {
        public Scores {
            requireName("model", model);
            if (version == null || version.isBlank()) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "the scores of model \"" + model + "\" need a version");
            }
            Objects.requireNonNull(scoredAt, "scoredAt");
            outputs = List.copyOf(outputs);
            if (outputs.isEmpty() || outputs.stream().map(Output::name).distinct().count() != outputs.size()) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "model \"" + model
                        + "\" needs at least one output and no output twice, got " + outputs.stream().map(Output::name).toList());
            }
            customerIds = List.copyOf(customerIds);
            values = List.copyOf(values);
            if (customerIds.size() != values.size()) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "model \"" + model + "\" has " + customerIds.size()
                        + " customer ids but " + values.size() + " rows of values");
            }
            for (Object[] row : values) {
                if (row.length != outputs.size()) {
                    throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "model \"" + model + "\" has " + outputs.size()
                            + " outputs but a row of " + row.length + " values");
                }
            }
            if (new LinkedHashSet<>(customerIds).size() != customerIds.size()) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "model \"" + model + "\" scores a customer twice");
            }
        }

        /** The trait (column) name of an output: {@code <model>_<output>}. */
        public String column(Output output) {
            return model + "_" + output.name();
        }
    }

    /**
     * Replaces the columns of {@code scores.model()} in {@link #TABLE} with the given scores and
     * records them in {@link #COLUMNS}; returns the customers scored. A column name that another
     * model already owns is refused.
     */
    public static long replace(Warehouse warehouse, Scores scores) {
        SqlDialect dialect = warehouse.dialect();
        List<Column> newColumns = new ArrayList<>();
        for (Output output : scores.outputs()) {
            newColumns.add(new Column(scores.column(output), output.type()));
        }
        warehouse.ensureTable(COLUMNS, COLUMNS_LAYOUT, List.of("column_name"));
        Set<String> owned = new LinkedHashSet<>();
        for (Object[] row : warehouse.queryAll("SELECT model, column_name FROM " + dialect.table(COLUMNS)).rows()) {
            if (row[0].equals(scores.model())) {
                owned.add((String) row[1]);
            } else if (newColumns.stream().anyMatch(column -> column.name().equals(row[1]))) {
                throw new OwnstackException(ErrorCode.CONFIG_INVALID, "score column \"" + row[1] + "\" of model \"" + scores.model()
                        + "\" already belongs to model \"" + row[0] + "\"; rename one of the models");
            }
        }
        List<Column> kept = warehouse.describe(TABLE).orElse(List.of()).stream()
                .filter(column -> !column.name().equals("customer_id") && !owned.contains(column.name())).toList();
        for (Column column : newColumns) {
            if (column.name().equals("customer_id") || kept.stream().anyMatch(other -> other.name().equals(column.name()))) {
                throw new OwnstackException(ErrorCode.CONFIG_INVALID, "score column \"" + column.name() + "\" of model \""
                        + scores.model() + "\" is already a column of " + TABLE);
            }
        }
        stage(warehouse, scores, newColumns);
        boolean exists = warehouse.describe(TABLE).isPresent();
        warehouse.execute("DROP TABLE IF EXISTS " + dialect.table(NEXT));
        warehouse.execute("CREATE TABLE " + dialect.table(NEXT) + " AS " + merged(dialect, exists, kept, newColumns));
        warehouse.inTransaction(transaction -> {
            if (exists) {
                transaction.execute("DROP TABLE " + dialect.table(TABLE));
            }
            transaction.execute("ALTER TABLE " + dialect.table(NEXT) + " RENAME TO " + dialect.quote(TABLE.name()));
            transaction.execute("DELETE FROM " + dialect.table(COLUMNS) + " WHERE model = ?", scores.model());
            try (RowWriter writer = transaction.append(COLUMNS, COLUMNS_LAYOUT.stream().map(Column::name).toList())) {
                for (Output output : scores.outputs()) {
                    writer.write(new Object[] {scores.model(), scores.column(output), output.name(), output.type().configName(),
                            scores.version(), scores.scoredAt()});
                }
            }
            return null;
        });
        warehouse.execute("DROP TABLE IF EXISTS " + dialect.table(STAGE));
        return scores.customerIds().size();
    }

    private static void stage(Warehouse warehouse, Scores scores, List<Column> newColumns) {
        warehouse.execute("DROP TABLE IF EXISTS " + warehouse.dialect().table(STAGE));
        List<Column> layout = new ArrayList<>();
        layout.add(new Column("customer_id", ColumnType.STRING));
        layout.addAll(newColumns);
        warehouse.ensureTable(STAGE, layout, List.of());
        try (RowWriter writer = warehouse.append(STAGE, layout.stream().map(Column::name).toList())) {
            for (int row = 0; row < scores.customerIds().size(); row++) {
                Object[] values = scores.values().get(row);
                Object[] line = new Object[values.length + 1];
                line[0] = Objects.requireNonNull(scores.customerIds().get(row), "customer id");
                System.arraycopy(values, 0, line, 1, values.length);
                writer.write(line);
            }
        }
    }

    /** The next table: every kept column of the old one and the new columns, one row per customer with any score. */
    private static String merged(SqlDialect dialect, boolean exists, List<Column> kept, List<Column> newColumns) {
        String stage = dialect.table(STAGE);
        StringBuilder select = new StringBuilder();
        if (!exists) {
            select.append("SELECT s.").append(dialect.quote("customer_id"));
            newColumns.forEach(column -> select.append(", s.").append(dialect.quote(column.name())));
            return select.append(" FROM ").append(stage).append(" s").toString();
        }
        String id = dialect.quote("customer_id");
        select.append("SELECT coalesce(o.").append(id).append(", s.").append(id).append(") AS ").append(id);
        kept.forEach(column -> select.append(", o.").append(dialect.quote(column.name())));
        newColumns.forEach(column -> select.append(", s.").append(dialect.quote(column.name())));
        select.append(" FROM ").append(dialect.table(TABLE)).append(" o FULL OUTER JOIN ").append(stage).append(" s ON o.")
                .append(id).append(" = s.").append(id).append(" WHERE s.").append(id).append(" IS NOT NULL");
        kept.forEach(column -> select.append(" OR o.").append(dialect.quote(column.name())).append(" IS NOT NULL"));
        return select.toString();
    }

    private static void requireName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, what + " name must be lower case letters, digits and _,"
                    + " starting with a letter, at most 41 characters; got \"" + name + "\"");
        }
    }
}
