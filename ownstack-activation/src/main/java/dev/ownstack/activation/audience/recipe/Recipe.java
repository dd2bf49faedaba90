package dev.ownstack.activation.audience.recipe;

import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.AudienceRule;
import dev.ownstack.core.config.audiences.RuleValue;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A parameterised audience from common practice. {@link #build} fills in the parameters and gives
 * an ordinary definition, which can be edited and saved like any other. Recipes name only the
 * model's standard tables and columns ({@code model.transactions}, {@code model.events},
 * {@code model.customers.first_seen}) and the event names and transaction types given as
 * parameters; when the warehouse lacks one, compiling the definition says which. Immutable.
 */
public final class Recipe {
    private final String name;
    private final String description;
    private final List<RecipeParameter> parameters;
    private final Function<Arguments, Built> builder;

    Recipe(String name, String description, List<RecipeParameter> parameters, Function<Arguments, Built> builder) {
        if (!AudienceDefinition.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a recipe's name must be a valid audience name, got " + name);
        }
        this.name = name;
        this.description = Objects.requireNonNull(description, "description");
        this.parameters = List.copyOf(parameters);
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<RecipeParameter> parameters() {
        return parameters;
    }

    /**
     * The audience {@code audienceName} this recipe describes with these arguments (the others
     * take their defaults). INPUT_INVALID at {@code parameters.NAME} for an unknown parameter, a
     * value of the wrong type or out of range, all at once.
     */
    public AudienceDefinition build(String audienceName, Map<String, RuleValue> arguments) {
        List<String> problems = new ArrayList<>();
        for (String given : arguments.keySet()) {
            if (parameters.stream().noneMatch(parameter -> parameter.name().equals(given))) {
                problems.add("parameters." + given + ": recipe " + name + " has no such parameter; it has "
                        + parameters.stream().map(RecipeParameter::name).collect(Collectors.joining(", ")));
            }
        }
        Map<String, RuleValue> values = new LinkedHashMap<>();
        for (RecipeParameter parameter : parameters) {
            RuleValue value = arguments.getOrDefault(parameter.name(), parameter.defaultValue());
            check(parameter, value).ifPresentOrElse(problem -> problems.add("parameters." + parameter.name() + ": " + problem),
                    () -> values.put(parameter.name(), value));
        }
        if (problems.isEmpty()) {
            Built built = builder.apply(new Arguments(values, problems));
            if (problems.isEmpty()) {
                String summary = values.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue().describe())
                        .collect(Collectors.joining(", "));
                return new AudienceDefinition(audienceName, description + " (recipe " + name + ": " + summary + ")", built.rule(),
                        built.holdoutPercent(), 100);
            }
        }
        String message = problems.size() == 1 ? problems.get(0) : problems.size() + " problems with the parameters of recipe " + name
                + ": " + String.join("; ", problems);
        throw new OwnstackException(ErrorCode.INPUT_INVALID, message, problems, null);
    }

    private static Optional<String> check(RecipeParameter parameter, RuleValue value) {
        if (parameter.type() == RecipeParameter.Type.TEXT) {
            return value instanceof RuleValue.Text ? Optional.empty() : Optional.of("must be text, got " + value.describe());
        }
        if (!(value instanceof RuleValue.Number number)) {
            return Optional.of("must be a number, got " + value.describe());
        }
        BigDecimal amount = number.value();
        if (parameter.type() == RecipeParameter.Type.INTEGER && amount.stripTrailingZeros().scale() > 0) {
            return Optional.of("must be a whole number, got " + value.describe());
        }
        if (amount.compareTo(parameter.min()) < 0 || amount.compareTo(parameter.max()) > 0) {
            return Optional.of("must be from " + parameter.min().toPlainString() + " to " + parameter.max().toPlainString()
                    + ", got " + value.describe());
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Recipe[" + name + "]";
    }

    /** What a recipe's builder makes: the rule and the holdout. */
    record Built(AudienceRule rule, int holdoutPercent) {
        Built(AudienceRule rule) {
            this(rule, 0);
        }
    }

    /** The checked arguments, by parameter name; a builder adds problems between parameters here. */
    static final class Arguments {
        private final Map<String, RuleValue> values;
        private final List<String> problems;

        private Arguments(Map<String, RuleValue> values, List<String> problems) {
            this.values = values;
            this.problems = problems;
        }

        int whole(String name) {
            return ((RuleValue.Number) values.get(name)).value().intValueExact();
        }

        RuleValue number(String name) {
            return values.get(name);
        }

        String text(String name) {
            return ((RuleValue.Text) values.get(name)).value();
        }

        void problem(String parameter, String message) {
            problems.add("parameters." + parameter + ": " + message);
        }
    }
}
