package dev.ownstack.destinations.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Standard Webhooks receiver on 127.0.0.1: verifies each request's signature and timestamp
 * (answering 401 when they fail, as receivers do) and keeps every request. It answers with the
 * scripted answers in order; without one, it applies the batch to the records it holds (by
 * key) and answers 204, or 200 with an error list naming each update of a record it lacks.
 */
final class WebhookReceiver implements AutoCloseable {
    static final String PATH = "/hooks/t0ken-in-path";

    /** One request as received. */
    record Delivery(String method, String path, Map<String, List<String>> headers, byte[] body, String problem) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean verified() {
            return problem == null;
        }
    }

    /** A scripted answer; {@code delay} holds the answer back (for timeouts). */
    record Answer(int status, Map<String, String> headers, String body, Duration delay) {
        static Answer of(int status) {
            return new Answer(status, Map.of(), "", Duration.ZERO);
        }

        static Answer of(int status, String body) {
            return new Answer(status, Map.of(), body, Duration.ZERO);
        }

        static Answer withHeader(int status, String header, String value) {
            return new Answer(status, Map.of(header, value), "", Duration.ZERO);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final StandardWebhookVerifier verifier;
    private final Deque<Answer> answers = new ConcurrentLinkedDeque<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Object>> held = new java.util.concurrent.ConcurrentHashMap<>();

    WebhookReceiver(String secret, Clock clock) throws IOException {
        this.verifier = new StandardWebhookVerifier(secret, clock, Duration.ofMinutes(5));
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void answer(Answer... next) {
        answers.addAll(List.of(next));
    }

    List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    /** The records the receiver holds: key to fields, as JSON gave them. */
    Map<String, Map<String, Object>> held() {
        return new java.util.TreeMap<>(held);
    }

    /** Applies a records.* batch; returns the error list for updates of records not held, empty when all applied. */
    private String apply(byte[] body) throws IOException {
        JsonNode root = JSON.readTree(body);
        String type = root.path("type").asText();
        List<String> errors = new ArrayList<>();
        for (JsonNode item : root.path("data")) {
            String key = item.get("key").asText();
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = JSON.convertValue(item.get("fields"), Map.class);
            switch (type) {
                case "records.upserted" -> held.put(key, fields);
                case "records.removed" -> held.remove(key);
                case "records.updated" -> {
                    if (held.replace(key, fields) == null) {
                        errors.add(JSON.writeValueAsString(Map.of("key", key, "message", "no record " + key, "retryable", false)));
                    }
                }
                default -> {
                }
            }
        }
        return errors.isEmpty() ? "" : "{\"errors\":[" + String.join(",", errors) + "]}";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            String problem;
            try {
                problem = verifier.problem(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                        headers.getFirst("webhook-signature"), body);
            } catch (Exception e) {
                problem = e.toString();
            }
            Map<String, List<String>> lowerCased = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach(lowerCased::put);
            deliveries.add(new Delivery(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), lowerCased, body, problem));
            Answer answer = problem != null ? Answer.of(401, "{\"error\":\"" + problem + "\"}") : answers.poll();
            if (answer == null) {
                String errors = apply(body);
                answer = errors.isEmpty() ? Answer.of(204) : Answer.of(200, errors);
            }
            if (!answer.delay().isZero()) {
                Thread.sleep(answer.delay().toMillis());
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), answer.status() == 204 || out.length == 0 ? -1 : out.length);
            if (out.length > 0 && answer.status() != 204) {
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
