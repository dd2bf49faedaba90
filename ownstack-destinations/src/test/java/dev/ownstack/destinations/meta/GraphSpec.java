package dev.ownstack.destinations.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks requests against Meta's own description of the CustomAudience object
 * ({@code CustomAudience.json} of facebook/facebook-business-sdk-codegen, in the shared specs
 * folder next to the repository, never copied into it): the method and edge exist, every
 * parameter is one the edge takes (beyond Graph's own {@code access_token},
 * {@code appsecret_proof}, {@code fields}, {@code limit} and {@code after}), required ones are
 * present, values have the declared type, and {@code payload} and {@code session} have the shape
 * the users reference documents. A missing specs folder fails: it never skips.
 */
final class GraphSpec {
    private static final Set<String> GRAPH_PARAMS = Set.of("access_token", "appsecret_proof", "fields", "limit", "after");
    /** The multi-key schema keys of https://developers.facebook.com/docs/marketing-api/reference/custom-audience/users/ */
    private static final Set<String> SCHEMA_KEYS = Set.of("EXTERN_ID", "EMAIL", "PHONE", "GEN", "DOBY", "DOBM", "DOBD", "LN", "FN", "FI",
            "CT", "ST", "ZIP", "MADID", "COUNTRY");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode spec;
    private final Set<String> fields = new HashSet<>();

    private GraphSpec(JsonNode spec) {
        this.spec = spec;
        spec.path("fields").forEach(field -> fields.add(field.path("name").asText()));
    }

    static GraphSpec customAudience() {
        for (Path folder = Path.of(System.getProperty("user.dir")).toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve("shared/specs/meta/CustomAudience.json");
            if (Files.isRegularFile(candidate)) {
                try {
                    return new GraphSpec(JSON.readTree(candidate.toFile()));
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + candidate, e);
                }
            }
        }
        throw new IllegalStateException("shared/specs/meta/CustomAudience.json not found in any folder above " + System.getProperty("user.dir")
                + "; the repository must sit next to the shared specs folder");
    }

    /** Every problem of every request, each naming the request. */
    List<String> problems(List<GraphRequest> requests) {
        List<String> problems = new ArrayList<>();
        for (GraphRequest request : requests) {
            for (String problem : problems(request)) {
                problems.add(request.method() + " " + request.path() + ": " + problem);
            }
        }
        return problems;
    }

    List<String> problems(GraphRequest request) {
        List<String> problems = new ArrayList<>();
        String[] parts = request.path().split("/");
        List<String> path = List.of(parts).subList(Math.min(2, parts.length), parts.length);
        if (path.isEmpty()) {
            return List.of("no object in the path");
        }
        checkFields(request, problems);
        if (path.get(0).startsWith("act_")) {
            accountEdge(request, path, problems);
            return problems;
        }
        String edge = path.size() == 1 ? null : String.join("/", path.subList(1, path.size()));
        JsonNode api = null;
        for (JsonNode candidate : spec.path("apis")) {
            boolean sameEdge = edge == null ? !candidate.has("endpoint") || candidate.path("endpoint").isNull()
                    : edge.equals(candidate.path("endpoint").asText(null));
            if (sameEdge && request.method().equals(candidate.path("method").asText())) {
                api = candidate;
            }
        }
        if (api == null) {
            return List.of("CustomAudience.json has no " + request.method() + " on " + (edge == null ? "the node" : edge));
        }
        Set<String> known = new HashSet<>();
        for (JsonNode param : api.path("params")) {
            String name = param.path("name").asText();
            known.add(name);
            String value = request.params().get(name);
            if (value == null) {
                if (param.path("required").asBoolean(false)) {
                    problems.add("required parameter " + name + " missing");
                }
                continue;
            }
            String typeProblem = typeProblem(param.path("type").asText(), value);
            if (typeProblem != null) {
                problems.add(name + ": " + typeProblem);
            }
        }
        for (String name : request.params().keySet()) {
            if (!known.contains(name) && !GRAPH_PARAMS.contains(name)) {
                problems.add("parameter " + name + " is not one the edge takes");
            }
        }
        if ("users".equals(edge) || "usersreplace".equals(edge)) {
            problems.addAll(UsersPayload.problems(request.params(), "usersreplace".equals(edge), SCHEMA_KEYS));
        }
        return problems;
    }

    /** The account's customaudiences edge is the AdAccount's: its parameters must be CustomAudience fields. */
    private void accountEdge(GraphRequest request, List<String> path, List<String> problems) {
        if (path.size() == 1) {
            return;
        }
        if (!path.get(1).equals("customaudiences")) {
            problems.add("unexpected ad account edge " + path.get(1));
            return;
        }
        for (String name : request.params().keySet()) {
            if (!GRAPH_PARAMS.contains(name) && !fields.contains(name)) {
                problems.add("parameter " + name + " is not a CustomAudience field");
            }
        }
    }

    /** Audience reads may only ask for fields CustomAudience has. */
    private void checkFields(GraphRequest request, List<String> problems) {
        String asked = request.params().get("fields");
        if (asked == null || request.path().matches("/v[0-9.]+/act_[0-9]+")) {
            return;
        }
        for (String field : asked.split(",")) {
            if (!fields.contains(field)) {
                problems.add("field " + field + " is not a CustomAudience field");
            }
        }
    }

    private static String typeProblem(String type, String value) {
        try {
            switch (type) {
                case "Object":
                    return JSON.readTree(value).isObject() ? null : "must be a JSON object, got " + value;
                case "unsigned int":
                case "int":
                    return value.matches("-?[0-9]+") ? null : "must be a whole number, got " + value;
                case "bool":
                    return value.equals("true") || value.equals("false") ? null : "must be true or false, got " + value;
                default:
                    if (type.startsWith("list<")) {
                        return JSON.readTree(value).isArray() ? null : "must be a JSON list, got " + value;
                    }
                    return null;
            }
        } catch (IOException e) {
            return "must be JSON of type " + type + ", got " + value;
        }
    }
}
