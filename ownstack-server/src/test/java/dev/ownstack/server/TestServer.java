package dev.ownstack.server;

import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.core.config.CollectorConfig;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.Secret;
import dev.ownstack.core.config.ServerConfig;
import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.config.WarehouseConfig;
import dev.ownstack.ingest.events.EventLoader;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** A real server on a free port of 127.0.0.1 with an in-memory log, and an HTTP client for it. */
public final class TestServer implements AutoCloseable {
    public static final String API_KEY = "test-api-key-0123456789";
    public static final String WEB_KEY = "web-write-key-1";
    public static final String SERVER_KEY = "srv-write-key-2";

    public final RecordingEventLog log = new RecordingEventLog();
    public final EventLoader loader;
    public final OwnstackServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(ProjectConfig config) {
        this(config, DuckDbWarehouse::inMemory);
    }

    private TestServer(ProjectConfig config, Supplier<Warehouse> warehouses) {
        this(config, warehouses, Destinations.load());
    }

    private TestServer(ProjectConfig config, Supplier<Warehouse> warehouses, Destinations destinations) {
        // The loader runs against the same warehouses as the API; the recording log gives it nothing to load.
        this.loader = new EventLoader(log, warehouses, EventLoader.Options.from(config.collector()), Clock.systemUTC());
        this.server = OwnstackServer.start(new ServerSettings(config, log, Optional.of(loader), Clock.systemUTC(), warehouses, destinations));
    }

    /** A server for this project with these destination types. */
    public static TestServer start(ProjectConfig config, Supplier<Warehouse> warehouses, Destinations destinations) {
        return new TestServer(config, warehouses, destinations);
    }

    /** A server for this project whose API and loader open warehouses from {@code warehouses}. */
    public static TestServer start(ProjectConfig config, Supplier<Warehouse> warehouses) {
        return new TestServer(config, warehouses);
    }

    public static TestServer start() {
        return start(List.of(), List.of(Secret.literal(API_KEY)), CollectorConfig.defaults(Path.of("/tmp/unused")));
    }

    public static TestServer start(List<String> trustedProxies, List<Secret> apiKeys, CollectorConfig collector) {
        return new TestServer(config(0, trustedProxies, apiKeys, collector));
    }

    /** Sources {@code web} (admits one origin) and {@code backend} (admits none), on 127.0.0.1. */
    public static ProjectConfig config(int port, List<String> trustedProxies, List<Secret> apiKeys, CollectorConfig collector) {
        Map<String, SourceConfig> sources = new LinkedHashMap<>();
        sources.put("web", new SourceConfig.Events("web", List.of(WEB_KEY), List.of("https://shop.example.com")));
        sources.put("backend", new SourceConfig.Events("backend", List.of(SERVER_KEY), List.of()));
        return new ProjectConfig(Path.of("/tmp/unused"), "test", new WarehouseConfig.DuckDb(WarehouseConfig.DuckDb.IN_MEMORY),
                sources, new ServerConfig("127.0.0.1", port, apiKeys, trustedProxies), collector, Optional.empty(), Optional.empty(), List.of());
    }

    /** Every route of the server, as {@code METHOD /path}. */
    public List<String> routes() {
        return server.routes();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder builder = request(path).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    @Override
    public void close() {
        server.close();
    }
}
