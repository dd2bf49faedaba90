package dev.ownstack.server.syncs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.server.api.ApiJson;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * The handlers of {@code /api/destinations} and {@code /api/destination-types}: the destinations
 * of {@code ownstack.yml} (settings with secrets masked), the connector types with the spec of
 * their settings (secrets marked, for forms), and a connection check. Destinations are defined in
 * {@code ownstack.yml}; the API does not create them.
 */
public final class DestinationEndpoints {
    private final DestinationCatalog catalog;

    public DestinationEndpoints(DestinationCatalog catalog) {
        this.catalog = catalog;
    }

    /** {@code GET /api/destinations}. */
    public void list(Context context) {
        ObjectNode body = ApiJson.NODES.objectNode();
        ArrayNode destinations = body.putArray("destinations");
        for (DestinationDefinition definition : catalog.all()) {
            destinations.add(destination(definition));
        }
        ApiJson.write(context, 200, body);
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
        for (DestinationFactory factory : catalog.types().all()) {
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
        DestinationDefinition definition = catalog.get(name);
        List<String> problems = catalog.problems(definition);
        CheckResult result = problems.isEmpty() ? catalog.check(name)
                : CheckResult.failed("the settings do not fit a " + definition.type() + " destination; fix them in ownstack.yml");
        ObjectNode body = ApiJson.NODES.objectNode();
        body.put("name", name);
        body.put("ok", result.ok());
        body.put("message", result.message());
        ArrayNode list = body.putArray("problems");
        problems.forEach(list::add);
        ApiJson.write(context, 200, body);
    }

    private ObjectNode destination(DestinationDefinition definition) {
        ObjectNode node = ApiJson.NODES.objectNode();
        node.put("name", definition.name());
        node.put("type", definition.type());
        ObjectNode settings = node.putObject("settings");
        catalog.shownSettings(definition).forEach((key, value) -> settings.set(key, json(value)));
        ArrayNode syncs = node.putArray("syncs");
        catalog.syncsOf(definition.name()).forEach(syncs::add);
        ArrayNode problems = node.putArray("problems");
        catalog.problems(definition).forEach(problems::add);
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
