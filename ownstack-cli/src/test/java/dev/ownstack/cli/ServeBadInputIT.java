package dev.ownstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hammers {@code ownstack serve} (the real jar, with a 128 MB heap) with every kind of bad input
 * from several clients at once: each gets its documented status and message, the server stays up,
 * still accepts good events, and its memory stays bounded.
 */
class ServeBadInputIT {
    private static final String WRITE_KEY = "bad-input-write-key";
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString((WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = 12;
    private static final int CLIENTS = 4;

    @TempDir
    Path project;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One kind of bad request and what the collector must answer. */
    private record Case(String name, String path, byte[] body, Map<String, String> headers, boolean chunked, int status, String code,
                        String messagePart) {
    }

    @Test
    void every_bad_input_gets_its_status_and_the_server_stays_up_with_bounded_memory() throws Exception {
        Files.writeString(project.resolve("ownstack.yml"), """
                version: 1
                warehouse: {type: duckdb, path: warehouse.duckdb}
                sources:
                  app: {type: events, write-keys: [%s]}
                server: {bind: 127.0.0.1}
                collector: {load-interval: 200ms}
                """.formatted(WRITE_KEY));
        int port = ServeProcess.freePort();
        ServeProcess server = ServeProcess.start(ServeProcess.packagedJar(), project, port, List.of("-Xmx128m"),
                project.resolve("server.log"));
        try {
            List<Case> cases = cases();
            Map<String, String> wrong = new ConcurrentHashMap<>();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> work = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                work.add(clients.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        for (Case c : cases) {
                            String problem = check(port, c);
                            if (problem != null) {
                                wrong.put(c.name(), problem);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
            clients.shutdown();
            assertTrue(wrong.isEmpty(), "wrong answers: " + wrong);
            assertTrue(server.isAlive(), "the server stays up");

            HttpResponse<String> good = send(port, "/v1/track", "{\"userId\":\"u1\",\"event\":\"Still Works\",\"messageId\":\"after-the-storm\"}"
                    .getBytes(StandardCharsets.UTF_8), Map.of("Authorization", AUTH), false);
            assertEquals(200, good.statusCode(), good.body());
            assertEquals("{\"status\":\"ok\"}", http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());

            long peakResidentBytes = server.peakResidentBytes();
            assertTrue(peakResidentBytes < 600L << 20, "a 128 MB heap keeps the whole process small; peak RSS was "
                    + (peakResidentBytes >> 20) + " MiB after " + ROUNDS * CLIENTS * cases.size() + " bad requests");
        } finally {
            server.close();
        }
        String log = server.log();
        assertTrue(!log.contains("OutOfMemoryError") && !log.contains("StackOverflowError"), log);
    }

    private List<Case> cases() throws IOException {
        byte[] tenMegabytes = new byte[10 << 20];
        java.util.Arrays.fill(tenMegabytes, (byte) ' ');
        byte[] bomb = gzip(new byte[64 << 20]);
        String deep = "{\"userId\":\"u\",\"event\":\"e\",\"properties\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        Map<String, String> auth = Map.of("Authorization", AUTH);
        return List.of(
                new Case("malformed JSON", "/v1/track", bytes("{\"userId\":\"u1\",\"event\":"), auth, false, 400, "INPUT_INVALID", "not valid JSON"),
                new Case("not an object", "/v1/batch", bytes("[1,2,3]"), auth, false, 400, "INPUT_INVALID", "JSON object"),
                new Case("batch of the wrong type", "/v1/batch", bytes("{\"batch\":42}"), auth, false, 400, "INPUT_INVALID", "batch"),
                new Case("wrong type of userId", "/v1/track", bytes("{\"userId\":{\"a\":1},\"event\":\"x\"}"), auth, false, 400,
                        "INPUT_INVALID", "userId"),
                new Case("10 MB body with a length", "/v1/batch", tenMegabytes, auth, false, 413, "TOO_LARGE", "larger than"),
                new Case("10 MB body, chunked", "/v1/batch", tenMegabytes, auth, true, 413, "TOO_LARGE", "larger than"),
                new Case("gzip bomb", "/v1/batch", bomb, Map.of("Authorization", AUTH, "Content-Encoding", "gzip"), false, 413,
                        "TOO_LARGE", "larger than"),
                new Case("JSON nested 10,000 deep", "/v1/track", bytes(deep), auth, false, 400, "INPUT_INVALID", "nests deeper"),
                new Case("invalid gzip", "/v1/track", bytes("{\"userId\":\"u\",\"event\":\"e\"}"),
                        Map.of("Authorization", AUTH, "Content-Encoding", "gzip"), false, 400, "INPUT_INVALID", "gzip"),
                new Case("unknown write key", "/v1/track", bytes("{\"userId\":\"u\",\"event\":\"e\"}"),
                        Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString("nope-nope:".getBytes(StandardCharsets.UTF_8))),
                        false, 401, "UNAUTHORIZED", "unknown write key"),
                new Case("no write key", "/v1/track", bytes("{\"userId\":\"u\",\"event\":\"e\"}"), Map.of(), false, 401, "UNAUTHORIZED",
                        "write key"));
    }

    /** Null when the answer is the documented one, else what was wrong. */
    private String check(int port, Case c) {
        try {
            HttpResponse<String> response = send(port, c.path(), c.body(), c.headers(), c.chunked());
            if (response.statusCode() != c.status()) {
                return "status " + response.statusCode() + ": " + response.body();
            }
            JsonNode body = JSON.readTree(response.body());
            if (body.path("success").asBoolean(true) || !c.code().equals(body.path("code").asText())
                    || !body.path("message").asText().contains(c.messagePart())) {
                return "body " + response.body();
            }
            return null;
        } catch (IOException e) {
            // a server may close a connection whose body it refused to read; that is not a wrong answer
            // only when the status was already sent, which HttpClient cannot tell apart, so count it
            return "I/O error: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private HttpResponse<String> send(int port, String path, byte[] body, Map<String, String> headers, boolean chunked)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        request.POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }
}
