package dev.ownstack.activation.audience.recipe;

import dev.ownstack.core.config.audiences.Comparison;
import dev.ownstack.core.config.audiences.RuleValue;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * A parameter of a recipe, with its default. Whole numbers and numbers must lie from {@code min}
 * to {@code max}; text may be empty only where the description says what empty means.
 */
public record RecipeParameter(String name, Type type, RuleValue defaultValue, String description, BigDecimal min, BigDecimal max) {
    public RecipeParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
    }

    static RecipeParameter days(String name, int defaultDays, String description) {
        return new RecipeParameter(name, Type.INTEGER, RuleValue.of(defaultDays), description, BigDecimal.ONE,
                BigDecimal.valueOf(Comparison.MAX_DAYS));
    }

    static RecipeParameter count(String name, int defaultCount, String description) {
        return new RecipeParameter(name, Type.INTEGER, RuleValue.of(defaultCount), description, BigDecimal.ONE, BigDecimal.valueOf(1_000_000));
    }

    static RecipeParameter amount(String name, long defaultAmount, String description) {
        return new RecipeParameter(name, Type.NUMBER, RuleValue.of(defaultAmount), description, BigDecimal.ZERO, new BigDecimal("1e15"));
    }

    static RecipeParameter percent(String name, int defaultPercent, String description) {
        return new RecipeParameter(name, Type.INTEGER, RuleValue.of(defaultPercent), description, BigDecimal.ZERO, BigDecimal.valueOf(99));
    }

    static RecipeParameter text(String name, String defaultText, String description) {
        return new RecipeParameter(name, Type.TEXT, RuleValue.of(defaultText), description, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** What a parameter takes. */
    public enum Type {
        INTEGER, NUMBER, TEXT;

        /** As written in the API: {@code integer}, {@code number}, {@code text}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
