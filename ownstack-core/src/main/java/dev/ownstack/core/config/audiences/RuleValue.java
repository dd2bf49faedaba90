package dev.ownstack.core.config.audiences;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A value in a rule, as JSON typed it: text, number or boolean. Times are text in ISO-8601
 * ({@code 2024-06-01} or {@code 2024-06-01T12:00:00Z}), read as times when the compared column is
 * one. Values always reach SQL as bound parameters.
 */
public sealed interface RuleValue permits RuleValue.Text, RuleValue.Number, RuleValue.Bool {

    /** {@code text}, {@code number} or {@code boolean}, for messages. */
    String typeName();

    /** The value as it would be written in JSON, for messages. */
    String describe();

    static RuleValue of(String text) {
        return new Text(text);
    }

    static RuleValue of(long number) {
        return new Number(BigDecimal.valueOf(number));
    }

    static RuleValue of(BigDecimal number) {
        return new Number(number);
    }

    static RuleValue of(boolean bool) {
        return new Bool(bool);
    }

    record Text(String value) implements RuleValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String typeName() {
            return "text";
        }

        @Override
        public String describe() {
            return '"' + value + '"';
        }
    }

    record Number(BigDecimal value) implements RuleValue {
        public Number {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String typeName() {
            return "number";
        }

        @Override
        public String describe() {
            return value.toPlainString();
        }
    }

    record Bool(boolean value) implements RuleValue {
        @Override
        public String typeName() {
            return "boolean";
        }

        @Override
        public String describe() {
            return Boolean.toString(value);
        }
    }
}
