package dev.ownstack.activation.audience;

import dev.ownstack.core.config.audiences.Comparison;
import dev.ownstack.core.config.audiences.RuleValue;
import dev.ownstack.core.config.audiences.TimeWindow;
import dev.ownstack.core.config.audiences.TransactionCondition;
import dev.ownstack.core.table.Column;
import dev.ownstack.warehouse.SqlDialect;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compiles a transaction condition into one grouped pass over {@code model.transactions}: the
 * customers whose measure meets the comparison ({@code customer_id IN (... GROUP BY customer_id
 * HAVING ...)}), or, when a customer without transactions meets it too (a count or sum of 0), the
 * customers not among those whose measure fails it (NOT EXISTS over the grouped pass).
 */
final class TransactionSql {
    private static final String ALIAS = "t";

    private final ModelCatalog catalog;
    private final SqlDialect dialect;
    private final TimeBounds time;
    private final Problems problems;
    private final ComparisonSql comparisons;

    TransactionSql(ModelCatalog catalog, SqlDialect dialect, TimeBounds time, Problems problems) {
        this.catalog = catalog;
        this.dialect = dialect;
        this.time = time;
        this.problems = problems;
        this.comparisons = new ComparisonSql(dialect, time, problems);
    }

    Optional<CustomerSet> compile(TransactionCondition rule, String path) {
        if (catalog.transactionColumns().isEmpty()) {
            problems.add(path + ".transactions", "there is no model.transactions table; configure models.transactions and build the models");
            return Optional.empty();
        }
        if (catalog.transactionColumn("customer_id").isEmpty()) {
            problems.add(path + ".transactions", "model.transactions has no customer_id column");
            return Optional.empty();
        }
        List<Sql> conditions = new ArrayList<>();
        conditions.add(Sql.of(column("customer_id") + " IS NOT NULL"));
        if (!rule.window().equals(TimeWindow.ALL_TIME)) {
            Optional<Column> occurredAt = catalog.transactionColumn("occurred_at");
            if (occurredAt.isEmpty()) {
                problems.add(path, "model.transactions has no occurred_at column to apply the window to");
                return Optional.empty();
            }
            time.window(column("occurred_at"), occurredAt.get().type(), rule.window()).ifPresent(conditions::add);
        }
        if (!rule.types().isEmpty()) {
            if (catalog.transactionColumn("type").isEmpty()) {
                problems.add(path + ".type", "model.transactions has no type column; configure models.transactions.type");
                return Optional.empty();
            }
            conditions.add(Sql.list(rule.types()).wrap(column("type") + " IN (", ")"));
        }
        Optional<String> measure = measure(rule, path);
        if (measure.isEmpty()) {
            return Optional.empty();
        }
        String subject = "the transaction " + rule.measure().jsonName();
        boolean holdsForNone = rule.measure() != TransactionCondition.Measure.AVERAGE && holdsForZero(rule.comparison());
        Optional<Predicate> having = comparisons.compile(new ComparisonSql.Target(measure.get(), ValueKind.NUMBER, subject, false),
                rule.comparison(), path);
        if (having.isEmpty()) {
            return Optional.empty();
        }
        String customer = column("customer_id");
        String outer = "c." + dialect.quote("customer_id");
        Sql grouped = Sql.join(" AND ", conditions).wrap("SELECT " + customer + " FROM " + dialect.table(ModelCatalog.TRANSACTIONS) + " AS "
                + ALIAS + " WHERE ", " GROUP BY " + customer + " HAVING ");
        if (holdsForNone) {
            Sql failing = grouped.append(having.get().negate().sql());
            return Optional.of(new CustomerSet(failing, false, Predicate.of(failing.wrap("NOT EXISTS (SELECT 1 FROM (", ") AS g WHERE g."
                    + dialect.quote("customer_id") + " = " + outer + ")"), false)));
        }
        Sql meeting = grouped.append(having.get().sql());
        return Optional.of(new CustomerSet(meeting, true, Predicate.of(meeting.wrap(outer + " IN (", ")"), false)));
    }

    private Optional<String> measure(TransactionCondition rule, String path) {
        if (rule.measure() == TransactionCondition.Measure.COUNT) {
            return Optional.of("count(*)");
        }
        Optional<Column> column = catalog.transactionColumn(rule.of());
        if (column.isEmpty() || ValueKind.of(column.get().type()) != ValueKind.NUMBER) {
            List<String> numeric = catalog.transactionColumns().stream().filter(candidate -> ValueKind.of(candidate.type()) == ValueKind.NUMBER)
                    .map(Column::name).toList();
            problems.add(path + ".of", (column.isEmpty() ? "model.transactions has no column \"" + rule.of() + "\""
                    : "transactions." + rule.of() + " is not a number column") + "; " + rule.measure().jsonName() + " takes one of "
                    + Names.list(numeric));
            return Optional.empty();
        }
        String of = column(rule.of());
        return Optional.of(rule.measure() == TransactionCondition.Measure.SUM ? "COALESCE(sum(" + of + "), 0)" : "avg(" + of + ")");
    }

    /** Whether a count or sum of 0, the measure of a customer without transactions, meets the comparison. */
    static boolean holdsForZero(Comparison comparison) {
        List<BigDecimal> values = comparison.values().stream()
                .map(value -> value instanceof RuleValue.Number number ? number.value() : null).toList();
        if (values.contains(null)) {
            return false; // a value that is not a number is reported by the comparison
        }
        int first = values.isEmpty() ? 0 : BigDecimal.ZERO.compareTo(values.get(0));
        return switch (comparison.operator()) {
            case EQUALS -> first == 0;
            case NOT_EQUALS -> first != 0;
            case IN -> values.stream().anyMatch(value -> value.signum() == 0);
            case NOT_IN -> values.stream().noneMatch(value -> value.signum() == 0);
            case GREATER -> first > 0;
            case GREATER_OR_EQUAL -> first >= 0;
            case LESS -> first < 0;
            case LESS_OR_EQUAL -> first <= 0;
            case BETWEEN -> first >= 0 && BigDecimal.ZERO.compareTo(values.get(1)) <= 0;
            default -> false;
        };
    }

    private String column(String name) {
        return ALIAS + "." + dialect.quote(name);
    }
}
