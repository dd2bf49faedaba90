package dev.ownstack.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ownstack.activation.audience.preview.AudiencePreview;
import dev.ownstack.activation.audience.preview.AudienceSize;
import dev.ownstack.activation.audience.recipe.Recipe;
import dev.ownstack.activation.audience.recipe.RecipeParameter;
import dev.ownstack.activation.audience.recipe.Recipes;
import dev.ownstack.activation.audience.store.AudienceOrigin;
import dev.ownstack.activation.audience.store.StoredAudience;
import dev.ownstack.cli.ProjectOption;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.AudienceParser;
import dev.ownstack.core.config.audiences.RuleValue;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ownstack audience create NAME}: a new audience from a recipe or a rule file, kept in ownstack.audiences. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create an audience from a recipe or a rule file.",
            "",
            "The audience is kept in the warehouse (ownstack.audiences), and only when it",
            "compiles against the models; every problem is named with its path in the",
            "rule. A file holds a definition ({\"description\": ..., \"rule\": ...}, as",
            "ownstack audience show --format json prints it) or a rule alone",
            "({\"all\": [...]}), in JSON or YAML; docs/AUDIENCES.md has the language.",
            "Recipes: ownstack audience recipes.",
            "",
            "Examples:",
            "  ownstack audience create lapsed --recipe lapsed-buyers --param lapsed-days=120",
            "  ownstack audience create win_back --recipe win-back --param min-orders=3",
            "  ownstack audience create gb_buyers --file gb_buyers.json"})
final class AudienceCreateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOption project;

    @Parameters(paramLabel = "NAME", description = "The new audience: letters, digits, _ and -, starting with a letter.")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A parameter of the recipe; repeat for several. Others take their defaults.")
    List<String> parameters = List.of();

    /** Where the definition comes from: exactly one of these. */
    static final class Source {
        @Option(names = "--recipe", paramLabel = "RECIPE", required = true, description = "The recipe to fill in.")
        String recipe;

        @Option(names = "--file", paramLabel = "FILE", required = true,
                description = "A definition or a rule in JSON (YAML when the name ends in .yml or .yaml).")
        Path file;
    }

    @Override
    public Integer call() {
        if (!AudienceDefinition.NAME.matcher(name).matches()) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "audience name '" + name + "' must use letters, digits, _ and -,"
                    + " start with a letter and be at most 63 characters");
        }
        if (source.recipe == null && !parameters.isEmpty()) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "--param " + parameters.get(0) + ": parameters go with --recipe, not --file");
        }
        AudienceDefinition definition;
        AudienceOrigin origin;
        if (source.recipe != null) {
            Recipe recipe = Recipes.get(source.recipe);
            definition = build(recipe, arguments(recipe, parameters));
            origin = AudienceOrigin.recipe(recipe.name());
        } else {
            definition = read(source.file, name);
            origin = AudienceOrigin.API;
        }
        PrintWriter out = spec.commandLine().getOut();
        try (AudienceSession session = AudienceSession.open(project.load(), spec.commandLine().getErr())) {
            StoredAudience created = session.store().create(definition, origin, session.context());
            AudienceSize size = new AudiencePreview(session.warehouse(), session.context().catalog())
                    .size(session.store().compiler(session.context()).compile(created.definition()));
            out.printf("Created audience %s from %s: %,d of %,d customers now.%n", name,
                    source.recipe != null ? "recipe " + source.recipe : source.file, size.members(), size.customers());
            out.println("Next: ownstack audience preview " + name + "   or   ownstack audience compute " + name);
        }
        out.flush();
        return 0;
    }

    /** {@code NAME=VALUE} pairs as the recipe's values: numbers for its number parameters, text otherwise. */
    static Map<String, RuleValue> arguments(Recipe recipe, List<String> given) {
        Map<String, RuleValue> arguments = new LinkedHashMap<>();
        for (String assignment : given) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "--param '" + assignment + "' must be NAME=VALUE, such as --param "
                        + recipe.parameters().stream().findFirst().map(p -> p.name() + "=" + AudienceRecipesCommand.value(p.defaultValue()))
                        .orElse("name=value"));
            }
            String parameter = assignment.substring(0, equals);
            String text = assignment.substring(equals + 1);
            boolean number = recipe.parameters().stream().filter(p -> p.name().equals(parameter)).findFirst()
                    .map(p -> p.type() != RecipeParameter.Type.TEXT).orElse(false);
            if (arguments.put(parameter, number ? numberOrText(text) : RuleValue.of(text)) != null) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "--param " + parameter + " is given twice");
            }
        }
        return arguments;
    }

    private static RuleValue numberOrText(String text) {
        try {
            return RuleValue.of(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            // the recipe names the parameter and the value it expected
            return RuleValue.of(text);
        }
    }

    /** The recipe's audience, its parameter problems named as --param options. */
    private AudienceDefinition build(Recipe recipe, Map<String, RuleValue> arguments) {
        try {
            return recipe.build(name, arguments);
        } catch (OwnstackException e) {
            if (e.code() != ErrorCode.INPUT_INVALID) {
                throw e;
            }
            List<String> problems = e.details().stream().map(AudienceCreateCommand::asOption).toList();
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, asOption(e.getMessage()), problems.size() > 1 ? problems : List.of(), e);
        }
    }

    private static String asOption(String problem) {
        return problem.replace("parameters.", "--param ");
    }

    /** A definition, or a rule alone, from a JSON or YAML file. */
    static AudienceDefinition read(Path file, String name) {
        String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = fileName.endsWith(".yml") || fileName.endsWith(".yaml");
        JsonNode tree;
        try {
            tree = (yaml ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper()).readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "--file " + file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "--file " + file + " is not valid " + (yaml ? "YAML" : "JSON") + ": "
                    + e.getOriginalMessage() + Optional.ofNullable(e.getLocation()).map(at -> " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")").orElse(""));
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "cannot read --file " + file + ": " + e.getMessage(), e);
        }
        if (tree != null && tree.isObject() && tree.has("rule")) {
            return AudienceParser.parseDefinition(name, tree);
        }
        return AudienceDefinition.of(name, AudienceParser.parseRule(tree));
    }
}
