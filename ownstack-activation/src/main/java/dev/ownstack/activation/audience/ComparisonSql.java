package dev.ownstack.activation.audience;

import dev.ownstack.core.config.audiences.Comparison;
import dev.ownstack.core.config.audiences.Operator;
import dev.ownstack.core.config.audiences.RuleValue;
import dev.ownstack.warehouse.SqlDialect;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Compiles one comparison of an expression (a trait column, an event property) after checking
 * that its operator and values suit what the expression holds. Negative operators (not-equals,
 * not-in) are the exact complement of their positive ones: a missing value is "not equal".
 */
final class ComparisonSql {
    private final SqlDialect dialect;
    private final TimeBounds time;
    private final Problems problems;

    ComparisonSql(SqlDialect dialect, TimeBounds time, Problems problems) {
        this.dialect = dialect;
        this.time = time;
        this.problems = problems;
    }

    /**
     * What is compared.
     *
     * @param expression SQL built from checked identifiers
     * @param subject    how messages name it: {@code trait "country"}
     * @param json       a value inside JSON: numbers compare as doubles, booleans as the text true or false
     */
    record Target(String expression, ValueKind kind, String subject, boolean json) {
    }

    Optional<Predicate> compile(Target target, Comparison comparison, String path) {
        Operator operator = comparison.operator();
        if (!target.kind().operators().contains(operator)) {
            problems.add(path + ".operator", operator.jsonName() + " does not apply to " + target.subject() + ", which holds "
                    + target.kind().description() + "; it takes " + names(target.kind()));
            return Optional.empty();
        }
        String x = target.expression();
        switch (operator) {
            case IS_SET:
                return Optional.of(Predicate.of(Sql.of(x + " IS NOT NULL"), false));
            case IS_NOT_SET:
                return Optional.of(Predicate.of(Sql.of(x + " IS NULL"), false));
            case NOT_EQUALS:
                return positive(target, Operator.EQUALS, comparison.values(), path).map(positive -> complement(x, positive));
            case NOT_IN:
                return positive(target, Operator.IN, comparison.values(), path).map(positive -> complement(x, positive));
            default:
                return positive(target, operator, comparison.values(), path).map(sql -> Predicate.of(sql, true));
        }
    }

    private static Predicate complement(String x, Sql positive) {
        return Predicate.of(positive.wrap("(" + x + " IS NULL OR NOT (", "))"), false);
    }

    private Optional<Sql> positive(Target target, Operator operator, List<RuleValue> values, String path) {
        if (target.kind().isTime()) {
            return new TimeComparisonSql(time, problems).compile(target, operator, values, path);
        }
        List<Object> parameters = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String at = path + ".value" + (operator.arity() == Operator.Arity.ONE ? "" : "[" + i + "]");
            value(target, values.get(i), at).ifPresent(parameters::add);
        }
        if (parameters.size() != values.size()) {
            return Optional.empty();
        }
        String x = target.expression();
        return switch (operator) {
            case EQUALS -> Optional.of(Sql.of(x + " = ?", parameters.get(0)));
            case IN -> Optional.of(Sql.list(parameters).wrap(x + " IN (", ")"));
            case GREATER -> Optional.of(Sql.of(x + " > ?", parameters.get(0)));
            case GREATER_OR_EQUAL -> Optional.of(Sql.of(x + " >= ?", parameters.get(0)));
            case LESS -> Optional.of(Sql.of(x + " < ?", parameters.get(0)));
            case LESS_OR_EQUAL -> Optional.of(Sql.of(x + " <= ?", parameters.get(0)));
            case BETWEEN -> between(x, values, parameters, path);
            case CONTAINS -> Optional.of(Sql.of(dialect.like(x, "?"), "%" + SqlDialect.escapeLike((String) parameters.get(0)) + "%"));
            case STARTS_WITH -> Optional.of(Sql.of(dialect.like(x, "?"), SqlDialect.escapeLike((String) parameters.get(0)) + "%"));
            default -> throw new IllegalStateException("not a positive value operator: " + operator);
        };
    }

    private Optional<Sql> between(String x, List<RuleValue> values, List<Object> parameters, String path) {
        BigDecimal low = ((RuleValue.Number) values.get(0)).value();
        BigDecimal high = ((RuleValue.Number) values.get(1)).value();
        if (low.compareTo(high) > 0) {
            problems.add(path + ".value", "between goes from low to high; " + low.toPlainString() + " is above " + high.toPlainString());
            return Optional.empty();
        }
        return Optional.of(Sql.of(x + " >= ? AND " + x + " <= ?", parameters.get(0), parameters.get(1)));
    }

    /** The parameter for one value, or a problem when the value does not suit the target. */
    private Optional<Object> value(Target target, RuleValue value, String at) {
        switch (target.kind()) {
            case TEXT:
                if (value instanceof RuleValue.Text text) {
                    return Optional.of(text.value());
                }
                if (value instanceof RuleValue.Number number && !target.json()) {
                    return Optional.of(number.value().toPlainString());
                }
                break;
            case NUMBER:
                if (value instanceof RuleValue.Number number) {
                    return Optional.of(target.json() ? (Object) number.value().doubleValue() : number.value());
                }
                break;
            case BOOLEAN:
                if (value instanceof RuleValue.Bool bool) {
                    return Optional.of(target.json() ? (Object) Boolean.toString(bool.value()) : bool.value());
                }
                break;
            default:
                break;
        }
        problems.add(at, target.subject() + " holds " + target.kind().description() + "; " + value.describe() + " is "
                + article(value.typeName()));
        return Optional.empty();
    }

    static String article(String typeName) {
        return typeName.equals("text") ? "text" : "a " + typeName;
    }

    static String names(ValueKind kind) {
        return String.join(", ", Arrays.stream(Operator.values()).filter(kind.operators()::contains).map(Operator::jsonName).toList());
    }
}
