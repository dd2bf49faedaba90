package dev.ownstack.ingest.events;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Not a test: appends events of about 400 bytes to a fresh {@link FileEventLog} in appends of 100
 * (as the collector does for batch requests), then loads them into a DuckDB file with
 * {@link EventLoader}, and prints both rates. Arguments: events (default 500000), rounds (default
 * 2; later rounds load next to the rows of earlier ones, so the duplicate check has work).
 */
public final class EventLoadBenchmark {
    private EventLoadBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        int events = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 500_000;
        int rounds = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 2;
        Path directory = Files.createTempDirectory("ownstack-event-bench");
        String warehouse = directory.resolve("warehouse.duckdb").toString();
        EventLoader.Options options = new EventLoader.Options(Duration.ofSeconds(5), 100_000, Duration.ofHours(24));
        try (FileEventLog log = new FileEventLog(directory.resolve("events"))) {
            EventLoader loader = new EventLoader(log, () -> DuckDbWarehouse.open(warehouse, Duration.ofSeconds(10), System.err::println),
                    options, Clock.systemUTC());
            int bytes = event(0).json().length;
            for (int round = 0; round < rounds; round++) {
                long started = System.nanoTime();
                List<CompletableFuture<LogPosition>> pending = new ArrayList<>();
                for (int i = 0; i < events; i += 100) {
                    List<LogRecord> batch = new ArrayList<>(100);
                    for (int j = i; j < Math.min(events, i + 100); j++) {
                        batch.add(event(round * events + j));
                    }
                    pending.add(log.append(batch));
                }
                pending.forEach(CompletableFuture::join);
                double appendSeconds = (System.nanoTime() - started) / 1e9;

                started = System.nanoTime();
                long loaded = 0;
                EventLoader.LoadCycle cycle;
                while ((cycle = loader.loadAvailable()).records() > 0) {
                    loaded += cycle.loaded();
                }
                double loadSeconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("round %d: %d events of %d bytes: appended (fsync per group) in %.2f s = %,.0f events/s;"
                                + " loaded %d in %.2f s = %,.0f events/s (syncs %d)%n", round + 1, events, bytes, appendSeconds,
                        events / appendSeconds, loaded, loadSeconds, loaded / loadSeconds, log.syncs());
            }
            loader.close();
            try (Warehouse check = DuckDbWarehouse.open(warehouse, Duration.ofSeconds(10), System.err::println)) {
                System.out.println("raw.events rows: " + check.queryAll("SELECT count(*) FROM raw.events").rows().get(0)[0]);
            }
        }
    }

    private static LogRecord event(int number) {
        String json = """
                {"messageId":"bench-%010d","type":"track","event":"Product Viewed","userId":"user-%d",\
                "anonymousId":"5b7c2f0e-9d1a-4c7e-8f55-%012d","properties":{"product_id":"p-%d","price":%d.99,"currency":"EUR",\
                "category":"shoes"},"context":{"ip":"203.0.113.%d","library":{"name":"analytics-node","version":"2.1.0"},\
                "userAgent":"Mozilla/5.0"},"integrations":{},"originalTimestamp":"2024-05-01T10:00:00.000Z",\
                "sentAt":"2024-05-01T10:00:01.000Z","receivedAt":"2024-05-01T10:00:02.000Z","timestamp":"2024-05-01T10:00:01.000Z"}"""
                .formatted(number, number % 10_000, number, number % 500, number % 200, number % 250);
        return new LogRecord(LogRecord.Kind.EVENT, "web", json.getBytes(StandardCharsets.UTF_8));
    }
}
