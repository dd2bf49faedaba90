package dev.ownstack.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook receiver {@code ownstack demo} syncs an audience to: a small HTTP server on
 * 127.0.0.1 that answers 204 to every POST and counts the records of each event type it got
 * ({@code records.upserted}, {@code records.removed}). It stands in for a CRM or a workflow tool.
 */
final class DemoReceiver implements AutoCloseable {
    static final String PATH = "/hooks/ownstack";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, AtomicLong> records = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    private DemoReceiver(HttpServer server) {
        this.server = server;
    }

    static DemoReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            DemoReceiver receiver = new DemoReceiver(server);
            server.createContext(PATH, exchange -> {
                try (exchange) {
                    JsonNode body = JSON.readTree(exchange.getRequestBody());
                    receiver.requests.incrementAndGet();
                    if (body != null && body.has("data")) {
                        receiver.records.computeIfAbsent(body.path("type").asText(), type -> new AtomicLong()).addAndGet(body.path("data").size());
                    }
                    exchange.sendResponseHeaders(204, -1);
                }
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot start the demo's webhook receiver on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    long requests() {
        return requests.get();
    }

    long records(String type) {
        AtomicLong count = records.get(type);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
