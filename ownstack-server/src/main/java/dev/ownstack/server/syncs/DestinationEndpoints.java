package dev.ownstack.server.syncs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.server.api.ApiJson;
import dev.ownstack.server.auth.Guard;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The handlers of {@code /api/destinations} and {@code /api/destination-types}: the destinations
 * of {@code ownstack.yml} (read-only here) and those saved through the API, with settings whose
 * secrets are masked; creating, changing and deleting saved ones; the connector types with the
 * spec of their settings (secrets marked, for forms); and connection checks of saved and unsaved
 * settings.
 */
public final class DestinationEndpoints {
    private final ProjectSyncs syncs;
    private final Function<Context, String> actor;

    /** @param actor the name of the caller, recorded with what they save */
    public DestinationEndpoints(ProjectSyncs syncs, Function<Context, String> actor) {
        this.syncs = syncs;
        this.actor = actor;
    }

    /** {@code GET /api/destinations}. */
    public void list(Context context) {
        DestinationCatalog catalog = syncs.destinations();
        ObjectNode body = ApiJson.NODES.objectNode();
        ArrayNode destinations = body.putArray("destinations");
        for (DestinationDefinition definition : catalog.all()) {
            destinations.add(destination(catalog, definition));
        }
        ApiJson.write(context, 200, body);
    }

    /** {@code GET /api/destinations/{name}}. */
    public void get(Context context) {
        DestinationCatalog catalog = syncs.destinations();
        ApiJson.write(context, 200, destination(catalog, catalog.get(context.pathParam("name"))));
    }

    /** {@code POST /api/destinations}: {@code {"name", "type", "settings"}}; 201 with the destination, secrets masked. */
    public void create(Context context) {
        JsonNode body = ApiJson.body(context);
        String name = body.path("name").isTextual() ? body.path("name").asText() : "";
        if (name.isEmpty()) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "name: required: the new destination's name");
        }
        Guard.detail(context).put("name", name);
        syncs.saveDestination(name, body, true, actor.apply(context));
        context.header("Location", "/api/destinations/" + name);
        DestinationCatalog catalog = syncs.destinations();
        ApiJson.write(context, 201, destination(catalog, catalog.get(name)));
    }

    /** {@code PUT /api/destinations/{name}}: replaces a saved destination; secrets left out or empty keep their saved value. */
    public void update(Context context) {
        String name = context.pathParam("name");
        syncs.saveDestination(name, ApiJson.body(context), false, actor.apply(context));
        DestinationCatalog catalog = syncs.destinations();
        ApiJson.write(context, 200, destination(catalog, catalog.get(name)));
    }

    /** {@code DELETE /api/destinations/{name}}: 204; refused while a sync writes to it. */
    public void delete(Context context) {
        syncs.deleteDestination(context.pathParam("name"));
        context.status(204);
    }

    /**
     * {@code POST /api/destinations/check}: checks unsaved settings ({@code {"name", "type",
     * "settings"}}; a secret left out is the one saved under that name) as saving would, then asks
     * the destination whether it answers; 200 with {@code {"name", "ok", "message", "problems"}}.
     */
    public void checkUnsaved(Context context) {
        JsonNode body = ApiJson.body(context);
        String name = body.path("name").isTextual() && !body.path("name").asText().isEmpty() ? body.path("name").asText() : "unsaved";
        CheckResult result;
        List<String> problems = List.of();
        try {
            result = syncs.check(name, body);
        } catch (OwnstackException e) {
            if (e.code() != ErrorCode.INPUT_INVALID) {
                throw e;
            }
            problems = e.details().isEmpty() ? List.of(e.getMessage()) : e.details();
            result = CheckResult.failed("the settings do not fit; fix them before saving");
        }
        ApiJson.write(context, 200, checked(name, result, problems));
    }

    /** A type's operations and limits with default settings. */
    private static ObjectNode capabilities(Capabilities capabilities) {
        ObjectNode node = ApiJson.NODES.objectNode();
        ArrayNode operations = node.putArray("operations");
        capabilities.operationNames().forEach(operations::add);
        node.put("maxBatchRecords", capabilities.maxBatchRecords());
        node.put("maxBatchBytes", capabilities.maxBatchBytes());
        node.put("maxConcurrency", capabilities.maxConcurrency());
        capabilities.rateLimit().ifPresentOrElse(limit -> {
            ObjectNode rate = node.putObject("rateLimit");
            rate.put("requests", limit.requests());
            rate.put("periodMillis", limit.period().toMillis());
        }, () -> node.putNull("rateLimit"));
        node.put("snapshot", capabilities.snapshot());
        node.put("summary", capabilities.summary());
        return node;
    }

    /** {@code GET /api/destination-types}. */
    public void types(Context context) {
        ObjectNode body = ApiJson.NODES.objectNode();
        ArrayNode types = body.putArray("types");
        for (DestinationFactory factory : syncs.destinations().types().all()) {
            ObjectNode type = types.addObject();
            type.put("type", factory.type());
            type.put("description", factory.description());
            type.put("kind", factory.category().configName());
            type.set("capabilities", capabilities(factory.defaultCapabilities()));
            ArrayNode settings = type.putArray("settings");
            for (ConfigField field : factory.spec().fields()) {
                ObjectNode setting = settings.addObject();
                setting.put("name", field.name());
                setting.put("type", field.type().name().toLowerCase(java.util.Locale.ROOT));
                setting.put("required", field.required());
                setting.put("secret", field.secret());
                if (field.defaultValue().isPresent()) {
                    setting.set("default", json(field.defaultValue().get()));
                } else {
                    setting.putNull("default");
                }
                ArrayNode options = setting.putArray("options");
                field.options().forEach(options::add);
                setting.put("description", field.description());
            }
        }
        ApiJson.write(context, 200, body);
    }

    /**
     * {@code POST /api/destinations/{name}/check}: 200 with {@code {"name", "ok", "message",
     * "problems"}} whether or not it answered; settings that do not fit the type are not ok, with
     * each problem listed.
     */
    public void check(Context context) {
        String name = context.pathParam("name");
        DestinationCatalog catalog = syncs.destinations();
        DestinationDefinition definition = catalog.get(name);
        List<String> problems = problems(catalog, definition);
        CheckResult result = problems.isEmpty() ? catalog.check(name)
                : CheckResult.failed("the settings do not fit a " + definition.type() + " destination; fix them "
                + (syncs.editableDestination(name) ? "and save it again" : "in ownstack.yml"));
        ApiJson.write(context, 200, checked(name, result, problems));
    }

    private static ObjectNode checked(String name, CheckResult result, List<String> problems) {
        ObjectNode body = ApiJson.NODES.objectNode();
        body.put("name", name);
        body.put("ok", result.ok());
        body.put("message", result.message());
        ArrayNode list = body.putArray("problems");
        problems.forEach(list::add);
        return body;
    }

    private List<String> problems(DestinationCatalog catalog, DestinationDefinition definition) {
        List<String> problems = new java.util.ArrayList<>(syncs.loadProblems("destinations." + definition.name()));
        problems.addAll(catalog.problems(definition));
        return problems;
    }

    private ObjectNode destination(DestinationCatalog catalog, DestinationDefinition definition) {
        ObjectNode node = ApiJson.NODES.objectNode();
        node.put("name", definition.name());
        node.put("type", definition.type());
        node.put("editable", syncs.editableDestination(definition.name()));
        ObjectNode settings = node.putObject("settings");
        catalog.shownSettings(definition).forEach((key, value) -> settings.set(key, json(value)));
        ArrayNode names = node.putArray("syncs");
        catalog.syncsOf(definition.name()).forEach(names::add);
        ArrayNode problems = node.putArray("problems");
        problems(catalog, definition).forEach(problems::add);
        return node;
    }

    static JsonNode json(Object value) {
        if (value instanceof List<?> list) {
            ArrayNode array = ApiJson.NODES.arrayNode();
            list.forEach(element -> array.add(json(element)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = ApiJson.NODES.objectNode();
            map.forEach((key, element) -> object.set(String.valueOf(key), json(element)));
            return object;
        }
        return ApiJson.value(value);
    }
}
