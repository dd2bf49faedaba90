package dev.ownstack.core.config.audiences;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a trait, an event property or a transaction measure is compared. Which column types each
 * operator applies to is checked when a rule is compiled (docs/AUDIENCES.md has the table).
 */
public enum Operator {
    EQUALS("equals", Arity.ONE),
    NOT_EQUALS("not-equals", Arity.ONE),
    IN("in", Arity.LIST),
    NOT_IN("not-in", Arity.LIST),
    GREATER("greater", Arity.ONE),
    GREATER_OR_EQUAL("greater-or-equal", Arity.ONE),
    LESS("less", Arity.ONE),
    LESS_OR_EQUAL("less-or-equal", Arity.ONE),
    BETWEEN("between", Arity.TWO),
    CONTAINS("contains", Arity.ONE),
    STARTS_WITH("starts-with", Arity.ONE),
    BEFORE("before", Arity.ONE),
    AFTER("after", Arity.ONE),
    WITHIN_LAST_DAYS("within-last-days", Arity.DAYS),
    MORE_THAN_DAYS_AGO("more-than-days-ago", Arity.DAYS),
    IS_SET("is-set", Arity.NONE),
    IS_NOT_SET("is-not-set", Arity.NONE);

    private final String jsonName;
    private final Arity arity;

    Operator(String jsonName, Arity arity) {
        this.jsonName = jsonName;
        this.arity = arity;
    }

    /** The operator as written in JSON and YAML: {@code greater-or-equal}. */
    public String jsonName() {
        return jsonName;
    }

    public Arity arity() {
        return arity;
    }

    public static Optional<Operator> fromJsonName(String name) {
        return Arrays.stream(values()).filter(operator -> operator.jsonName.equals(name)).findFirst();
    }

    public static List<String> jsonNames() {
        return Arrays.stream(values()).map(Operator::jsonName).toList();
    }

    /** What an operator's {@code value} must be. */
    public enum Arity {
        /** No value. */
        NONE,
        /** One value. */
        ONE,
        /** A list of two values, low and high, both included. */
        TWO,
        /** A list of one or more values. */
        LIST,
        /** A whole number of days, 1 or more. */
        DAYS
    }
}
