package dev.ownstack.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.config.CollectorConfig;
import dev.ownstack.core.config.Secret;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.ingest.events.LogRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CollectorHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACK = """
            {"type":"track","event":"Order Completed","userId":"u-1","messageId":"m-1","properties":{"total":12.5}}""";
    private static final Map<String, String> SINGLE_BODIES = Map.of(
            "track", TRACK,
            "identify", "{\"userId\":\"u-1\",\"messageId\":\"m-2\",\"traits\":{\"plan\":\"pro\"}}",
            "page", "{\"anonymousId\":\"a-1\",\"messageId\":\"m-3\",\"name\":\"Home\"}",
            "screen", "{\"anonymousId\":\"a-1\",\"messageId\":\"m-4\",\"name\":\"Cart\"}",
            "group", "{\"userId\":\"u-1\",\"messageId\":\"m-5\",\"groupId\":\"g-1\"}",
            "alias", "{\"userId\":\"u-2\",\"previousId\":\"a-1\",\"messageId\":\"m-6\"}");
    private static final String BATCH = """
            {"batch":[%s,{"type":"identify","userId":"u-1","messageId":"m-7"}],"writeKey":"%s","sentAt":"2026-11-26T10:00:00.000Z"}"""
            .formatted(TRACK, TestServer.SERVER_KEY);

    private TestServer test;

    @BeforeEach
    void start() {
        test = TestServer.start();
    }

    @AfterEach
    void stop() {
        test.close();
    }

    private HttpResponse<String> post(String path, byte[] body, String... headers) {
        HttpRequest.Builder builder = test.request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return test.send(builder.build());
    }

    private HttpResponse<String> post(String path, String body, String... headers) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static JsonNode json(LogRecord record) {
        return json(new String(record.json(), StandardCharsets.UTF_8));
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String messagePart) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        JsonNode body = json(response.body());
        assertFalse(body.path("success").asBoolean(true), response.body());
        assertEquals(code, body.path("code").asText(), response.body());
        assertTrue(body.path("message").asText().contains(messagePart), response.body());
    }

    /** The REST API's error shape: {"error": CODE, "message": ...}. */
    private static void assertApiError(HttpResponse<String> response, int status, String code, String messagePart) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        JsonNode body = json(response.body());
        assertEquals(code, body.path("error").asText(), response.body());
        assertTrue(body.path("message").asText().contains(messagePart), response.body());
    }

    private static void assertSuccess(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"success\":true}", response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] body, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream deflater = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            deflater.write(body);
        }
        return out.toByteArray();
    }

    @Test
    void accepts_every_path_its_short_form_and_a_trailing_slash() {
        int expected = 0;
        for (Map.Entry<String, String> single : SINGLE_BODIES.entrySet()) {
            String name = single.getKey();
            for (String path : List.of("/v1/" + name, "/v1/" + name + "/", "/v1/" + name.charAt(0), "/v1/" + name.charAt(0) + "/")) {
                assertSuccess(post(path, single.getValue(), "Authorization", basic(TestServer.WEB_KEY)));
                expected++;
                LogRecord last = test.log.records().get(expected - 1);
                assertEquals(LogRecord.Kind.EVENT, last.kind(), path);
                assertEquals(name, json(last).path("type").asText(), path);
            }
        }
        for (String path : List.of("/v1/batch", "/v1/batch/", "/v1/import", "/v1/import/", "/v1/b", "/v1/b/")) {
            assertSuccess(post(path, BATCH));
            expected += 2;
            assertEquals(expected, test.log.records().size(), path);
        }
    }

    @Test
    void answers_unknown_paths_and_methods_with_json_404() {
        assertError(post("/v1/purchase", TRACK, "Authorization", basic(TestServer.WEB_KEY)), 404, "NOT_FOUND", "/v1/purchase");
        assertError(test.get("/v1/track"), 404, "NOT_FOUND", "GET /v1/track");
        assertTrue(test.log.records().isEmpty());
    }

    @Test
    void takes_the_write_key_from_basic_auth_before_the_body() {
        String body = TRACK.replace("{\"type\"", "{\"writeKey\":\"" + TestServer.SERVER_KEY + "\",\"type\"");
        assertSuccess(post("/v1/track", body, "Authorization", basic(TestServer.WEB_KEY)));
        assertEquals("web", test.log.records().get(0).source());
    }

    @Test
    void takes_the_write_key_from_the_body_without_basic_auth() {
        assertSuccess(post("/v1/import/", BATCH, "Content-Type", "application/json; charset=UTF-8"));
        assertEquals(List.of("backend", "backend"), test.log.records().stream().map(LogRecord::source).toList());
        assertFalse(new String(test.log.records().get(0).json(), StandardCharsets.UTF_8).contains(TestServer.SERVER_KEY),
                "the write key is dropped from the stored event");
    }

    @Test
    void rejects_an_unknown_write_key_without_echoing_it() {
        String key = "wrong-key-123456";
        HttpResponse<String> basic = post("/v1/track", TRACK, "Authorization", basic(key));
        assertError(basic, 401, "UNAUTHORIZED", "unknown write key");
        assertFalse(basic.body().contains(key.substring(0, 5)), basic.body());

        HttpResponse<String> inBody = post("/v1/batch", BATCH.replace(TestServer.SERVER_KEY, key));
        assertError(inBody, 401, "UNAUTHORIZED", "unknown write key");
        assertFalse(inBody.body().contains(key.substring(0, 5)), inBody.body());

        assertError(post("/v1/track", TRACK), 401, "UNAUTHORIZED", "unknown write key");
        assertTrue(test.log.records().isEmpty());
    }

    @Test
    void accepts_gzip_and_deflate_bodies() throws IOException {
        byte[] body = TRACK.getBytes(StandardCharsets.UTF_8);
        String auth = basic(TestServer.WEB_KEY);
        assertSuccess(post("/v1/track", gzip(body), "Authorization", auth, "Content-Encoding", "gzip"));
        assertSuccess(post("/v1/track", deflate(body, false), "Authorization", auth, "Content-Encoding", "deflate"));
        assertSuccess(post("/v1/track", deflate(body, true), "Authorization", auth, "Content-Encoding", "deflate"));
        assertEquals(3, test.log.records().size());
        assertEquals("Order Completed", json(test.log.records().get(2)).path("event").asText());
    }

    @Test
    void accepts_a_chunked_body_and_any_content_type() {
        byte[] body = BATCH.getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = test.request("/v1/batch")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .header("Content-Type", "application/x-www-form-urlencoded").build();
        assertSuccess(test.send(chunked));
        assertSuccess(post("/v1/t", TRACK, "Authorization", basic(TestServer.WEB_KEY), "Content-Type", "text/plain"));
        assertEquals(3, test.log.records().size());
    }

    @Test
    void refuses_a_body_over_the_limit_with_413() throws IOException {
        byte[] large = new byte[600 << 10];
        java.util.Arrays.fill(large, (byte) ' ');
        String auth = basic(TestServer.WEB_KEY);
        assertError(post("/v1/batch", large, "Authorization", auth), 413, "TOO_LARGE", "larger than 512,000 bytes");

        HttpRequest chunked = test.request("/v1/batch").header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large))).build();
        assertError(test.send(chunked), 413, "TOO_LARGE", "larger than 512,000 bytes");

        byte[] bomb = gzip(new byte[100 << 20]);
        assertTrue(bomb.length < 200 << 10, "the bomb is small on the wire: " + bomb.length);
        assertError(post("/v1/batch", bomb, "Authorization", auth, "Content-Encoding", "gzip"), 413, "TOO_LARGE", "after decompression");
        assertTrue(test.log.records().isEmpty());
    }

    @Test
    void refuses_a_10_megabyte_body_from_its_content_length_without_reading_it() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", test.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 10485760\r\n\r\n{\"batch\":[").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readHead(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    @Test
    void refuses_invalid_gzip_and_unknown_encodings_with_400() {
        String auth = basic(TestServer.WEB_KEY);
        byte[] notGzip = TRACK.getBytes(StandardCharsets.UTF_8);
        assertError(post("/v1/track", notGzip, "Authorization", auth, "Content-Encoding", "gzip"), 400, "INPUT_INVALID", "not valid gzip");
        assertError(post("/v1/track", notGzip, "Authorization", auth, "Content-Encoding", "br"), 400, "INPUT_INVALID", "'br'");
        assertTrue(test.log.records().isEmpty());
    }

    @Test
    void refuses_truncated_gzip_with_400() throws IOException {
        byte[] full = gzip(BATCH.getBytes(StandardCharsets.UTF_8));
        byte[] truncated = java.util.Arrays.copyOf(full, full.length / 2);
        assertError(post("/v1/batch", truncated, "Content-Encoding", "gzip"), 400, "INPUT_INVALID", "not valid gzip");
    }

    @Test
    void refuses_malformed_json_wrong_types_and_deep_nesting_with_400() {
        String auth = basic(TestServer.WEB_KEY);
        assertError(post("/v1/track", "{\"type\":\"track\",", "Authorization", auth), 400, "INPUT_INVALID", "");
        assertError(post("/v1/batch", "{\"batch\":42}", "Authorization", auth), 400, "INPUT_INVALID", "batch");
        assertError(post("/v1/track", "[1,2,3]", "Authorization", auth), 400, "INPUT_INVALID", "");
        String deep = "{\"properties\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertError(post("/v1/track", deep, "Authorization", auth), 400, "INPUT_INVALID", "");
        assertTrue(test.log.records().isEmpty());
        assertEquals("{\"status\":\"ok\"}", test.get("/health").body(), "the server stays up");
    }

    @Test
    void stores_a_rejected_single_event_and_answers_400_with_the_reason() {
        HttpResponse<String> response = post("/v1/track", "{\"type\":\"track\",\"userId\":\"u-1\"}", "Authorization", basic(TestServer.WEB_KEY));
        assertError(response, 400, "INPUT_INVALID", "event");
        assertEquals(1, test.log.records().size());
        assertEquals(LogRecord.Kind.REJECT, test.log.records().get(0).kind());
    }

    @Test
    void keeps_the_good_events_of_a_batch_with_a_bad_one() {
        String body = "{\"writeKey\":\"" + TestServer.SERVER_KEY + "\",\"batch\":[" + TRACK + ",{\"type\":\"track\",\"event\":\"No Id\"}]}";
        assertSuccess(post("/v1/batch", body));
        assertEquals(List.of(LogRecord.Kind.EVENT, LogRecord.Kind.REJECT),
                test.log.records().stream().map(LogRecord::kind).sorted().toList());
    }

    @Test
    void answers_a_cors_preflight_for_an_origin_some_source_allows() {
        HttpResponse<String> allowed = test.send(test.request("/v1/t").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, x-retry-count, baggage").build());
        assertEquals(204, allowed.statusCode());
        assertEquals("https://shop.example.com", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals("authorization, x-retry-count, baggage", allowed.headers().firstValue("Access-Control-Allow-Headers").orElse(""));
        assertEquals("POST, OPTIONS", allowed.headers().firstValue("Access-Control-Allow-Methods").orElse(""));
        assertEquals("86400", allowed.headers().firstValue("Access-Control-Max-Age").orElse(""));
        assertEquals("Origin", allowed.headers().firstValue("Vary").orElse(""));
        assertTrue(allowed.headers().firstValue("Access-Control-Allow-Credentials").isEmpty());

        HttpResponse<String> refused = test.send(test.request("/v1/t/").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example.net")
                .header("Access-Control-Request-Method", "POST").build());
        assertTrue(refused.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), refused.headers().map().toString());
        assertTrue(refused.headers().firstValue("Access-Control-Allow-Methods").isEmpty());
    }

    @Test
    void allows_the_origin_on_a_post_only_when_its_source_does() {
        HttpResponse<String> web = post("/v1/t", TRACK, "Authorization", basic(TestServer.WEB_KEY), "Origin", "https://shop.example.com");
        assertSuccess(web);
        assertEquals("https://shop.example.com", web.headers().firstValue("Access-Control-Allow-Origin").orElse(""));

        HttpResponse<String> backend = post("/v1/t", TRACK, "Authorization", basic(TestServer.SERVER_KEY), "Origin", "https://shop.example.com");
        assertSuccess(backend);
        assertTrue(backend.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void believes_x_forwarded_for_only_from_a_trusted_proxy() {
        String auth = basic(TestServer.WEB_KEY);
        assertSuccess(post("/v1/track", TRACK, "Authorization", auth, "X-Forwarded-For", "203.0.113.9"));
        assertEquals("127.0.0.1", json(test.log.records().get(0)).path("context").path("ip").asText());
        test.close();

        test = TestServer.start(List.of("127.0.0.0/8", "10.0.0.0/8"), List.of(Secret.literal(TestServer.API_KEY)),
                CollectorConfig.defaults(Path.of("/tmp/unused")));
        assertSuccess(post("/v1/track", TRACK, "Authorization", auth, "X-Forwarded-For", "198.51.100.1, 203.0.113.9, 10.1.2.3"));
        assertEquals("203.0.113.9", json(test.log.records().get(0)).path("context").path("ip").asText());
    }

    @Test
    void answers_429_with_retry_after_when_the_log_is_overloaded() {
        test.log.failWith(new OwnstackException(ErrorCode.OVERLOADED, "the event log's write queue is full"));
        HttpResponse<String> response = post("/v1/batch", BATCH);
        assertError(response, 429, "OVERLOADED", "write queue is full");
        assertEquals("1", response.headers().firstValue("Retry-After").orElse(""));
        assertEquals(200, test.get("/health").statusCode(), "a full queue is not a failing log");
    }

    @Test
    void answers_503_and_fails_health_while_the_log_cannot_write() {
        test.log.failWith(new OwnstackException(ErrorCode.IO_FAILED, "fsync of segment 00000001.log failed: disk full"));
        HttpResponse<String> response = post("/v1/batch", BATCH);
        assertError(response, 503, "IO_FAILED", "disk full");
        assertEquals("5", response.headers().firstValue("Retry-After").orElse(""));

        HttpResponse<String> health = test.get("/health");
        assertEquals(503, health.statusCode());
        assertEquals("failing", json(health.body()).path("status").asText());
        assertTrue(json(health.body()).path("reason").asText().contains("disk full"), health.body());

        test.log.failWith(null);
        assertSuccess(post("/v1/batch", BATCH));
        assertEquals(200, test.get("/health").statusCode(), "health recovers with the log");
    }

    @Test
    void answers_503_before_reading_the_body_when_the_loader_is_behind() {
        test.log.backlog(CollectorConfig.DEFAULT_MAX_BACKLOG_BYTES + 1);
        HttpResponse<String> response = post("/v1/batch", BATCH);
        assertError(response, 503, "OVERLOADED", "loader is behind");
        assertEquals("5", response.headers().firstValue("Retry-After").orElse(""));
        assertTrue(test.log.records().isEmpty());
    }

    @Test
    void serves_health_without_authentication() {
        HttpResponse<String> health = test.get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"ok\"}", health.body());
    }

    @Test
    void guards_metrics_and_the_api_with_an_api_key() {
        assertError(test.get("/metrics"), 401, "UNAUTHORIZED", "Authorization: Bearer");
        assertApiError(test.get("/api/v1/status"), 401, "UNAUTHORIZED", "Authorization: Bearer");
        assertApiError(test.get("/api/v1/status", "Authorization", "Bearer not-the-key-at-all"), 401, "UNAUTHORIZED", "not one of");
        assertApiError(test.get("/api/v1/nothing-here"), 401, "UNAUTHORIZED", "Authorization: Bearer");
        assertApiError(test.get("/api/v1/nothing-here", "Authorization", "Bearer " + TestServer.API_KEY), 404, "NOT_FOUND", "/api/v1/nothing-here");
    }

    @Test
    void refuses_every_api_call_when_no_api_key_is_configured() {
        test.close();
        test = TestServer.start(List.of(), List.of(), CollectorConfig.defaults(Path.of("/tmp/unused")));
        assertError(test.get("/metrics", "Authorization", "Bearer anything-at-all-here"), 401, "UNAUTHORIZED",
                "no API keys are configured under server.api-keys");
        assertApiError(test.get("/api/v1/status"), 401, "UNAUTHORIZED", "no API keys are configured under server.api-keys");
    }

    @Test
    void reports_status_with_sources_log_and_loader() {
        test.log.backlog(1234);
        HttpResponse<String> response = test.get("/api/v1/status", "Authorization", "Bearer " + TestServer.API_KEY);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode status = json(response.body());
        assertEquals("web", status.path("sources").path(0).path("name").asText());
        assertEquals(1, status.path("sources").path(0).path("writeKeys").asInt());
        assertFalse(response.body().contains(TestServer.WEB_KEY), "write keys are counted, not shown");
        assertEquals("memory:test", status.path("log").path("id").asText());
        assertEquals(1234, status.path("log").path("backlogBytes").asLong());
        assertTrue(status.path("loader").path("running").asBoolean(), response.body());
        assertEquals(0, status.path("loader").path("eventsLoaded").asLong());
        assertTrue(status.path("loader").path("lastLoadAt").isNull(), response.body());
    }

    @Test
    void exposes_prometheus_metrics_of_the_collector() {
        test.log.backlog(777);
        post("/v1/track", TRACK, "Authorization", basic("nope-nope-nope"));
        HttpResponse<String> response = test.get("/metrics", "Authorization", "Bearer " + TestServer.API_KEY);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        String text = response.body();
        assertTrue(text.contains("ownstack_collector_requests_total{endpoint=\"track\",status=\"401\"} 1\n"), text);
        assertTrue(text.contains("# TYPE ownstack_collector_request_duration_seconds histogram\n"), text);
        assertTrue(text.contains("ownstack_collector_request_duration_seconds_count 1\n"), text);
        assertTrue(text.contains("ownstack_collector_log_backlog_bytes 777\n"), text);
        assertTrue(text.contains("ownstack_collector_events_loaded_total 0\n"), text);
        assertTrue(text.contains("ownstack_loader_last_load_timestamp_seconds 0\n"), text);
        assertTrue(text.contains("# TYPE jvm_memory_heap_used_bytes gauge\n"), text);
    }

    @Test
    void counts_accepted_and_rejected_events_per_source() {
        String body = "{\"writeKey\":\"" + TestServer.SERVER_KEY + "\",\"batch\":[" + TRACK + ",{\"type\":\"track\",\"event\":\"No Id\"}]}";
        assertSuccess(post("/v1/batch", body));
        String text = test.get("/metrics", "Authorization", "Bearer " + TestServer.API_KEY).body();
        assertTrue(text.contains("ownstack_collector_events_accepted_total{source=\"backend\"} 1\n"), text);
        assertTrue(text.contains("ownstack_collector_events_rejected_total{source=\"backend\"} 1\n"), text);
        assertTrue(text.contains("ownstack_collector_requests_total{endpoint=\"batch\",status=\"200\"} 1\n"), text);
    }

    @Test
    void finishes_requests_in_flight_before_it_closes_the_log() throws Exception {
        test.log.delayAppends(java.time.Duration.ofMillis(700));
        java.util.concurrent.CompletableFuture<HttpResponse<String>> inFlight =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> post("/v1/batch", BATCH));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (test.server.inFlightRequests() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, test.server.inFlightRequests(), "the request is being served");
        test.close();
        assertSuccess(inFlight.get());
        assertEquals(2, test.log.records().size());
        assertTrue(test.log.closed());
        assertFalse(test.log.closedWithAppendPending(), "the log closed only after the acknowledged append");
    }

    @Test
    void closes_the_log_when_it_closes() {
        test.close();
        assertTrue(test.log.closed());
    }
}
