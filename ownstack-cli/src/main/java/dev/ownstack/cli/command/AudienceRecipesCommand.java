package dev.ownstack.cli.command;

import dev.ownstack.activation.audience.recipe.Recipe;
import dev.ownstack.activation.audience.recipe.RecipeParameter;
import dev.ownstack.activation.audience.recipe.Recipes;
import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.OutputFormat;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.core.config.audiences.RuleValue;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ownstack audience recipes}: the recipes and their parameters. */
@Command(name = "recipes", mixinStandardHelpOptions = true,
        description = {"List the recipes with their parameters and defaults.",
            "",
            "Recipes are audiences from common practice (lapsed buyers, win-back, ...);",
            "ownstack audience create NAME --recipe RECIPE makes an ordinary audience from",
            "one. As a table (the default) each recipe is a paragraph; as CSV or JSON,",
            "one row per parameter.",
            "",
            "Examples:",
            "  ownstack audience recipes",
            "  ownstack audience create lapsed --recipe lapsed-buyers --param lapsed-days=120"})
final class AudienceRecipesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Taken like every command's, so that -p works here too; recipes are the same for every project. */
    @Mixin
    ProjectOption project;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (format.format == OutputFormat.TABLE) {
            describe(Recipes.all(), out);
            return 0;
        }
        TablePrinter printer = new TablePrinter(format.format, out);
        printer.columns(List.of("recipe", "recipe_description", "parameter", "type", "default", "min", "max", "description"));
        for (Recipe recipe : Recipes.all()) {
            for (RecipeParameter parameter : recipe.parameters()) {
                boolean text = parameter.type() == RecipeParameter.Type.TEXT;
                printer.row(new Object[] {recipe.name(), recipe.description(), parameter.name(), parameter.type().jsonName(),
                        value(parameter.defaultValue()), text ? null : parameter.min(), text ? null : parameter.max(), parameter.description()});
            }
        }
        printer.finish();
        return 0;
    }

    private static void describe(List<Recipe> recipes, PrintWriter out) {
        for (Recipe recipe : recipes) {
            out.println(recipe.name());
            out.println("  " + recipe.description());
            int width = recipe.parameters().stream().mapToInt(parameter -> parameter.name().length()
                    + value(parameter.defaultValue()).length() + 1).max().orElse(0);
            for (RecipeParameter parameter : recipe.parameters()) {
                String assignment = parameter.name() + "=" + value(parameter.defaultValue());
                out.println("    " + assignment + " ".repeat(width - assignment.length() + 2) + kind(parameter) + ": " + parameter.description());
            }
            out.println("  ownstack audience create NAME --recipe " + recipe.name()
                    + recipe.parameters().stream().findFirst().map(parameter -> " --param " + parameter.name() + "="
                    + value(parameter.defaultValue())).orElse(""));
            out.println();
        }
        out.println("Parameters left out take the default shown.");
        out.flush();
    }

    private static String kind(RecipeParameter parameter) {
        return switch (parameter.type()) {
            case TEXT -> "text";
            case INTEGER -> "whole number from " + parameter.min().toPlainString() + " to " + parameter.max().toPlainString();
            case NUMBER -> "number from " + parameter.min().toPlainString() + " to " + parameter.max().toPlainString();
        };
    }

    /** As given on the command line: numbers plainly, text as it is. */
    static String value(RuleValue value) {
        return value instanceof RuleValue.Text text ? text.value() : value.describe();
    }
}
