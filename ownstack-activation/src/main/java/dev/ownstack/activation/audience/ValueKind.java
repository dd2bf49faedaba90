package dev.ownstack.activation.audience;

import dev.ownstack.core.config.audiences.Operator;
import dev.ownstack.core.table.ColumnType;
import java.util.EnumSet;
import java.util.Set;

/** What a compared expression holds, which decides the operators and values it takes (the web app's pickers list them too). */
public enum ValueKind {
    TEXT("text", EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.IN, Operator.NOT_IN, Operator.CONTAINS,
            Operator.STARTS_WITH, Operator.IS_SET, Operator.IS_NOT_SET)),
    NUMBER("a number", EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.IN, Operator.NOT_IN, Operator.GREATER,
            Operator.GREATER_OR_EQUAL, Operator.LESS, Operator.LESS_OR_EQUAL, Operator.BETWEEN, Operator.IS_SET, Operator.IS_NOT_SET)),
    BOOLEAN("true or false", EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.IS_SET, Operator.IS_NOT_SET)),
    DATE("a date", timeOperators()),
    TIMESTAMP("a time", timeOperators()),
    TIMESTAMPTZ("a time", timeOperators()),
    /** ISO-8601 text inside JSON, compared by its characters. */
    ISO_TEXT("an ISO-8601 time in text", EnumSet.of(Operator.BEFORE, Operator.AFTER, Operator.BETWEEN, Operator.WITHIN_LAST_DAYS,
            Operator.MORE_THAN_DAYS_AGO)),
    /** JSON and other values that only can be present or not. */
    OTHER("JSON", EnumSet.of(Operator.IS_SET, Operator.IS_NOT_SET));

    private final String description;
    private final Set<Operator> operators;

    ValueKind(String description, Set<Operator> operators) {
        this.description = description;
        this.operators = operators;
    }

    public String description() {
        return description;
    }

    public Set<Operator> operators() {
        return operators;
    }

    boolean isTime() {
        return this == DATE || this == TIMESTAMP || this == TIMESTAMPTZ || this == ISO_TEXT;
    }

    public static ValueKind of(ColumnType type) {
        return switch (type) {
            case STRING -> TEXT;
            case BIGINT, DOUBLE, DECIMAL -> NUMBER;
            case BOOLEAN -> BOOLEAN;
            case DATE -> DATE;
            case TIMESTAMP -> TIMESTAMP;
            case TIMESTAMPTZ -> TIMESTAMPTZ;
            case JSON -> OTHER;
        };
    }

    private static Set<Operator> timeOperators() {
        return EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.BEFORE, Operator.AFTER, Operator.BETWEEN, Operator.WITHIN_LAST_DAYS,
                Operator.MORE_THAN_DAYS_AGO, Operator.IS_SET, Operator.IS_NOT_SET);
    }
}
