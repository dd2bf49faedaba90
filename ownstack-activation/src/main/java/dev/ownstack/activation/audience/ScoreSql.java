package dev.ownstack.activation.audience;

import dev.ownstack.core.config.audiences.Comparison;
import dev.ownstack.core.config.audiences.Operator;
import dev.ownstack.warehouse.SqlDialect;
import java.util.Optional;

/**
 * A comparison of a score trait under {@code any} or {@code not}, or with a negative operator,
 * as the customers it selects: the ids of
 * {@code model.customer_scores} whose column meets the positive comparison ({@code equals},
 * {@code greater}, {@code is-set}, ...), members of the set; for {@code not-equals},
 * {@code not-in} and {@code is-not-set}, the customers outside the set of the positive one, so a
 * customer without a score row is "not equal" and "not set". Filtering the scores before they meet
 * {@code model.customers} keeps the join small: a LEFT JOIN of the whole table, compared under OR
 * or negated, was about three times slower on DuckDB (docs/BENCHMARKS.md). {@code customer_id} is unique in the table
 * (the insights module writes one row per customer), so the set has one row per customer.
 */
final class ScoreSql {
    private static final String ALIAS = "sc";

    private final SqlDialect dialect;
    private final TimeBounds time;
    private final Problems problems;

    ScoreSql(SqlDialect dialect, TimeBounds time, Problems problems) {
        this.dialect = dialect;
        this.time = time;
        this.problems = problems;
    }

    Optional<CustomerSet> compile(ModelCatalog.Trait trait, Comparison comparison, String path) {
        ComparisonSql.Target target = new ComparisonSql.Target(ALIAS + "." + dialect.quote(trait.name()),
                ValueKind.of(trait.column().type()), "trait \"" + trait.name() + "\"", false);
        if (new ComparisonSql(dialect, time, problems).compile(target, comparison, path).isEmpty()) {
            return Optional.empty();
        }
        Operator positive = positive(comparison.operator());
        Predicate condition = new ComparisonSql(dialect, time, new Problems())
                .compile(target, new Comparison(positive, comparison.values()), path).orElseThrow();
        String id = dialect.quote("customer_id");
        String scores = dialect.table(ModelCatalog.CUSTOMER_SCORES) + " AS " + ALIAS;
        String outer = CompiledAudience.CUSTOMERS_ALIAS + "." + id;
        Sql ids = condition.sql().wrap("SELECT " + ALIAS + "." + id + " FROM " + scores + " WHERE " + ALIAS + "." + id + " IS NOT NULL AND (",
                ")");
        if (positive == comparison.operator()) {
            return Optional.of(new CustomerSet(ids, true, Predicate.of(ids.wrap(outer + " IN (", ")"), false)));
        }
        Sql correlated = condition.sql().wrap("NOT EXISTS (SELECT 1 FROM " + scores + " WHERE " + ALIAS + "." + id + " = " + outer + " AND (",
                "))");
        return Optional.of(new CustomerSet(ids, false, Predicate.of(correlated, false)));
    }

    /** Whether a customer without a score can never meet the comparison (all but not-equals, not-in and is-not-set). */
    static boolean isPositive(Operator operator) {
        return positive(operator) == operator;
    }

    private static Operator positive(Operator operator) {
        return switch (operator) {
            case NOT_EQUALS -> Operator.EQUALS;
            case NOT_IN -> Operator.IN;
            case IS_NOT_SET -> Operator.IS_SET;
            default -> operator;
        };
    }
}
