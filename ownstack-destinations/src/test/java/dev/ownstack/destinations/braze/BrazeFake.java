package dev.ownstack.destinations.braze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Braze REST endpoint on 127.0.0.1 serving {@code POST /users/track} and
 * {@code POST /users/export/ids} the way Braze documents them
 * (https://www.braze.com/docs/api/endpoints/user_data/post_user_track/,
 * https://www.braze.com/docs/api/endpoints/export/user_data/post_users_identifier/,
 * https://www.braze.com/docs/api/errors/, https://www.braze.com/docs/api/api_limits/):
 * {@code Authorization: Bearer} with its REST API key (401 otherwise), a JSON body, at most 75
 * objects per array of a track request and 50 external ids per export, one identifier per
 * attributes object, valid emails, phone numbers and profile field types. An invalid object is
 * answered as Braze does, inside a 201 {@code {"message":"success","errors":[{"type":...,
 * "input_array":"attributes","index":N}]}}, or in a 400 when no object of the request is valid.
 * A null removes an attribute; {@code _update_existing_only} drops objects for unknown users
 * without an error, as Braze does; {@code subscription_groups} inside an attributes object sets
 * the user's state in each group. Every answer carries {@code X-RateLimit-*} headers.
 *
 * <p>The email error's wording is Braze's own; the other validation errors follow its pattern.
 * Braze does not document the body of a 429 or a 401, so those are short messages. Thread-safe.
 */
public final class BrazeFake implements AutoCloseable {
    public static final String INVALID_EMAIL = "The value provided for the 'email' field is not a valid email.";
    public static final String NO_IDENTIFIER = "'external_id' or 'braze_id' or 'user_alias' is required";
    static final String NO_VALID_DATA = "Valid data must be provided in the 'attributes', 'events', or 'purchases' fields.";
    private static final int RATE_LIMIT = 3_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One user profile: its identifiers, attributes (standard and custom) and subscription group states. */
    private static final class Profile {
        final String brazeId = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        String externalId;
        String aliasLabel;
        String aliasName;
        final Map<String, Object> attributes = new LinkedHashMap<>();
        final Map<String, String> subscriptions = new TreeMap<>();
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final List<Profile> profiles = new ArrayList<>();
    private final List<JsonNode> trackRequests = new ArrayList<>();
    private final AtomicBoolean throttleNext = new AtomicBoolean();
    private volatile String apiKey = "rest-" + UUID.randomUUID();

    public BrazeFake() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Braze fake", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Raw destination settings, as in {@code ownstack.yml}, that reach this fake with a valid key. */
    public Map<String, Object> settings() {
        return Map.of("api-key", apiKey, "rest-endpoint", baseUrl());
    }

    /** Every profile, by external id (else its email, else its alias name), with its attributes. */
    public Map<String, Map<String, Object>> held() {
        synchronized (profiles) {
            Map<String, Map<String, Object>> held = new TreeMap<>();
            for (Profile profile : profiles) {
                String key = profile.externalId != null ? profile.externalId
                        : profile.aliasName != null ? profile.aliasName : String.valueOf(profile.attributes.get("email"));
                held.put(key, new LinkedHashMap<>(profile.attributes));
            }
            return held;
        }
    }

    /** The profiles whose audience attribute for {@code sync} ({@code ownstack_<sync>}) is true, without that attribute. */
    public Map<String, Map<String, Object>> members(String sync) {
        return membersBy(BrazeSettings.attributeFor(sync));
    }

    /** The profiles whose boolean custom attribute {@code attribute} is true, without that attribute. */
    public Map<String, Map<String, Object>> membersBy(String attribute) {
        Map<String, Map<String, Object>> members = new TreeMap<>();
        held().forEach((key, attributes) -> {
            if (Boolean.TRUE.equals(attributes.remove(attribute))) {
                members.put(key, attributes);
            }
        });
        return members;
    }

    /** The lower-cased emails of the members of {@code sync}'s audience. */
    public Set<String> memberEmails(String sync) {
        Set<String> emails = new TreeSet<>();
        members(sync).values().forEach(attributes -> {
            if (attributes.get("email") instanceof String email) {
                emails.add(email.toLowerCase(Locale.ROOT));
            }
        });
        return emails;
    }

    /** The state of the user with {@code externalId} in the subscription group, if it was ever set. */
    public Optional<String> subscriptionState(String groupId, String externalId) {
        synchronized (profiles) {
            return profiles.stream().filter(profile -> externalId.equals(profile.externalId)).findFirst()
                    .map(profile -> profile.subscriptions.get(groupId));
        }
    }

    /** The bodies of the {@code /users/track} requests that passed authentication, in arrival order. */
    public List<JsonNode> trackRequests() {
        synchronized (trackRequests) {
            return List.copyOf(trackRequests);
        }
    }

    /** The next {@code /users/track} request is answered 429 with the rate-limit headers of an exhausted window. */
    public void throttleNextWrite() {
        throttleNext.set(true);
    }

    /** The REST API key is deleted in the dashboard: requests with it are answered 401 from now on. */
    public void revokeApiKey() {
        apiKey = "rest-" + UUID.randomUUID();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/users/track") && !path.equals("/users/export/ids")) {
                answer(exchange, 404, Map.of("message", "Not Found"));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                answer(exchange, 405, Map.of("message", "Method Not Allowed"));
                return;
            }
            if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, Map.of("message", "Invalid API key"));
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                answer(exchange, 400, Map.of("message", "Bad Request", "errors", List.of("Content-Type must be application/json")));
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            } catch (IOException e) {
                answer(exchange, 400, Map.of("message", "Bad Request", "errors", List.of("the body is not JSON")));
                return;
            }
            if (body == null || !body.isObject()) {
                answer(exchange, 400, Map.of("message", "Bad Request", "errors", List.of("the body is not a JSON object")));
                return;
            }
            if (path.equals("/users/track")) {
                track(exchange, body);
            } else {
                exportIds(exchange, body);
            }
        }
    }

    private void track(HttpExchange exchange, JsonNode body) throws IOException {
        synchronized (trackRequests) {
            trackRequests.add(body);
        }
        if (throttleNext.getAndSet(false)) {
            exchange.getResponseHeaders().set("X-RateLimit-Limit", Integer.toString(RATE_LIMIT));
            exchange.getResponseHeaders().set("X-RateLimit-Remaining", "0");
            exchange.getResponseHeaders().set("X-RateLimit-Reset", Long.toString(Instant.now().getEpochSecond() + 1));
            send(exchange, 429, Map.of("message", "Rate limit exceeded"));
            return;
        }
        for (String array : List.of("attributes", "events", "purchases")) {
            if (body.has(array) && (!body.get(array).isArray() || body.get(array).size() > BrazeDestinationFactory.MAX_ATTRIBUTES_PER_REQUEST)) {
                answer(exchange, 400, Map.of("message", body.get(array).isArray() ? "Max Input Length Exceeded" : array + " must be an array"));
                return;
            }
        }
        JsonNode attributes = body.path("attributes");
        List<Map<String, Object>> errors = new ArrayList<>();
        int processed = 0;
        synchronized (profiles) {
            for (int index = 0; index < attributes.size(); index++) {
                String error = BrazeAttributesCheck.problem(attributes.get(index));
                if (error != null) {
                    errors.add(Map.of("type", error, "input_array", "attributes", "index", index));
                } else {
                    apply((ObjectNode) attributes.get(index));
                    processed++;
                }
            }
        }
        if (processed == 0) {
            answer(exchange, 400, Map.of("message", NO_VALID_DATA, "errors", errors));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("attributes_processed", processed);
        answer.put("message", "success");
        if (!errors.isEmpty()) {
            answer.put("errors", errors);
        }
        answer(exchange, 201, answer);
    }

    private void exportIds(HttpExchange exchange, JsonNode body) throws IOException {
        JsonNode ids = body.path("external_ids");
        if (ids.size() > 50) {
            answer(exchange, 400, Map.of("message", "The max number of external_ids and aliases per request was exceeded"));
            return;
        }
        if (!body.path("fields_to_export").isArray() || body.path("fields_to_export").isEmpty()) {
            answer(exchange, 400, Map.of("message", "fields_to_export is required"));
            return;
        }
        List<Map<String, Object>> users = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        synchronized (profiles) {
            for (JsonNode id : ids) {
                Profile profile = byExternalId(id.asText());
                if (profile == null) {
                    invalid.add(id.asText());
                } else {
                    users.add(Map.of("external_id", profile.externalId, "braze_id", profile.brazeId));
                }
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("users", users);
        if (!invalid.isEmpty()) {
            answer.put("invalid_user_ids", invalid);
        }
        answer.put("message", "success");
        answer(exchange, 201, answer);
    }

    /** Applies a valid attributes object to its profile, creating it unless the object only updates. */
    private void apply(ObjectNode object) {
        boolean aliasOnly = !object.has("external_id") && object.has("user_alias");
        boolean updateOnly = object.path("_update_existing_only").asBoolean(aliasOnly);
        Profile profile = find(object);
        if (profile == null) {
            if (updateOnly) {
                return;
            }
            profile = new Profile();
            profile.externalId = object.path("external_id").textValue();
            if (object.has("user_alias")) {
                profile.aliasName = object.path("user_alias").path("alias_name").asText();
                profile.aliasLabel = object.path("user_alias").path("alias_label").asText();
            }
            profiles.add(profile);
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case "external_id", "braze_id", "user_alias", "_update_existing_only", "push_token_import" -> {
                }
                case "subscription_groups" -> {
                    for (JsonNode group : value) {
                        profile.subscriptions.put(group.get("subscription_group_id").asText(), group.get("subscription_state").asText());
                    }
                }
                default -> {
                    if (value.isNull()) {
                        profile.attributes.remove(name);
                    } else {
                        profile.attributes.put(name, JSON.convertValue(value, Object.class));
                    }
                }
            }
        }
    }

    private Profile find(JsonNode object) {
        if (object.path("external_id").isTextual()) {
            return byExternalId(object.get("external_id").asText());
        }
        if (object.path("braze_id").isTextual()) {
            return profiles.stream().filter(profile -> profile.brazeId.equals(object.get("braze_id").asText())).findFirst().orElse(null);
        }
        if (object.has("user_alias")) {
            String label = object.path("user_alias").path("alias_label").asText();
            String name = object.path("user_alias").path("alias_name").asText();
            return profiles.stream().filter(profile -> label.equals(profile.aliasLabel) && name.equals(profile.aliasName))
                    .findFirst().orElse(null);
        }
        // By email or phone, Braze prefers a profile with an external id (https://www.braze.com/docs/api/endpoints/user_data/post_user_track/).
        String field = object.path("email").isTextual() ? "email" : "phone";
        String value = object.path(field).asText();
        Profile found = null;
        for (Profile profile : profiles) {
            if (value.equals(profile.attributes.get(field)) && (found == null || found.externalId == null && profile.externalId != null)) {
                found = profile;
            }
        }
        return found;
    }

    private Profile byExternalId(String externalId) {
        return profiles.stream().filter(profile -> externalId.equals(profile.externalId)).findFirst().orElse(null);
    }

    /** Answers with the rate-limit headers Braze sends on every answer. */
    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        exchange.getResponseHeaders().set("X-RateLimit-Limit", Integer.toString(RATE_LIMIT));
        exchange.getResponseHeaders().set("X-RateLimit-Remaining", Integer.toString(RATE_LIMIT - 1));
        exchange.getResponseHeaders().set("X-RateLimit-Reset", Long.toString(Instant.now().getEpochSecond() + 3));
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
