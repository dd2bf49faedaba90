package dev.ownstack.destinations.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A HubSpot portal on 127.0.0.1 for tests: the contacts batch calls (upsert, read, update), the
 * contact property definitions, and contact lists (find by name, create, read, membership add
 * and remove), answering in HubSpot's formats. Every request must carry the portal's private
 * app token as {@code Authorization: Bearer}; bodies must be JSON. Faults: the next write is
 * throttled with HubSpot's 429 (body and {@code X-HubSpot-RateLimit-*} headers), the token can
 * expire (401 {@code EXPIRED_AUTHENTICATION}), and inputs with an invalid email get HubSpot's
 * 207 per-input error. Every request is kept, for validation against HubSpot's specs.
 * Thread-safe: requests are served one at a time.
 */
public final class HubSpotFake implements AutoCloseable {
    /** The request limit per rolling ten seconds the fake reports in X-HubSpot-RateLimit-Max (Free and Starter portals). */
    public static final int TEN_SECOND_LIMIT = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PROPERTY = Pattern.compile("/crm/v3/properties/contacts/([^/]+)");
    private static final Pattern LIST_BY_NAME = Pattern.compile("/crm/v3/lists/object-type-id/([^/]+)/name/([^/]+)");
    private static final Pattern LIST = Pattern.compile("/crm/v3/lists/([0-9]+)");
    private static final Pattern MEMBERSHIPS = Pattern.compile("/crm/v3/lists/([0-9]+)/memberships/(add|remove)");

    /**
     * One request as received.
     *
     * @param body the body as sent, empty for none
     */
    public record Request(String method, String path, String body) {
    }

    private record FakeList(String id, String name, String processingType, Set<String> members, Instant createdAt) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final String token = "pat-na1-" + UUID.randomUUID();
    private final FakeContacts contacts = new FakeContacts();
    private final Map<String, FakeList> lists = new LinkedHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private long nextListId = 11;
    private boolean expired;
    private boolean throttleNext;

    /** Starts the portal with HubSpot's default contact properties. */
    public HubSpotFake() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the HubSpot fake", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String accessToken() {
        return token;
    }

    /** Destination settings, as in {@code ownstack.yml}, that reach this portal with a valid token. */
    public Map<String, Object> settings() {
        return Map.of("access-token", token, "api-base-url", baseUrl());
    }

    /** Defines a custom contact property; a unique one ({@code hasUniqueValue}) can identify contacts. */
    public synchronized void defineProperty(String name, boolean unique) {
        contacts.define(name, unique);
    }

    /** Every contact: HubSpot id → its properties with a value. */
    public synchronized Map<String, Map<String, Object>> held() {
        Map<String, Map<String, Object>> held = new TreeMap<>();
        contacts.all().forEach((id, values) -> held.put(id, new TreeMap<>(values)));
        return held;
    }

    /** The contacts in the list named {@code listName} (case ignored): HubSpot id → properties; empty without such a list. */
    public synchronized Map<String, Map<String, Object>> members(String listName) {
        Map<String, Map<String, Object>> all = held();
        Map<String, Map<String, Object>> members = new TreeMap<>();
        FakeList list = byName(listName);
        if (list != null) {
            list.members().forEach(id -> members.put(id, all.get(id)));
        }
        return members;
    }

    /** The lower-cased emails of the contacts now in the list named after the sync. */
    public synchronized Set<String> memberEmails(String sync) {
        Set<String> emails = new TreeSet<>();
        members(sync).values().forEach(values -> {
            Object email = values.get("email");
            if (email != null) {
                emails.add(String.valueOf(email).toLowerCase(Locale.ROOT));
            }
        });
        return emails;
    }

    /** The names of the portal's lists. */
    public synchronized List<String> listNames() {
        return lists.values().stream().map(FakeList::name).toList();
    }

    /** Creates a list as a user would in HubSpot; returns its ILS id. */
    public synchronized String createList(String name, String processingType) {
        String id = Long.toString(nextListId++);
        lists.put(id, new FakeList(id, name, processingType, new LinkedHashSet<>(), Instant.now()));
        return id;
    }

    /** Deletes a list, as a user may in HubSpot; returns whether there was one of that name. */
    public synchronized boolean deleteList(String name) {
        FakeList list = byName(name);
        return list != null && lists.remove(list.id()) != null;
    }

    /** The next request that writes (batch upsert or update, list create, membership change) is answered 429. */
    public synchronized void throttleNextWrite() {
        throttleNext = true;
    }

    /** The token expires: every later request is answered 401, as HubSpot answers an expired token. */
    public synchronized void expireToken() {
        expired = true;
    }

    /** Every request so far, in order. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            int status;
            JsonNode body;
            synchronized (this) {
                requests.add(new Request(method, path, new String(raw, StandardCharsets.UTF_8)));
                FakeContacts.Answer answer = answer(exchange, method, path, raw, headers);
                status = answer.status();
                body = answer.body();
            }
            byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("content-type", "application/json;charset=utf-8");
            headers.forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } finally {
            exchange.close();
        }
    }

    private FakeContacts.Answer answer(HttpExchange exchange, String method, String path, byte[] raw, Map<String, String> headers) {
        String authorization = exchange.getRequestHeaders().getFirst("authorization");
        if (authorization == null || !authorization.equals("Bearer " + token)) {
            return new FakeContacts.Answer(401, error("INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports OAuth 2.0"
                    + " authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview"));
        }
        if (expired) {
            return new FakeContacts.Answer(401, error("EXPIRED_AUTHENTICATION", "The OAuth token used to make this call expired 1 second(s) ago."));
        }
        boolean write = method.equals("PUT") || method.equals("POST") && !path.endsWith("/batch/read");
        if (write && throttleNext) {
            throttleNext = false;
            headers.put("X-HubSpot-RateLimit-Interval-Milliseconds", "10000");
            headers.put("X-HubSpot-RateLimit-Max", Integer.toString(TEN_SECOND_LIMIT));
            headers.put("X-HubSpot-RateLimit-Remaining", "0");
            ObjectNode body = JSON.createObjectNode().put("status", "error").put("message", "You have reached your ten_secondly_rolling limit.")
                    .put("errorType", "RATE_LIMIT").put("correlationId", UUID.randomUUID().toString())
                    .put("policyName", "TEN_SECONDLY_ROLLING").put("groupName", "api-calls-private-app");
            return new FakeContacts.Answer(429, body);
        }
        JsonNode body = null;
        if (method.equals("POST") || method.equals("PUT")) {
            String type = exchange.getRequestHeaders().getFirst("content-type");
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                return new FakeContacts.Answer(415, error("VALIDATION_ERROR", "Content type '" + type + "' not supported"));
            }
            try {
                body = JSON.readTree(raw);
            } catch (IOException e) {
                return new FakeContacts.Answer(400, error("VALIDATION_ERROR", "Invalid input JSON on line 1: " + e.getMessage()));
            }
        }
        return route(method, path, body);
    }

    private FakeContacts.Answer route(String method, String path, JsonNode body) {
        String route = method + " " + path;
        switch (route) {
            case "POST /crm/v3/objects/contacts/batch/upsert":
                return contacts.upsert(body);
            case "POST /crm/v3/objects/contacts/batch/read":
                return contacts.read(body);
            case "POST /crm/v3/objects/contacts/batch/update":
                return contacts.update(body);
            case "POST /crm/v3/lists":
                return createList(body);
            default:
                break;
        }
        Matcher matcher = PROPERTY.matcher(path);
        if (method.equals("GET") && matcher.matches()) {
            return property(decode(matcher.group(1)));
        }
        matcher = LIST_BY_NAME.matcher(path);
        if (method.equals("GET") && matcher.matches()) {
            FakeList list = decode(matcher.group(1)).equals("0-1") ? byName(decode(matcher.group(2))) : null;
            return list == null ? new FakeContacts.Answer(404, error("OBJECT_NOT_FOUND", "List does not exist with name "
                    + decode(matcher.group(2)) + ".")) : listAnswer(list);
        }
        matcher = LIST.matcher(path);
        if (method.equals("GET") && matcher.matches()) {
            FakeList list = lists.get(matcher.group(1));
            return list == null ? noList(matcher.group(1)) : listAnswer(list);
        }
        matcher = MEMBERSHIPS.matcher(path);
        if (method.equals("PUT") && matcher.matches()) {
            return membership(matcher.group(1), matcher.group(2).equals("add"), body);
        }
        return new FakeContacts.Answer(404, error("NOT_FOUND", "No route for " + route));
    }

    private FakeContacts.Answer property(String name) {
        if (!contacts.exists(name)) {
            return new FakeContacts.Answer(404, error("OBJECT_NOT_FOUND", "Unable to find property " + name + " for object type 0-1"));
        }
        ObjectNode definition = JSON.createObjectNode().put("name", name).put("label", name).put("type", "string").put("fieldType", "text")
                .put("groupName", "contactinformation").put("hasUniqueValue", contacts.definedUnique(name)).put("hidden", false)
                .put("calculated", false).put("externalOptions", false).put("formField", true);
        definition.putArray("options");
        return new FakeContacts.Answer(200, definition);
    }

    private FakeContacts.Answer createList(JsonNode body) {
        String name = body.path("name").asText("");
        String type = body.path("processingType").asText("");
        if (name.isBlank() || !body.path("objectTypeId").isTextual() || !List.of("MANUAL", "SNAPSHOT", "DYNAMIC").contains(type)) {
            return new FakeContacts.Answer(400, error("VALIDATION_ERROR", "name, objectTypeId and a processingType of MANUAL, SNAPSHOT or DYNAMIC are required"));
        }
        if (byName(name) != null) {
            return new FakeContacts.Answer(400, error("VALIDATION_ERROR", "A list named " + name + " already exists."));
        }
        return listAnswer(lists.get(createList(name, type)));
    }

    private FakeContacts.Answer membership(String listId, boolean add, JsonNode body) {
        FakeList list = lists.get(listId);
        if (list == null) {
            return noList(listId);
        }
        if (list.processingType().equals("DYNAMIC")) {
            return new FakeContacts.Answer(400, error("VALIDATION_ERROR", "List " + listId + " is DYNAMIC; memberships can only be changed for MANUAL or SNAPSHOT lists."));
        }
        if (body == null || !body.isArray()) {
            return new FakeContacts.Answer(400, error("VALIDATION_ERROR", "Invalid input JSON: expected an array of record ids"));
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode missing = answer.putArray("recordIdsMissing");
        ArrayNode removed = answer.putArray("recordIdsRemoved");
        ArrayNode added = answer.putArray("recordsIdsAdded");
        for (JsonNode item : body) {
            String id = item.asText();
            if (!contacts.has(id)) {
                missing.add(id);
            } else if (add && list.members().add(id)) {
                added.add(id);
            } else if (!add && list.members().remove(id)) {
                removed.add(id);
            }
        }
        return new FakeContacts.Answer(200, answer);
    }

    private FakeList byName(String name) {
        return lists.values().stream().filter(list -> list.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    private static FakeContacts.Answer listAnswer(FakeList list) {
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("list").put("listId", list.id()).put("listVersion", 1).put("name", list.name()).put("objectTypeId", "0-1")
                .put("processingStatus", "COMPLETE").put("processingType", list.processingType())
                .put("createdAt", list.createdAt().toString()).put("updatedAt", list.createdAt().toString()).put("size", list.members().size());
        return new FakeContacts.Answer(200, answer);
    }

    private static FakeContacts.Answer noList(String id) {
        return new FakeContacts.Answer(404, error("OBJECT_NOT_FOUND", "List " + id + " does not exist."));
    }

    /** HubSpot's error body (https://developers.hubspot.com/docs/guides/api/error-handling). */
    static ObjectNode error(String category, String message) {
        return JSON.createObjectNode().put("status", "error").put("message", message)
                .put("correlationId", UUID.randomUUID().toString()).put("category", category);
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "HubSpotFake[" + baseUrl() + "]";
    }
}
