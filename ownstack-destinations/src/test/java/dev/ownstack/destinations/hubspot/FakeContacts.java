package dev.ownstack.destinations.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The contacts of {@link HubSpotFake}'s portal and HubSpot's batch calls on them (upsert, read,
 * update), with HubSpot's checks: at most 100 inputs, no duplicate ids, upserts only by a
 * unique property, known properties, valid emails; answers 200, or 207 with one
 * {@code StandardError} per refused input. Not thread-safe: the fake serialises calls.
 */
final class FakeContacts {
    static final int MAX_INPUTS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** A batch call's answer: its status and JSON body. */
    record Answer(int status, JsonNode body) {
    }

    private final Map<String, Boolean> properties = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> contacts = new LinkedHashMap<>();
    private final Map<String, Instant> created = new LinkedHashMap<>();
    private long nextId = 1001;

    FakeContacts() {
        for (String name : List.of("email", "firstname", "lastname", "phone", "company", "city", "country", "lifecyclestage")) {
            properties.put(name, false);
        }
    }

    void define(String name, boolean unique) {
        properties.put(name, unique);
    }

    boolean exists(String property) {
        return properties.containsKey(property);
    }

    /** Email is HubSpot's built-in unique identifier though its definition says {@code hasUniqueValue: false}. */
    boolean unique(String property) {
        return property.equals("email") || properties.getOrDefault(property, false);
    }

    boolean definedUnique(String property) {
        return properties.getOrDefault(property, false);
    }

    Map<String, Map<String, String>> all() {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        contacts.forEach((id, values) -> copy.put(id, Map.copyOf(values)));
        return copy;
    }

    boolean has(String id) {
        return contacts.containsKey(id);
    }

    Answer upsert(JsonNode body) {
        Answer refused = refuse(body, true, false);
        if (refused != null) {
            return refused;
        }
        List<JsonNode> results = new ArrayList<>();
        List<JsonNode> errors = new ArrayList<>();
        for (JsonNode input : body.path("inputs")) {
            String property = input.path("idProperty").asText();
            String value = input.path("id").asText();
            ObjectNode error = invalid(input, value);
            if (error != null) {
                errors.add(error);
                continue;
            }
            String id = find(property, value);
            boolean isNew = id == null;
            if (isNew) {
                id = Long.toString(nextId++);
                contacts.put(id, new LinkedHashMap<>());
                created.put(id, Instant.now());
            }
            Map<String, String> contact = contacts.get(id);
            apply(contact, input.path("properties"));
            contact.put(property, normal(property, value));
            results.add(object(id, contact, input).put("new", isNew));
        }
        return batch(results, errors);
    }

    Answer read(JsonNode body) {
        Answer refused = refuse(body, false, true);
        if (refused != null) {
            return refused;
        }
        String property = body.path("idProperty").asText("hs_object_id");
        List<JsonNode> results = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (JsonNode input : body.path("inputs")) {
            String value = input.path("id").asText();
            String id = property.equals("hs_object_id") ? (contacts.containsKey(value) ? value : null) : find(property, value);
            if (id == null) {
                missing.add(value);
                continue;
            }
            ObjectNode result = object(id, Map.of(), input);
            ObjectNode values = (ObjectNode) result.get("properties");
            for (JsonNode name : body.path("properties")) {
                String text = contacts.get(id).get(name.asText());
                values.put(name.asText(), text);
            }
            results.add(result);
        }
        return batch(results, missing.isEmpty() ? List.of() : List.of(notFound(missing)));
    }

    Answer update(JsonNode body) {
        Answer refused = refuse(body, false, false);
        if (refused != null) {
            return refused;
        }
        List<JsonNode> results = new ArrayList<>();
        List<JsonNode> errors = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (JsonNode input : body.path("inputs")) {
            String value = input.path("id").asText();
            String id = input.has("idProperty") ? find(input.path("idProperty").asText(), value) : contacts.containsKey(value) ? value : null;
            if (id == null) {
                missing.add(value);
                continue;
            }
            ObjectNode error = invalid(input, value);
            if (error != null) {
                errors.add(error);
                continue;
            }
            apply(contacts.get(id), input.path("properties"));
            results.add(object(id, contacts.get(id), input));
        }
        if (!missing.isEmpty()) {
            errors.add(notFound(missing));
        }
        return batch(results, errors);
    }

    /** Whole-request refusals, as HubSpot answers them with 400: no inputs list, an input without its id (or properties), too many inputs, duplicate ids, a non-unique id property. */
    private Answer refuse(JsonNode body, boolean upsert, boolean read) {
        JsonNode inputs = body.path("inputs");
        if (!inputs.isArray()) {
            return new Answer(400, HubSpotFake.error("VALIDATION_ERROR", "Invalid input JSON: the field 'inputs' is required"));
        }
        if (inputs.size() > MAX_INPUTS) {
            return new Answer(400, HubSpotFake.error("VALIDATION_ERROR",
                    "Batch input size " + inputs.size() + " exceeds the maximum of " + MAX_INPUTS + " inputs"));
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode input : inputs) {
            if (!input.path("id").isTextual() || !read && !input.path("properties").isObject()) {
                return new Answer(400, HubSpotFake.error("VALIDATION_ERROR", "Invalid input JSON: each input requires "
                        + (read ? "an id" : "an id and properties") + ", got " + input));
            }
            String property = input.path("idProperty").asText(body.path("idProperty").asText(""));
            if ((upsert || !property.isEmpty()) && !unique(property)) {
                return new Answer(400, HubSpotFake.error("VALIDATION_ERROR", "Unable to perform " + (upsert ? "upsert" : "lookup")
                        + " by non-unique property: " + (property.isEmpty() ? "(none)" : property)));
            }
            if (!seen.add(input.path("id").asText().toLowerCase(Locale.ROOT))) {
                return new Answer(400, HubSpotFake.error("VALIDATION_ERROR", "Duplicate IDs found in batch input: ["
                        + input.path("id").asText() + "]. IDs must be unique"));
            }
        }
        return null;
    }

    /** The input's refusal: an unknown property, or an email address that is not one. */
    private ObjectNode invalid(JsonNode input, String id) {
        for (Map.Entry<String, JsonNode> property : input.path("properties").properties()) {
            if (!properties.containsKey(property.getKey())) {
                return validation(input, id, "PROPERTY_DOESNT_EXIST", property.getKey(), "Property \"" + property.getKey() + "\" does not exist");
            }
        }
        String email = input.path("properties").path("email").asText(input.path("idProperty").asText().equals("email") ? id : "");
        if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
            return validation(input, id, "INVALID_EMAIL", "email", "Email address " + email + " is invalid");
        }
        return null;
    }

    // The shape HubSpot gives a refused batch input: https://developers.hubspot.com/docs/guides/api/error-handling#multi-status-errors
    private static ObjectNode validation(JsonNode input, String id, String code, String property, String message) {
        ObjectNode error = JSON.createObjectNode().put("status", "error").put("category", "VALIDATION_ERROR")
                .put("message", "Property values were not valid: [{\"isValid\":false,\"message\":\"" + message.replace("\"", "\\\"")
                        + "\",\"error\":\"" + code + "\",\"name\":\"" + property + "\"}]");
        ObjectNode context = error.putObject("context");
        context.putArray("ids").add(id);
        if (input.has("objectWriteTraceId")) {
            context.putArray("objectWriteTraceId").add(input.path("objectWriteTraceId").asText());
        }
        ObjectNode detail = error.putArray("errors").addObject().put("message", message).put("code", code).put("in", property);
        detail.putObject("context").putArray("propertyName").add(property);
        error.putObject("links");
        return error;
    }

    private static ObjectNode notFound(List<String> ids) {
        ObjectNode error = JSON.createObjectNode().put("status", "error").put("category", "OBJECT_NOT_FOUND")
                .put("message", "Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.");
        ArrayNode context = error.putObject("context").putArray("ids");
        ids.forEach(context::add);
        error.putArray("errors");
        error.putObject("links");
        return error;
    }

    private String find(String property, String value) {
        String wanted = normal(property, value);
        for (Map.Entry<String, Map<String, String>> contact : contacts.entrySet()) {
            if (wanted.equals(contact.getValue().get(property))) {
                return contact.getKey();
            }
        }
        return null;
    }

    /** An empty value clears the property, as HubSpot documents; emails are kept in lower case. */
    private static void apply(Map<String, String> contact, JsonNode values) {
        for (Map.Entry<String, JsonNode> value : values.properties()) {
            String text = value.getValue().asText();
            if (text.isEmpty()) {
                contact.remove(value.getKey());
            } else {
                contact.put(value.getKey(), normal(value.getKey(), text));
            }
        }
    }

    private static String normal(String property, String value) {
        return property.equals("email") ? value.strip().toLowerCase(Locale.ROOT) : value;
    }

    private ObjectNode object(String id, Map<String, String> values, JsonNode input) {
        ObjectNode result = JSON.createObjectNode().put("id", id).put("archived", false)
                .put("createdAt", created.get(id).toString()).put("updatedAt", Instant.now().toString());
        ObjectNode properties = result.putObject("properties");
        properties.put("hs_object_id", id);
        values.forEach(properties::put);
        if (input.has("objectWriteTraceId")) {
            result.put("objectWriteTraceId", input.path("objectWriteTraceId").asText());
        }
        return result;
    }

    private static Answer batch(List<JsonNode> results, List<JsonNode> errors) {
        String now = Instant.now().toString();
        ObjectNode body = JSON.createObjectNode().put("status", "COMPLETE");
        body.putArray("results").addAll(results);
        if (!errors.isEmpty()) {
            body.put("numErrors", errors.size());
            body.putArray("errors").addAll(errors);
        }
        body.put("requestedAt", now).put("startedAt", now).put("completedAt", now);
        return new Answer(errors.isEmpty() ? 200 : 207, body);
    }
}
