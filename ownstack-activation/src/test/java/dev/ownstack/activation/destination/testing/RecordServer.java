package dev.ownstack.activation.destination.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A vendor API in the test's JVM, so that what it was sent outlives a killed sync process:
 * {@code POST /batches} with {@code {"operation": "UPSERT"|"UPDATE"|"REMOVE", "records": [{"key": ..., "fields": {...}}]}}
 * applies the batch to its records and answers 200 after an optional delay. Thread-safe.
 */
public final class RecordServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final long delayMillis;
    private final Map<String, Object> records = new TreeMap<>();
    private final AtomicInteger acknowledged = new AtomicInteger();

    public RecordServer(long delayMillis) {
        this.delayMillis = delayMillis;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/batches", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/batches";
    }

    @SuppressWarnings("unchecked")
    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            Map<String, Object> batch = JSON.readValue(body, Map.class);
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            String operation = (String) batch.get("operation");
            synchronized (records) {
                for (Map<String, Object> record : (List<Map<String, Object>>) batch.get("records")) {
                    if (operation.equals("REMOVE")) {
                        records.remove((String) record.get("key"));
                    } else {
                        records.put((String) record.get("key"), record.get("fields"));
                    }
                }
            }
            acknowledged.incrementAndGet();
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(503, -1);
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
        } finally {
            exchange.close();
        }
    }

    /** Key → fields as parsed from JSON (text, numbers, booleans, null). */
    public Map<String, Object> records() {
        synchronized (records) {
            return new TreeMap<>(records);
        }
    }

    /** Batches applied and answered so far. */
    public int acknowledged() {
        return acknowledged.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
