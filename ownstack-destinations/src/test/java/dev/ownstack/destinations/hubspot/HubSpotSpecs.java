package dev.ownstack.destinations.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * HubSpot's own OpenAPI 3.0.1 descriptions of the Contacts and Lists APIs
 * ({@code shared/specs/hubspot/contacts.json} and {@code lists.json}, found by walking up from
 * the working directory; a missing folder fails the test, never skips it), and a check of a
 * request against them: the method and path are an operation, and the JSON body validates
 * against the operation's request body schema. The schema check covers what these specs use:
 * {@code $ref}, type, required, properties, additionalProperties, items, enum, oneOf, anyOf,
 * allOf and nullable; a property a schema does not name is refused unless the schema allows
 * additional properties (stricter than JSON Schema's default, so that a misspelt name fails).
 */
final class HubSpotSpecs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /**
     * Read outside the Contacts and Lists APIs, so not in these specs: the id property's
     * definition ({@code GET /crm/v3/properties/contacts/{name}}, HubSpot's Properties API).
     */
    static final Pattern PROPERTIES_READ = Pattern.compile("/crm/v3/properties/contacts/[^/]+");
    private static HubSpotSpecs shared;

    private final List<JsonNode> specs;

    private HubSpotSpecs(List<JsonNode> specs) {
        this.specs = List.copyOf(specs);
    }

    /** The specs, read once. */
    static synchronized HubSpotSpecs shared() {
        if (shared == null) {
            shared = load();
        }
        return shared;
    }

    /** The problems of every request, the properties read apart (it is checked by path only). */
    List<String> problems(List<HubSpotFake.Request> requests) {
        List<String> problems = new ArrayList<>();
        for (HubSpotFake.Request request : requests) {
            if (request.method().equals("GET") && PROPERTIES_READ.matcher(request.path()).matches() && request.body().isEmpty()) {
                continue;
            }
            problems.addAll(problems(request.method(), request.path(), request.body()));
        }
        return problems;
    }

    static HubSpotSpecs load() {
        Path folder = folder();
        List<JsonNode> specs = new ArrayList<>();
        for (String name : List.of("contacts.json", "lists.json")) {
            try {
                specs.add(JSON.readTree(folder.resolve(name).toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read HubSpot's spec " + folder.resolve(name), e);
            }
        }
        return new HubSpotSpecs(specs);
    }

    private static Path folder() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve("shared/specs/hubspot");
            if (Files.isRegularFile(candidate.resolve("contacts.json")) && Files.isRegularFile(candidate.resolve("lists.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/specs/hubspot (HubSpot's contacts.json and lists.json) not found in any folder above " + start
                + "; the repository must sit next to the shared specs folder");
    }

    /** What is wrong with the request by HubSpot's specs; empty when it is an operation of theirs with a valid body. */
    List<String> problems(String method, String path, String body) {
        String what = method + " " + path;
        for (JsonNode spec : specs) {
            Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> entry = paths.next();
                JsonNode operation = entry.getValue().path(method.toLowerCase(Locale.ROOT));
                if (!METHODS.contains(method.toLowerCase(Locale.ROOT)) || operation.isMissingNode() || !template(entry.getKey()).matcher(path).matches()) {
                    continue;
                }
                return bodyProblems(spec, what, operation, body);
            }
        }
        return List.of(what + ": no such operation in HubSpot's contacts or lists spec");
    }

    private List<String> bodyProblems(JsonNode spec, String what, JsonNode operation, String body) {
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        List<String> problems = new ArrayList<>();
        if (schema.isMissingNode()) {
            if (!body.isEmpty()) {
                problems.add(what + ": the operation takes no body, got " + body);
            }
            return problems;
        }
        if (body.isEmpty()) {
            problems.add(what + ": the operation requires a JSON body");
            return problems;
        }
        try {
            validate(spec, schema, JSON.readTree(body), what + " body", problems);
        } catch (IOException e) {
            problems.add(what + ": the body is not JSON: " + e.getMessage());
        }
        return problems;
    }

    /** Path templates such as {@code /crm/v3/lists/{listId}} as a pattern for one segment per parameter. */
    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder();
        for (String part : path.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private void validate(JsonNode spec, JsonNode schema, JsonNode value, String at, List<String> problems) {
        if (schema.has("$ref")) {
            validate(spec, resolve(spec, schema.path("$ref").asText()), value, at, problems);
            return;
        }
        if (value.isNull() && schema.path("nullable").asBoolean(false)) {
            return;
        }
        for (JsonNode part : schema.path("allOf")) {
            validate(spec, part, value, at, problems);
        }
        if (schema.has("oneOf") || schema.has("anyOf")) {
            boolean one = schema.has("oneOf");
            int passing = 0;
            for (JsonNode part : schema.path(one ? "oneOf" : "anyOf")) {
                List<String> own = new ArrayList<>();
                validate(spec, part, value, at, own);
                passing += own.isEmpty() ? 1 : 0;
            }
            if (one ? passing != 1 : passing == 0) {
                problems.add(at + ": matches " + passing + " of the schemas of its " + (one ? "oneOf" : "anyOf"));
            }
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        switch (type) {
            case "object" -> object(spec, schema, value, at, problems);
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(at + ": must be an array, got " + value);
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    validate(spec, schema.path("items"), value.get(i), at + "[" + i + "]", problems);
                }
            }
            case "string" -> check(value.isTextual(), "a string", value, at, problems);
            case "integer" -> check(value.isIntegralNumber(), "an integer", value, at, problems);
            case "number" -> check(value.isNumber(), "a number", value, at, problems);
            case "boolean" -> check(value.isBoolean(), "true or false", value, at, problems);
            default -> {
            }
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode option : schema.path("enum")) {
                listed |= option.equals(value);
            }
            check(listed, "one of " + schema.path("enum"), value, at, problems);
        }
    }

    private void object(JsonNode spec, JsonNode schema, JsonNode value, String at, List<String> problems) {
        if (!value.isObject()) {
            problems.add(at + ": must be an object, got " + value);
            return;
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(at + ": lacks the required " + required.asText());
            }
        }
        JsonNode additional = schema.path("additionalProperties");
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode property = schema.path("properties").path(field.getKey());
            if (!property.isMissingNode()) {
                validate(spec, property, field.getValue(), at + "." + field.getKey(), problems);
            } else if (additional.isObject()) {
                validate(spec, additional, field.getValue(), at + "." + field.getKey(), problems);
            } else if (additional.isBoolean() && !additional.asBoolean() || schema.has("properties") && additional.isMissingNode()) {
                problems.add(at + ": " + field.getKey() + " is not a property of the schema");
            }
        }
    }

    private static void check(boolean ok, String expected, JsonNode value, String at, List<String> problems) {
        if (!ok) {
            problems.add(at + ": must be " + expected + ", got " + value);
        }
    }

    private static JsonNode resolve(JsonNode spec, String reference) {
        if (!reference.startsWith("#/")) {
            throw new IllegalArgumentException("only local references are supported, got " + reference);
        }
        JsonNode target = spec;
        for (String part : reference.substring(2).split("/")) {
            target = target.path(part.replace("~1", "/").replace("~0", "~"));
        }
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("unresolvable reference " + reference);
        }
        return target;
    }
}
