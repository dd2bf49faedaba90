package dev.ownstack.destinations.marketo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Marketo instance on 127.0.0.1 that answers as Marketo documents
 * (https://developer.adobe.com/marketo-apis/api/mapi/, https://developer.adobe.com/marketo-apis/api/asset/,
 * https://developer.adobe.com/marketo-apis/api/identity/): the identity endpoint issues hour-long
 * tokens for the client credentials ({@link #CLIENT_ID}, {@link #CLIENT_SECRET}); every REST call
 * must carry its token as {@code Authorization: Bearer} (a token in the query string is ignored,
 * as Marketo now does, so the call fails with 600); failures are HTTP 200 with
 * {@code "success": false} and Marketo's codes: 600/601/602 for tokens, 606 above 100 calls in
 * 20 seconds, 615 above 10 calls at once, 612 for a wrong content type, 1003 for more than 300
 * records; per record, skipped results with Marketo's reasons (1003 invalid or missing value,
 * 1004 lead not found, 1005 lead exists, 1006 unknown field, 1015 lead not in list). Bodies over
 * 1 MB get HTTP 413. Leads know the standard fields in {@link #STANDARD_FIELDS} plus the custom
 * fields given. Thread-safe.
 */
public final class MarketoFake implements AutoCloseable {
    public static final String CLIENT_ID = "3b9a6ab6-fake-4c1d-client";
    public static final String CLIENT_SECRET = "fake-marketo-client-secret";
    /** The folder static lists are created in. */
    public static final long FOLDER_ID = 12;
    public static final Set<String> STANDARD_FIELDS = Set.of("email", "firstName", "lastName", "middleName", "salutation", "title",
            "company", "phone", "mobilePhone", "fax", "address", "city", "state", "country", "postalCode", "website", "industry",
            "numberOfEmployees", "annualRevenue", "leadSource", "leadStatus", "unsubscribed", "dateOfBirth", "externalCompanyId");
    static final int MAX_RECORDS = 300;
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(3600);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final MarketoFakeData data;
    private final MarketoFakeRoutes routes;
    private final Map<String, Instant> tokens = new HashMap<>();
    private final Set<String> expired = new LinkedHashSet<>();
    private final Deque<Instant> calls = new ArrayDeque<>();
    private final Deque<String[]> writeFaults = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicLong requestIds = new AtomicLong(0xe42b);
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** Leads with the standard fields only. */
    public MarketoFake() {
        this(Set.of());
    }

    /** Leads with the standard fields and these custom fields (all searchable). */
    public MarketoFake(Collection<String> customFields) {
        Set<String> fields = new LinkedHashSet<>(STANDARD_FIELDS);
        fields.addAll(customFields);
        Set<String> searchable = new LinkedHashSet<>(List.of("email", "id", "externalCompanyId"));
        searchable.addAll(customFields);
        this.data = new MarketoFakeData(fields, searchable);
        this.routes = new MarketoFakeRoutes(this, data);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Marketo fake", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Settings of a {@code marketo} destination that reach this fake with valid credentials. */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("munchkin-base-url", baseUrl());
        settings.put("client-id", CLIENT_ID);
        settings.put("client-secret", CLIENT_SECRET);
        settings.put("list-folder-id", FOLDER_ID);
        return settings;
    }

    /** Every lead: lead id → its fields. */
    public Map<String, Map<String, Object>> held() {
        return data.held();
    }

    /** The leads in the static list named after the sync: lower-cased email → fields. */
    public Map<String, Map<String, Object>> members(String sync) {
        return data.members(sync);
    }

    /** The lower-cased emails of the leads in the static list named after the sync. */
    public Set<String> memberEmails(String sync) {
        return Set.copyOf(data.members(sync).keySet());
    }

    /** Creates a static list (as a user would in Marketo); its id. */
    public long createList(String name) {
        return data.createList(name, FOLDER_ID).orElseThrow().path("id").asLong();
    }

    /** The next call that writes leads or list members answers 606 inside a 200, as Marketo's rate limit does. */
    public void throttleNextWrite() {
        failNextWrite("606", "Max rate limit '100' exceeded with in '20' secs");
    }

    /** The next call that writes leads or list members fails with this response-level error (607, 615, 611, ...). */
    public void failNextWrite(String code, String message) {
        synchronized (writeFaults) {
            writeFaults.add(new String[] {code, message});
        }
    }

    /** Every token issued so far expires: calls with it answer 602, the identity endpoint issues a new one. */
    public synchronized void expireCredentials() {
        expired.addAll(tokens.keySet());
        tokens.clear();
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Every request as {@code METHOD path?query}, in arrival order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
            byte[] body = read(exchange.getRequestBody());
            if (body == null) {
                send(exchange, 413, "text/html", "<html><body><h1>413 Request Entity Too Large</h1></body></html>");
                return;
            }
            if (path.equals("/identity/oauth/token")) {
                identity(exchange, body);
            } else if (path.startsWith("/rest/")) {
                rest(exchange, path, body);
            } else {
                send(exchange, 404, "text/html", "<html><body><h1>404 Not Found</h1></body></html>");
            }
        }
    }

    private void identity(HttpExchange exchange, byte[] body) throws IOException {
        Map<String, String> params = form(exchange.getRequestURI().getRawQuery());
        if (exchange.getRequestMethod().equals("POST")) {
            params.putAll(form(new String(body, StandardCharsets.UTF_8)));
        }
        if (!"client_credentials".equals(params.get("grant_type"))) {
            send(exchange, 400, "application/json", "{\"error\":\"unsupported_grant_type\",\"error_description\":\"Unsupported grant type: "
                    + params.get("grant_type") + "\"}");
            return;
        }
        if (!CLIENT_ID.equals(params.get("client_id")) || !CLIENT_SECRET.equals(params.get("client_secret"))) {
            send(exchange, 401, "application/json", "{\"error\":\"unauthorized\",\"error_description\":\"Bad client credentials\"}");
            return;
        }
        String token;
        long expiresIn;
        synchronized (this) {
            Instant now = Instant.now();
            tokens.values().removeIf(until -> !until.isAfter(now));
            // Marketo hands out the same token until it expires.
            token = tokens.keySet().stream().findFirst().orElse(null);
            if (token == null) {
                token = UUID.randomUUID() + ":ab";
                tokens.put(token, now.plus(TOKEN_LIFETIME));
                tokensIssued.incrementAndGet();
            }
            expiresIn = Duration.between(now, tokens.get(token)).toSeconds();
        }
        ObjectNode answer = MarketoFakeData.JSON.createObjectNode().put("access_token", token).put("token_type", "bearer")
                .put("expires_in", expiresIn).put("scope", "ownstack-api@fake.example");
        send(exchange, 200, "application/json", answer.toString());
    }

    private void rest(HttpExchange exchange, String path, byte[] body) throws IOException {
        String problem = authorize(exchange.getRequestHeaders().getFirst("Authorization"));
        if (problem != null) {
            answer(exchange, error(problem.substring(0, 3), problem.substring(5)));
            return;
        }
        if (inFlight.incrementAndGet() > 10) {
            inFlight.decrementAndGet();
            answer(exchange, error("615", "Concurrent access limit reached"));
            return;
        }
        try {
            if (!withinRate()) {
                answer(exchange, error("606", "Max rate limit '100' exceeded with in '20' secs"));
                return;
            }
            answer(exchange, routes.route(new MarketoFakeRoutes.Call(exchange.getRequestMethod(), path,
                    form(exchange.getRequestURI().getRawQuery()), exchange.getRequestHeaders().getFirst("Content-Type"), body)));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Why a REST call's Authorization header is refused, as {@code "<code>: <message>"}, or null. */
    private synchronized String authorize(String header) {
        if (header == null || !header.startsWith("Bearer ") || header.length() <= "Bearer ".length()) {
            return "600: Access token not specified";
        }
        String token = header.substring("Bearer ".length()).trim();
        if (expired.contains(token)) {
            return "602: Access token expired";
        }
        Instant until = tokens.get(token);
        if (until == null) {
            return "601: Access token invalid";
        }
        if (!until.isAfter(Instant.now())) {
            return "602: Access token expired";
        }
        return null;
    }

    private synchronized boolean withinRate() {
        Instant now = Instant.now();
        while (!calls.isEmpty() && calls.peekFirst().isBefore(now.minusSeconds(20))) {
            calls.removeFirst();
        }
        calls.addLast(now);
        return calls.size() <= 100;
    }

    /** The scripted failure of the next write, if any. */
    ObjectNode writeFault() {
        synchronized (writeFaults) {
            String[] fault = writeFaults.pollFirst();
            return fault == null ? null : error(fault[0], fault[1]);
        }
    }

    ObjectNode success(JsonNode result) {
        ObjectNode answer = MarketoFakeData.JSON.createObjectNode().put("requestId", requestId());
        if (result != null) {
            answer.set("result", result);
        }
        return answer.put("success", true);
    }

    ObjectNode error(String code, String message) {
        ObjectNode answer = MarketoFakeData.JSON.createObjectNode().put("requestId", requestId()).put("success", false);
        ArrayNode errors = answer.putArray("errors");
        errors.addObject().put("code", code).put("message", message);
        return answer;
    }

    private String requestId() {
        return Long.toHexString(requestIds.incrementAndGet()) + "#" + Long.toHexString(System.currentTimeMillis());
    }

    private static void answer(HttpExchange exchange, ObjectNode body) throws IOException {
        send(exchange, 200, "application/json;charset=UTF-8", body.toString());
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The body, or null when it is over Marketo's 1 MB. */
    private static byte[] read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        in.transferTo(OutputStream.nullOutputStream());
        return bytes.length > MAX_BODY_BYTES ? null : bytes;
    }

    /** Form or query parameters; a repeated name keeps its values comma-joined. */
    static Map<String, String> form(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            params.merge(name, value, (a, b) -> a + "," + b);
        }
        return params;
    }

    static List<String> split(String values) {
        List<String> list = new ArrayList<>();
        for (String value : values.split(",")) {
            if (!value.isBlank()) {
                list.add(value.trim());
            }
        }
        return list;
    }
}
