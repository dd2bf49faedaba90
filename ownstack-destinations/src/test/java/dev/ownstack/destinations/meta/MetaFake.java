package dev.ownstack.destinations.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local Graph API for the Custom Audiences calls: the ad account, its {@code customaudiences}
 * (list, paged with cursors, and create), an audience node, and its {@code users} (POST adds,
 * DELETE removes) and {@code usersreplace} edges. It checks {@code access_token} and
 * {@code appsecret_proof} on every call, the version in the path, form-encoded writes, at most
 * 10,000 rows per call, the multi-key schema and rows of its length, and that hashed keys hold
 * SHA-256 lower-case hex (other values are counted as invalid entries, as Meta does); errors are
 * Graph's: HTTP 400 with {@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}},
 * throttling included. Like an app with "Require App Secret" on, it insists on
 * {@code appsecret_proof}. It holds hashed rows only. Thread-safe.
 */
public final class MetaFake implements AutoCloseable {
    public static final String TOKEN = "EAAGfakeSystemUserToken0123456789";
    public static final String APP_SECRET = "fake-app-secret-0123456789abcdef";
    public static final String AD_ACCOUNT = "1234567890";
    public static final int MAX_ROWS = 10_000;
    static final Set<String> KEYS = Set.of("EXTERN_ID", "EMAIL", "PHONE", "GEN", "DOBY", "DOBM", "DOBD", "LN", "FN", "FI", "CT", "ST", "ZIP",
            "MADID", "COUNTRY");
    private static final Set<String> PLAIN_KEYS = Set.of("EXTERN_ID", "MADID");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Object lock = new Object();
    private final Map<String, FakeAudience> audiences = new LinkedHashMap<>();
    private final List<GraphRequest> requests = new ArrayList<>();
    private boolean expired;
    private int throttleCode;
    private long nextId = 23_850_000_000_001L;
    private long trace;

    public MetaFake() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Settings of a {@code meta-audiences} destination that reach this fake with valid credentials. */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("ad-account-id", "act_" + AD_ACCOUNT);
        settings.put("access-token", TOKEN);
        settings.put("app-secret", APP_SECRET);
        settings.put("api-base-url", baseUrl());
        settings.put("default-country", "US");
        return settings;
    }

    /** Every audience's rows: {@code <audience name>/<EXTERN_ID, else the row's first value>} → lower-case key → value as held. */
    public Map<String, Map<String, Object>> held() {
        Map<String, Map<String, Object>> held = new TreeMap<>();
        synchronized (lock) {
            for (FakeAudience audience : audiences.values()) {
                for (Map<String, String> row : audience.rows()) {
                    Map<String, Object> fields = new TreeMap<>();
                    row.forEach((key, value) -> fields.put(key.toLowerCase(java.util.Locale.ROOT), value));
                    String id = row.containsKey("EXTERN_ID") ? row.get("EXTERN_ID") : new TreeMap<>(row).firstEntry().getValue();
                    held.put(audience.name + "/" + id, fields);
                }
            }
        }
        return held;
    }

    /** The rows of the audience named after {@code sync}: schema key → value, blanks left out. */
    public List<Map<String, String>> rows(String sync) {
        synchronized (lock) {
            return audiences.values().stream().filter(audience -> audience.name.equals(sync)).findFirst()
                    .map(FakeAudience::rows).orElse(List.of());
        }
    }

    /** The SHA-256 hex of the emails in the audience named after {@code sync}: Meta holds hashes only. */
    public Set<String> memberEmails(String sync) {
        Set<String> emails = new TreeSet<>();
        rows(sync).forEach(row -> {
            if (row.containsKey("EMAIL")) {
                emails.add(row.get("EMAIL"));
            }
        });
        return emails;
    }

    /** Every request received, in order. */
    public List<GraphRequest> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /** An audience made outside the destination (for pinning its id); returns the id. */
    public String createAudience(String name) {
        synchronized (lock) {
            String id = Long.toString(nextId++);
            audiences.put(id, new FakeAudience(id, name, "USER_PROVIDED_ONLY"));
            return id;
        }
    }

    /** The next users or usersreplace call is throttled with code 80003 (custom audience rate limit) inside a 400. */
    public void throttleNextWrite() {
        throttleNextWrite(80_003);
    }

    /** The next users or usersreplace call is throttled with this rate-limit code (4, 17, 613, 80003...) inside a 400. */
    public void throttleNextWrite(int code) {
        synchronized (lock) {
            throttleCode = code;
        }
    }

    /** The token expires: every later call answers code 190, subcode 463. System user tokens do not refresh. */
    public void expireToken() {
        synchronized (lock) {
            expired = true;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            GraphAnswer answer;
            try {
                GraphRequest request = read(exchange);
                synchronized (lock) {
                    requests.add(request);
                    answer = route(request);
                }
            } catch (IllegalArgumentException malformed) {
                answer = error(100, 0, "OAuthException", "(#100) " + malformed.getMessage());
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.getResponseHeaders().set("content-type", "application/json; charset=UTF-8");
            byte[] body = JSON.writeValueAsBytes(answer.body());
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static GraphRequest read(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> params = new LinkedHashMap<>(parse(exchange.getRequestURI().getRawQuery()));
        String contentType = exchange.getRequestHeaders().getFirst("content-type");
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if (body.length > 0) {
                if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
                    throw new IllegalArgumentException("this fake takes form-encoded parameters, got content type " + contentType);
                }
                params.putAll(parse(new String(body, StandardCharsets.UTF_8)));
            }
        }
        return new GraphRequest(method, path, contentType == null ? "" : contentType, params);
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return params;
        }
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            params.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private GraphAnswer route(GraphRequest request) {
        String[] parts = request.path().split("/");
        if (parts.length < 3 || !parts[1].matches("v[0-9]+\\.[0-9]+")) {
            return error(2635, 0, "OAuthException", "(#2635) You are calling a deprecated or unknown version of the API: " + request.path());
        }
        GraphAnswer denied = authenticate(request.params());
        if (denied != null) {
            return denied;
        }
        List<String> path = List.of(parts).subList(2, parts.length);
        String method = request.method();
        String account = "act_" + AD_ACCOUNT;
        if (path.equals(List.of(account)) && method.equals("GET")) {
            return ok(JSON.createObjectNode().put("id", account).put("name", "Fake ad account").put("account_status", 1));
        }
        if (path.size() == 2 && path.get(0).equals(account) && path.get(1).equals("customaudiences")) {
            if (method.equals("GET")) {
                return list(request.params());
            }
            if (method.equals("POST")) {
                return create(request.params());
            }
        }
        FakeAudience audience = audiences.get(path.get(0));
        if (audience != null && path.size() == 1 && method.equals("GET")) {
            return ok(JSON.createObjectNode().put("id", audience.id).put("name", audience.name));
        }
        if (audience != null && path.size() == 2 && path.get(1).equals("users") && (method.equals("POST") || method.equals("DELETE"))) {
            return throttled().orElseGet(() -> FakeUpload.users(audience, method.equals("POST"), request.params(), this));
        }
        if (audience != null && path.size() == 2 && path.get(1).equals("usersreplace") && method.equals("POST")) {
            return throttled().orElseGet(() -> FakeUpload.replace(audience, request.params(), this));
        }
        return error(100, 33, "GraphMethodException", "Unsupported " + method.toLowerCase(java.util.Locale.ROOT) + " request. Object with ID '"
                + path.get(0) + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation.");
    }

    private GraphAnswer authenticate(Map<String, String> params) {
        String token = params.get("access_token");
        if (token == null || token.isEmpty()) {
            return error(2500, 0, "OAuthException", "An active access token must be used to query information about the current user.");
        }
        if (!token.equals(TOKEN)) {
            return error(190, 0, "OAuthException", "Invalid OAuth access token - Cannot parse access token");
        }
        if (expired) {
            return error(190, 463, "OAuthException", "Error validating access token: Session has expired on Thursday, 26-Nov-26 09:00:00 PST.");
        }
        String proof = params.get("appsecret_proof");
        if (proof == null) {
            return error(100, 0, "GraphMethodException", "API calls from the server require an appsecret_proof argument");
        }
        if (!proof.equals(GraphApi.appSecretProof(APP_SECRET, token))) {
            return error(100, 0, "GraphMethodException", "Invalid appsecret_proof provided in the API argument");
        }
        return null;
    }

    private GraphAnswer list(Map<String, String> params) {
        int limit = Integer.parseInt(params.getOrDefault("limit", "25"));
        List<FakeAudience> all = new ArrayList<>(audiences.values());
        int from = params.containsKey("after") ? Integer.parseInt(params.get("after")) : 0;
        int to = Math.min(all.size(), from + limit);
        ObjectNode page = JSON.createObjectNode();
        ArrayNode data = page.putArray("data");
        for (FakeAudience audience : all.subList(Math.min(from, all.size()), to)) {
            data.addObject().put("name", audience.name).put("id", audience.id);
        }
        ObjectNode paging = page.putObject("paging");
        paging.putObject("cursors").put("before", Integer.toString(from)).put("after", Integer.toString(to));
        if (to < all.size()) {
            paging.put("next", baseUrl() + "/v25.0/act_" + AD_ACCOUNT + "/customaudiences?limit=" + limit + "&after=" + to);
        }
        return ok(page);
    }

    private GraphAnswer create(Map<String, String> params) {
        String name = params.get("name");
        if (name == null || name.isBlank()) {
            return error(100, 1870040, "OAuthException", "(#100) The parameter name is required");
        }
        if (!"CUSTOM".equals(params.get("subtype"))) {
            return error(100, 0, "OAuthException", "(#100) Param subtype must be CUSTOM for a customer list audience");
        }
        String source = params.get("customer_file_source");
        if (!Set.of("USER_PROVIDED_ONLY", "PARTNER_PROVIDED_ONLY", "BOTH_USER_AND_PARTNER_PROVIDED").contains(source)) {
            return error(100, 0, "OAuthException", "(#100) customer_file_source must be one of USER_PROVIDED_ONLY, PARTNER_PROVIDED_ONLY,"
                    + " BOTH_USER_AND_PARTNER_PROVIDED");
        }
        String id = Long.toString(nextId++);
        audiences.put(id, new FakeAudience(id, name, source));
        return ok(JSON.createObjectNode().put("id", id));
    }

    private java.util.Optional<GraphAnswer> throttled() {
        if (throttleCode == 0) {
            return java.util.Optional.empty();
        }
        int code = throttleCode;
        throttleCode = 0;
        String message = code == 17 ? "User request limit reached" : "(#" + code + ") There have been too many calls to this ad-account."
                + " Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.";
        GraphAnswer answer = error(code, code == 17 ? 2446079 : 0, "OAuthException", message);
        String usage = "{\"" + AD_ACCOUNT + "\":[{\"type\":\"custom_audience\",\"call_count\":100,\"total_cputime\":12,\"total_time\":31,"
                + "\"estimated_time_to_regain_access\":2}]}";
        return java.util.Optional.of(new GraphAnswer(answer.status(), answer.body(), Map.of("x-business-use-case-usage", usage)));
    }

    GraphAnswer error(int code, int subcode, String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type).put("code", code);
        if (subcode != 0) {
            error.put("error_subcode", subcode);
        }
        error.put("fbtrace_id", "AfakeTrace" + (++trace));
        return new GraphAnswer(400, body, Map.of());
    }

    static GraphAnswer ok(JsonNode body) {
        return new GraphAnswer(200, body, Map.of());
    }

    static ObjectMapper json() {
        return JSON;
    }

    static boolean hashed(String key) {
        return !PLAIN_KEYS.contains(key);
    }

    /** An answer: status, JSON body, extra headers. */
    record GraphAnswer(int status, JsonNode body, Map<String, String> headers) {
    }
}
