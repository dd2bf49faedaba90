package dev.ownstack.destinations.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Salesforce org on 127.0.0.1 with one object, {@code Contact} (fields Email, FirstName,
 * LastName (required), Phone, Visits__c, Plan__c and the external id {@code Ownstack_Id__c}),
 * answering as Salesforce documents: the OAuth token endpoint (refresh_token and
 * client_credentials grants), describe, SOQL lookups by the external id, sObject Collections
 * upsert, update and delete (200 records at most), and Bulk API 2.0 ingest jobs with CSV
 * results. Every data request needs a current {@code Authorization: Bearer} token (else 401
 * {@code INVALID_SESSION_ID}). Faults: {@link #throttleNextWrite()} (403
 * {@code REQUEST_LIMIT_EXCEEDED}), {@link #expireCredentials()}, {@link #revokeRefreshToken()},
 * {@link #lockNextWriteOf(String)} ({@code UNABLE_TO_LOCK_ROW}), {@link #holdBulkJobs()}. Thread-safe.
 */
public final class SalesforceFake implements AutoCloseable {
    public static final String CLIENT_ID = "3MVG9fake.consumer-key.ownstack";
    public static final String CLIENT_SECRET = "fake-consumer-secret-5A1E5F0RCE";
    public static final String REFRESH_TOKEN = "5Aep861fake.refresh-token";
    public static final String OBJECT = "Contact";
    public static final String EXTERNAL_ID_FIELD = "Ownstack_Id__c";
    /** The API versions the fake serves, as Salesforce serves those it supports. */
    public static final Set<String> VERSIONS = Set.of("v58.0", "v59.0", "v60.0", "v61.0", "v62.0", "v63.0", "v64.0", "v65.0", "v66.0", "v67.0");

    /** One request as received: method, path with query, body text. */
    public record Request(String method, String path, String contentType, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATA = Pattern.compile("/services/data/(v\\d+\\.\\d)(/.*)");
    private static final Pattern JOB = Pattern.compile("/jobs/ingest/([A-Za-z0-9]+)(/[A-Za-z]+/?)?");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final FakeOrg org = new FakeOrg(OBJECT, EXTERNAL_ID_FIELD, "003",
            Set.of("Id", "Email", "FirstName", "LastName", "Phone", "Visits__c", "Plan__c", EXTERNAL_ID_FIELD), Set.of("LastName"), Set.of("Email"));
    private final FakeBulkJobs bulk = new FakeBulkJobs(org);
    private final FakeCollections collections = new FakeCollections(org);
    private final Set<String> tokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicBoolean throttle = new AtomicBoolean();
    private final AtomicBoolean refreshRevoked = new AtomicBoolean();
    private final AtomicLong apiUsage = new AtomicLong();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public SalesforceFake() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Raw destination settings that reach this org with valid credentials (refresh_token grant). */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("instance-url", baseUrl());
        settings.put("object", OBJECT);
        settings.put("external-id-field", EXTERNAL_ID_FIELD);
        settings.put("client-id", CLIENT_ID);
        settings.put("client-secret", CLIENT_SECRET);
        settings.put("refresh-token", REFRESH_TOKEN);
        return settings;
    }

    /** Key (the external id) to fields of every Contact held, without Id and the external id. */
    public Map<String, Map<String, Object>> held() {
        return org.held();
    }

    /** The lower-cased Email values of the Contacts held; a CRM has no per-sync list, so {@code sync} does not narrow them. */
    public Set<String> memberEmails(String sync) {
        Set<String> emails = new TreeSet<>();
        org.held().values().forEach(fields -> {
            Object email = fields.get("Email");
            if (email != null) {
                emails.add(String.valueOf(email).toLowerCase(Locale.ROOT));
            }
        });
        return emails;
    }

    /** Every request received so far, in order. */
    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** How many Bulk API 2.0 jobs were created. */
    public int bulkJobs() {
        return bulk.count();
    }

    /** The next request that writes records answers 403 REQUEST_LIMIT_EXCEEDED, as when the org's API allocation is spent. */
    public void throttleNextWrite() {
        throttle.set(true);
    }

    /** Every access token issued so far stops working (401 INVALID_SESSION_ID); the refresh token still works. */
    public void expireCredentials() {
        tokens.clear();
    }

    /** Access tokens expire and the token endpoint refuses the refresh token (400 invalid_grant), as after a user revokes the app. */
    public void revokeRefreshToken() {
        refreshRevoked.set(true);
        tokens.clear();
    }

    /** Bulk API jobs stay InProgress from now on, as on a busy org. */
    public void holdBulkJobs() {
        bulk.hold();
    }

    /** The next write of the record with this key fails with UNABLE_TO_LOCK_ROW. */
    public void lockNextWriteOf(String key) {
        org.lock(key);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String contentType = exchange.getRequestHeaders().getFirst("content-type");
            requests.add(new Request(exchange.getRequestMethod(), path + (query == null ? "" : "?" + query), contentType, body));
            if (path.equals("/services/oauth2/token")) {
                token(exchange, body);
                return;
            }
            Matcher data = DATA.matcher(path);
            if (!data.matches() || !VERSIONS.contains(data.group(1))) {
                error(exchange, 404, "NOT_FOUND", "The requested resource does not exist");
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7))) {
                error(exchange, 401, "INVALID_SESSION_ID", "Session expired or invalid");
                return;
            }
            exchange.getResponseHeaders().set("Sforce-Limit-Info", "api-usage=" + apiUsage.incrementAndGet() + "/15000");
            route(exchange, exchange.getRequestMethod(), data.group(1), data.group(2), query == null ? "" : query, contentType, body);
        } catch (RuntimeException e) {
            error(exchange, 500, "UNKNOWN_EXCEPTION", "An unexpected error occurred: " + e);
        }
    }

    private void route(HttpExchange exchange, String method, String version, String path, String query, String contentType, String body)
            throws IOException {
        boolean writes = (path.startsWith("/composite/sobjects") && !method.equals("GET")) || (path.equals("/jobs/ingest") && method.equals("POST"));
        if (writes && throttle.compareAndSet(true, false)) {
            error(exchange, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
            return;
        }
        String collectionUpsert = "/composite/sobjects/" + OBJECT + "/";
        if (method.equals("GET") && path.equals("/sobjects/" + OBJECT + "/describe")) {
            Map<String, Object> describe = new LinkedHashMap<>();
            describe.put("name", OBJECT);
            describe.put("label", OBJECT);
            describe.put("keyPrefix", "003");
            describe.put("createable", true);
            describe.put("updateable", true);
            describe.put("deletable", true);
            describe.put("fields", org.describeFields());
            json(exchange, 200, describe);
        } else if (method.equals("GET") && path.startsWith("/sobjects/") && path.endsWith("/describe")) {
            error(exchange, 404, "NOT_FOUND", "The requested resource does not exist");
        } else if (method.equals("GET") && path.equals("/query")) {
            FakeCollections.Answer answer = collections.query(param(query, "q"), version);
            json(exchange, answer.status(), answer.body());
        } else if (method.equals("PATCH") && path.startsWith(collectionUpsert)) {
            FakeCollections.Answer answer = jsonBody(contentType)
                    ? collections.upsert(path.substring(collectionUpsert.length()), JSON.readTree(body)) : unsupported();
            json(exchange, answer.status(), answer.body());
        } else if (method.equals("PATCH") && path.equals("/composite/sobjects")) {
            FakeCollections.Answer answer = jsonBody(contentType) ? collections.update(JSON.readTree(body)) : unsupported();
            json(exchange, answer.status(), answer.body());
        } else if (method.equals("DELETE") && path.equals("/composite/sobjects")) {
            FakeCollections.Answer answer = collections.delete(param(query, "ids"), param(query, "allOrNone"));
            json(exchange, answer.status(), answer.body());
        } else if (path.equals("/jobs/ingest") && method.equals("POST")) {
            createJob(exchange, version, JSON.readTree(body));
        } else if (JOB.matcher(path).matches()) {
            Matcher job = JOB.matcher(path);
            job.matches();
            job(exchange, method, version, bulk.job(job.group(1)), job.group(2), contentType, body);
        } else {
            error(exchange, 404, "NOT_FOUND", "The requested resource does not exist");
        }
    }

    private void createJob(HttpExchange exchange, String version, JsonNode job) throws IOException {
        String operation = job.path("operation").asText();
        if (!job.path("object").asText().equals(OBJECT)) {
            error(exchange, 404, "NOT_FOUND", "sObject type '" + job.path("object").asText() + "' is not supported.");
        } else if (!Set.of("insert", "upsert", "update", "delete").contains(operation)) {
            error(exchange, 400, "INVALIDJOB", "Invalid job operation: " + operation);
        } else if (!job.path("contentType").asText("CSV").equals("CSV") || !job.path("lineEnding").asText("LF").equals("LF")) {
            error(exchange, 400, "INVALIDJOB", "The fake takes CSV with LF line endings");
        } else if (operation.equals("upsert") && !job.path("externalIdFieldName").asText().equals(EXTERNAL_ID_FIELD)) {
            error(exchange, 400, "INVALIDJOB", "InvalidJob : Field name provided, " + job.path("externalIdFieldName").asText()
                    + " does not match an External ID, Salesforce Id, or indexed field for " + OBJECT);
        } else {
            FakeBulkJobs.Job created = bulk.create(operation, operation.equals("upsert") ? EXTERNAL_ID_FIELD : null);
            json(exchange, 200, created.info(OBJECT, version));
        }
    }

    private void job(HttpExchange exchange, String method, String version, FakeBulkJobs.Job job, String part, String contentType, String body)
            throws IOException {
        if (job == null) {
            error(exchange, 404, "NOT_FOUND", "The requested resource does not exist");
            return;
        }
        String what = part == null ? "" : part.replace("/", "");
        if (method.equals("PUT") && what.equals("batches")) {
            if (contentType == null || !contentType.startsWith("text/csv")) {
                error(exchange, 415, "UNSUPPORTED_MEDIA_TYPE", "Content type must be text/csv");
            } else if (!job.state.equals("Open")) {
                error(exchange, 409, "INVALIDJOBSTATE", "Job state is not Open");
            } else {
                synchronized (job) {
                    job.data.append(body);
                }
                send(exchange, 201, null, new byte[0]);
            }
        } else if (method.equals("PATCH") && what.isEmpty()) {
            String state = JSON.readTree(body).path("state").asText();
            if (state.equals("UploadComplete") && job.state.equals("Open")) {
                bulk.run(job);
            } else if (state.equals("Aborted")) {
                job.state = "Aborted";
            } else {
                error(exchange, 400, "INVALIDJOBSTATE", "Cannot change the job from " + job.state + " to " + state);
                return;
            }
            json(exchange, 200, job.info(OBJECT, version));
        } else if (method.equals("GET") && what.isEmpty()) {
            bulk.poll(job);
            json(exchange, 200, job.info(OBJECT, version));
        } else if (method.equals("GET") && Set.of("successfulResults", "failedResults", "unprocessedrecords").contains(what)) {
            String accept = exchange.getRequestHeaders().getFirst("accept");
            if (accept != null && !accept.contains("text/csv") && !accept.contains("*/*")) {
                error(exchange, 406, "NOT_ACCEPTABLE", "Results are served as text/csv only");
                return;
            }
            if (!Set.of("JobComplete", "Failed", "Aborted").contains(job.state)) {
                error(exchange, 400, "INVALIDJOBSTATE", "Job is not complete");
                return;
            }
            String csv = what.equals("successfulResults") ? bulk.successfulResults(job)
                    : what.equals("failedResults") ? bulk.failedResults(job) : bulk.unprocessedRecords(job);
            send(exchange, 200, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        } else {
            error(exchange, 405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method + "' not allowed");
        }
    }

    private void token(HttpExchange exchange, String body) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        String contentType = exchange.getRequestHeaders().getFirst("content-type");
        if (!exchange.getRequestMethod().equals("POST") || contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
            oauthError(exchange, 400, "invalid_request", "must use HTTP POST with a form body");
            return;
        }
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            oauthError(exchange, 400, "invalid_client", "invalid client credentials");
            return;
        }
        String grant = form.getOrDefault("grant_type", "");
        if (grant.equals("refresh_token")) {
            if (!REFRESH_TOKEN.equals(form.get("refresh_token")) || refreshRevoked.get()) {
                oauthError(exchange, 400, "invalid_grant", "expired access/refresh token");
                return;
            }
        } else if (!grant.equals("client_credentials")) {
            oauthError(exchange, 400, "unsupported_grant_type", "grant type not supported");
            return;
        }
        String token = "00DFk0000000001!" + UUID.randomUUID().toString().replace("-", "");
        tokens.add(token);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", token);
        answer.put("signature", "fakeSignature=");
        answer.put("scope", "api refresh_token");
        answer.put("instance_url", baseUrl());
        answer.put("id", baseUrl() + "/id/00DFk0000000001AAA/005Fk0000000001AAA");
        answer.put("token_type", "Bearer");
        answer.put("issued_at", Long.toString(System.currentTimeMillis()));
        json(exchange, 200, answer);
    }

    private static boolean jsonBody(String contentType) {
        return contentType != null && contentType.startsWith("application/json");
    }

    private static FakeCollections.Answer unsupported() {
        return new FakeCollections.Answer(415, List.of(Map.of("errorCode", "UNSUPPORTED_MEDIA_TYPE", "message", "Content type must be application/json")));
    }

    private static String param(String query, String name) {
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static void oauthError(HttpExchange exchange, int status, String error, String description) throws IOException {
        json(exchange, status, Map.of("error", error, "error_description", description));
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        json(exchange, status, List.of(Map.of("message", message, "errorCode", code)));
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json;charset=UTF-8", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("content-type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
