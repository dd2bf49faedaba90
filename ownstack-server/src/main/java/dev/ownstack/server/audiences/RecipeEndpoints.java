package dev.ownstack.server.audiences;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.audience.recipe.Recipe;
import dev.ownstack.activation.audience.recipe.Recipes;
import dev.ownstack.activation.audience.store.AudienceOrigin;
import dev.ownstack.activation.audience.store.StoredAudience;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.AudienceJson;
import dev.ownstack.core.config.audiences.RuleValue;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.server.api.ApiJson;
import dev.ownstack.server.audiences.AudienceApi.Workspace;
import dev.ownstack.server.http.ApiErrors;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/recipes} lists the recipes with their parameters; {@code POST /api/recipes/{name}}
 * with {@code {"parameters": {...}, "name": "audience-name", "save": false}} (every key optional)
 * fills one in. Unsaved, the answer is the definition and whether it compiles here; saved, the
 * new audience (201), as {@code POST /api/audiences} answers.
 */
public final class RecipeEndpoints {
    private static final Set<String> KEYS = Set.of("parameters", "name", "save");

    private final AudienceApi api;

    public RecipeEndpoints(AudienceApi api) {
        this.api = api;
    }

    public void list(Context context) {
        ObjectNode body = ApiJson.NODES.objectNode();
        ArrayNode recipes = body.putArray("recipes");
        Recipes.all().forEach(recipe -> recipes.add(Responses.recipe(recipe)));
        ApiJson.write(context, 200, body);
    }

    public void build(Context context) {
        Recipe recipe = Recipes.get(context.pathParam("name"));
        ObjectNode body = ApiJson.object(context);
        List<String> problems = new ArrayList<>();
        body.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                problems.add(key + ": unknown key; expected name, parameters, save");
            }
        });
        Map<String, RuleValue> arguments = arguments(body.get("parameters"), problems);
        JsonNode name = body.get("name");
        if (name != null && !name.isTextual()) {
            problems.add("name: must be text, got " + name);
        }
        String audienceName = name != null && name.isTextual() ? name.asText() : recipe.name();
        if (!AudienceDefinition.NAME.matcher(audienceName).matches()) {
            problems.add("name: \"" + audienceName + "\" must use letters, digits, _ and -, start with a letter and be at most 63 characters");
        }
        JsonNode save = body.get("save");
        if (save != null && !save.isBoolean()) {
            problems.add("save: must be true or false, got " + save);
        }
        if (!problems.isEmpty()) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, problems.size() == 1 ? problems.get(0)
                    : problems.size() + " problems in the request: " + String.join("; ", problems), problems, null);
        }
        AudienceDefinition definition = recipe.build(audienceName, arguments);
        try (Workspace workspace = api.open()) {
            if (save != null && save.asBoolean()) {
                StoredAudience created = workspace.store.create(definition, AudienceOrigin.recipe(recipe.name()), workspace.context());
                context.header("Location", "/api/audiences/" + created.name());
                ApiJson.write(context, 201, Responses.audience(created, Optional.empty()));
                return;
            }
            ObjectNode answer = ApiJson.NODES.objectNode();
            answer.put("recipe", recipe.name());
            answer.set("definition", AudienceJson.write(definition));
            try {
                workspace.store.validate(definition, workspace.context());
                answer.put("valid", true);
                answer.putArray("errors");
            } catch (OwnstackException e) {
                if (e.code() != ErrorCode.INPUT_INVALID) {
                    throw e;
                }
                answer.put("valid", false);
                answer.set("errors", Responses.problems(ApiErrors.problems(e)));
            }
            ApiJson.write(context, 200, answer);
        }
    }

    private static Map<String, RuleValue> arguments(JsonNode parameters, List<String> problems) {
        Map<String, RuleValue> arguments = new LinkedHashMap<>();
        if (parameters == null || parameters.isNull()) {
            return arguments;
        }
        if (!parameters.isObject()) {
            problems.add("parameters: must be an object of parameter names and values, got " + parameters);
            return arguments;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = parameters.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                arguments.put(field.getKey(), RuleValue.of(value.asText()));
            } else if (value.isNumber()) {
                arguments.put(field.getKey(), RuleValue.of(value.decimalValue()));
            } else if (value.isBoolean()) {
                arguments.put(field.getKey(), RuleValue.of(value.asBoolean()));
            } else {
                problems.add("parameters." + field.getKey() + ": must be text, a number or true or false, got " + value);
            }
        }
        return arguments;
    }
}
