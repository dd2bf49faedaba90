package dev.ownstack.destinations.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google's OAuth token endpoint and the Data Manager API's Customer Match surface on 127.0.0.1:
 * {@code POST /token} (refresh grant: checks client id, secret and refresh token, issues expiring
 * Bearer tokens), {@code POST /v1/audienceMembers:ingest} and {@code :remove} (checked by
 * {@link AudienceMemberCheck}: destinations, encoding, terms, consent, at most 10,000 members of
 * at most 10 hex SHA-256 identifiers), and {@code userLists} list (with a {@code display_name}
 * filter), get and create. The user may act directly in {@link #OPERATING_ACCOUNT} or through
 * {@link #MANAGER_ACCOUNT} (the {@code loginAccount} of a destination, the {@code login-account}
 * header of a list method); any other account is {@code PERMISSION_DENIED}. Errors are Google's
 * {@code google.rpc.Status} bodies.
 *
 * <p>Each list holds members as identifier maps. A member is known by its email hash, else its
 * phone hash, else its address; ingesting a known member replaces its identifiers, removing one
 * drops every held member sharing an identifier with it. Thread-safe.
 */
public final class GoogleDataManagerFake implements AutoCloseable {
    public static final String CLIENT_ID = "1234567890-fake.apps.googleusercontent.com";
    public static final String CLIENT_SECRET = "GOCSPX-fake-client-secret";
    public static final String REFRESH_TOKEN = "1//fake-refresh-token";
    public static final String OPERATING_ACCOUNT = "1234567890";
    /** The one manager account above the operating account that the fake's user may act through. */
    public static final String MANAGER_ACCOUNT = "9876543210";
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(3599);
    private static final Pattern LIST_PATH = Pattern.compile("/v1/accountTypes/([^/]+)/accounts/([^/]+)/userLists(?:/([^/]+))?");
    private static final Pattern NAME_FILTER = Pattern.compile("display_?[nN]ame\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private record UserList(String id, String displayName, Map<String, Map<String, Object>> members) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Instant> tokens = new HashMap<>();
    private final Map<String, UserList> lists = new LinkedHashMap<>();
    private final Set<String> refusedEmailHashes = new TreeSet<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private long nextListId = 9_000_000_001L;
    private int throttleWrites;

    /** Starts the fake on a free port of 127.0.0.1. */
    public GoogleDataManagerFake() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Data Manager fake", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Raw settings (as in {@code ownstack.yml}) of a destination that reaches this fake with valid credentials; each sync fills its own list. */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("operating-account-id", "123-456-7890");
        settings.put("client-id", CLIENT_ID);
        settings.put("client-secret", CLIENT_SECRET);
        settings.put("refresh-token", REFRESH_TOKEN);
        settings.put("oauth-url", baseUrl() + "/token");
        settings.put("api-base-url", baseUrl());
        return settings;
    }

    /** Creates a Customer Match list as if made in Google Ads; returns its id. */
    public synchronized String createList(String displayName) {
        String id = Long.toString(nextListId++);
        lists.put(id, new UserList(id, displayName, new TreeMap<>()));
        return id;
    }

    /** Every member of every list: {@code <list name>/<member identity>} to its identifiers. */
    public synchronized Map<String, Map<String, Object>> held() {
        Map<String, Map<String, Object>> held = new TreeMap<>();
        lists.values().forEach(list -> list.members().forEach((identity, member) -> held.put(list.displayName() + "/" + identity, Map.copyOf(member))));
        return held;
    }

    /** The members of the list named after {@code sync}: identity (email hash, else phone hash, else address) to identifiers. */
    public synchronized Map<String, Map<String, Object>> members(String sync) {
        Map<String, Map<String, Object>> members = new TreeMap<>();
        lists.values().stream().filter(list -> list.displayName().equals(sync)).forEach(list -> list.members().forEach(members::put));
        return members;
    }

    /**
     * The people in the list named after {@code sync}, as Google holds them: the lower-case hex
     * SHA-256 of each member's normalised email (Customer Match never receives plain emails).
     */
    public synchronized Set<String> memberEmails(String sync) {
        Set<String> emails = new TreeSet<>();
        members(sync).values().forEach(member -> Optional.ofNullable(member.get("emailAddress")).ifPresent(hash -> emails.add((String) hash)));
        return emails;
    }

    /** The next audience-member request is answered 429 RESOURCE_EXHAUSTED with {@code Retry-After}. */
    public synchronized void throttleNextWrite() {
        throttleWrites++;
    }

    /** Every access token issued so far expires now: the API answers 401 UNAUTHENTICATED until a new one is fetched. */
    public synchronized void expireTokens() {
        tokens.replaceAll((token, expiry) -> Instant.EPOCH);
    }

    /** Members carrying this email's hash are refused as Google refuses an invalid member (400, a field violation naming it). */
    public synchronized void refuseMember(String emailSha256) {
        refusedEmailHashes.add(emailSha256.toLowerCase(java.util.Locale.ROOT));
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Audience-member requests received, answered or not. */
    public int writes() {
        return writes.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            DataManagerErrors.Answer answer;
            try {
                answer = route(exchange, path, body);
            } catch (IOException | RuntimeException e) {
                answer = DataManagerErrors.invalidArgument("INVALID_ARGUMENT", List.of(new DataManagerErrors.Violation("", "Invalid JSON payload: " + e.getMessage(), "INVALID_FORMAT")));
            }
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(answer.status(), out.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(out);
            }
        }
    }

    private DataManagerErrors.Answer route(HttpExchange exchange, String path, byte[] body) throws IOException {
        String method = exchange.getRequestMethod();
        if (path.equals("/token") && method.equals("POST")) {
            return token(exchange, body);
        }
        if (!authorised(exchange.getRequestHeaders().getFirst("authorization"))) {
            exchange.getResponseHeaders().set("www-authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
            return DataManagerErrors.unauthenticated();
        }
        boolean ingest = path.equals(MemberRequests.INGEST_PATH);
        if ((ingest || path.equals(MemberRequests.REMOVE_PATH)) && method.equals("POST")) {
            writes.incrementAndGet();
            if (!String.valueOf(exchange.getRequestHeaders().getFirst("content-type")).startsWith("application/json")) {
                return DataManagerErrors.invalidArgument("INVALID_ARGUMENT", List.of());
            }
            synchronized (this) {
                if (throttleWrites > 0) {
                    throttleWrites--;
                    exchange.getResponseHeaders().set("retry-after", "30");
                    return DataManagerErrors.resourceExhausted();
                }
            }
            return members(JSON.readTree(body), ingest);
        }
        Matcher list = LIST_PATH.matcher(path);
        if (list.matches()) {
            String login = exchange.getRequestHeaders().getFirst("login-account");
            if (!list.group(1).equals("GOOGLE_ADS") || !list.group(2).equals(OPERATING_ACCOUNT)
                    || login != null && !login.equals("accountTypes/GOOGLE_ADS/accounts/" + MANAGER_ACCOUNT)) {
                return DataManagerErrors.permissionDenied("The caller does not have permission");
            }
            if (method.equals("GET")) {
                return list.group(3) == null ? listLists(exchange.getRequestURI().getRawQuery()) : getList(list.group(3));
            }
            if (method.equals("POST") && list.group(3) == null) {
                return createList(JSON.readTree(body));
            }
        }
        return DataManagerErrors.notFound("The requested URL " + path + " was not found on this server.");
    }

    private synchronized DataManagerErrors.Answer token(HttpExchange exchange, byte[] body) {
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        if (!"application/x-www-form-urlencoded".equals(exchange.getRequestHeaders().getFirst("content-type"))) {
            return oauthError(400, "invalid_request", "Invalid content type.");
        }
        if (!"refresh_token".equals(form.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type"));
        }
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            return oauthError(401, "invalid_client", "The OAuth client was not found.");
        }
        if (!REFRESH_TOKEN.equals(form.get("refresh_token"))) {
            return oauthError(400, "invalid_grant", "Token has been expired or revoked.");
        }
        String token = "ya29.fake-" + UUID.randomUUID();
        tokens.put(token, Instant.now().plus(TOKEN_LIFETIME));
        tokensIssued.incrementAndGet();
        ObjectNode answer = JSON.createObjectNode().put("access_token", token).put("expires_in", TOKEN_LIFETIME.toSeconds())
                .put("scope", "https://www.googleapis.com/auth/datamanager").put("token_type", "Bearer");
        return new DataManagerErrors.Answer(200, answer.toString());
    }

    private synchronized boolean authorised(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        Instant expiry = tokens.get(header.substring("Bearer ".length()));
        return expiry != null && Instant.now().isBefore(expiry);
    }

    private synchronized DataManagerErrors.Answer members(JsonNode body, boolean ingest) {
        AudienceMemberCheck.Outcome outcome = AudienceMemberCheck.check(body, ingest, refusedEmailHashes);
        if (outcome.error().isPresent()) {
            return outcome.error().get();
        }
        for (JsonNode destination : outcome.destinations()) {
            JsonNode operating = destination.path("operatingAccount");
            JsonNode login = destination.path("loginAccount");
            if (!operating.path("accountType").asText().equals("GOOGLE_ADS") || !operating.path("accountId").asText().equals(OPERATING_ACCOUNT)
                    || !login.isMissingNode() && (!login.path("accountType").asText().equals("GOOGLE_ADS")
                    || !login.path("accountId").asText().equals(MANAGER_ACCOUNT))) {
                return DataManagerErrors.permissionDenied("The caller does not have permission");
            }
            if (!lists.containsKey(destination.path("productDestinationId").asText())) {
                return DataManagerErrors.invalidArgument("INVALID_USER_LIST_ID", List.of(new DataManagerErrors.Violation(
                        "destinations.product_destination_id", "User list is not valid.", "INVALID_USER_LIST_ID")));
            }
        }
        for (JsonNode destination : outcome.destinations()) {
            Map<String, Map<String, Object>> held = lists.get(destination.path("productDestinationId").asText()).members();
            if (ingest) {
                outcome.members().forEach(member -> held.put(identity(member), member));
            } else {
                Map<String, Set<String>> heldBy = new HashMap<>();
                held.forEach((identity, member) -> matchKeys(member).forEach(key -> heldBy.computeIfAbsent(key, k -> new TreeSet<>()).add(identity)));
                outcome.members().forEach(member -> matchKeys(member).forEach(key -> heldBy.getOrDefault(key, Set.of()).forEach(held::remove)));
            }
        }
        return new DataManagerErrors.Answer(200, JSON.createObjectNode().put("requestId", UUID.randomUUID().toString()).toString());
    }

    /** What a removal matches a held member by: its email hash, its phone hash, or its whole address. */
    private static List<String> matchKeys(Map<String, Object> member) {
        List<String> keys = new java.util.ArrayList<>();
        if (member.containsKey("emailAddress")) {
            keys.add("email:" + member.get("emailAddress"));
        }
        if (member.containsKey("phoneNumber")) {
            keys.add("phone:" + member.get("phoneNumber"));
        }
        if (member.containsKey("givenName")) {
            keys.add("address:" + member.get("givenName") + ":" + member.get("familyName") + ":" + member.get("regionCode") + ":" + member.get("postalCode"));
        }
        return keys;
    }

    private static String identity(Map<String, Object> member) {
        return matchKeys(member).get(0);
    }

    private synchronized DataManagerErrors.Answer listLists(String query) {
        Map<String, String> parameters = form(query == null ? "" : query);
        Optional<String> name = Optional.ofNullable(parameters.get("filter")).map(NAME_FILTER::matcher).filter(Matcher::find)
                .map(matcher -> matcher.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode found = answer.putArray("userLists");
        int pageSize = Integer.parseInt(parameters.getOrDefault("pageSize", "50"));
        lists.values().stream().filter(list -> name.isEmpty() || list.displayName().equals(name.get())).limit(Math.min(pageSize, 1000))
                .forEach(list -> found.add(resource(list)));
        return new DataManagerErrors.Answer(200, answer.toString());
    }

    private synchronized DataManagerErrors.Answer getList(String id) {
        UserList list = lists.get(id);
        return list == null ? DataManagerErrors.notFound("User list " + id + " was not found.") : new DataManagerErrors.Answer(200, resource(list).toString());
    }

    private synchronized DataManagerErrors.Answer createList(JsonNode body) {
        String name = body.path("displayName").asText("");
        if (name.isEmpty()) {
            return DataManagerErrors.invalidArgument("REQUIRED_FIELD_MISSING", List.of(new DataManagerErrors.Violation("user_list.display_name",
                    "Display name is required.", "REQUIRED_FIELD_MISSING")));
        }
        if (lists.values().stream().anyMatch(list -> list.displayName().equals(name))) {
            return DataManagerErrors.invalidArgument("INVALID_ARGUMENT", List.of(new DataManagerErrors.Violation("user_list.display_name",
                    "The name must be unique among all of the lists owned by the account.", "INVALID_ARGUMENT")));
        }
        JsonNode keyTypes = body.path("ingestedUserListInfo").path("uploadKeyTypes");
        if (keyTypes.size() != 1 || !keyTypes.get(0).asText().equals("CONTACT_ID")) {
            return DataManagerErrors.invalidArgument("INVALID_ARGUMENT", List.of(new DataManagerErrors.Violation(
                    "user_list.ingested_user_list_info.upload_key_types", "Must contain exactly one upload key type.", "INVALID_ARGUMENT")));
        }
        return new DataManagerErrors.Answer(200, resource(lists.get(createList(name))).toString());
    }

    private static ObjectNode resource(UserList list) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", "accountTypes/GOOGLE_ADS/accounts/" + OPERATING_ACCOUNT + "/userLists/" + list.id());
        node.put("id", list.id());
        node.put("displayName", list.displayName());
        node.put("membershipStatus", "OPEN");
        ObjectNode info = node.putObject("ingestedUserListInfo");
        info.putArray("uploadKeyTypes").add("CONTACT_ID");
        info.putObject("contactIdInfo").put("dataSourceType", "DATA_SOURCE_TYPE_FIRST_PARTY");
        return node;
    }

    private static DataManagerErrors.Answer oauthError(int status, String error, String description) {
        return new DataManagerErrors.Answer(status, JSON.createObjectNode().put("error", error).put("error_description", description).toString());
    }

    private static Map<String, String> form(String text) {
        Map<String, String> form = new HashMap<>();
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
