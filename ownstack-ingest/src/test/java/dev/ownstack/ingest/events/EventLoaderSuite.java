package dev.ownstack.ingest.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.ForwardingWarehouse;
import dev.ownstack.warehouse.Warehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the event loader guarantees, run on each engine: {@link EventLoaderTest} (DuckDB in
 * memory), {@link EventLoaderFileTest} (a DuckDB file), {@link EventLoaderIT} (PostgreSQL).
 */
abstract class EventLoaderSuite {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2024-05-01T10:00:05Z");
    static final EventLoader.Options OPTIONS = new EventLoader.Options(Duration.ofMillis(100), 1_000, Duration.ofHours(24));

    @TempDir
    Path directory;

    FileEventLog log;
    final TestClock clock = new TestClock(NOW);
    /** Statements the loader's warehouses fail on, as a crash would; none by default. */
    volatile Predicate<String> crashOn = sql -> false;
    private final List<EventLoader> loaders = new ArrayList<>();
    private Warehouse inspector;

    /** A new connection to this test's warehouse; what it writes outlives closing it. */
    abstract Warehouse connect();

    /** Releases this test's warehouse after everything else is closed. */
    abstract void dropWarehouse();

    @BeforeEach
    void openLog() {
        log = new FileEventLog(directory.resolve("events"));
    }

    @AfterEach
    void closeAll() {
        loaders.forEach(EventLoader::close);
        log.close();
        if (inspector != null) {
            inspector.close();
        }
        dropWarehouse();
    }

    Supplier<Warehouse> warehouses() {
        return () -> {
            return new ForwardingWarehouse(connect(), true).failOn(sql -> crashOn.test(sql));
        };
    }

    EventLoader loader(EventLoader.Options options) {
        EventLoader loader = new EventLoader(log, warehouses(), options, clock);
        loaders.add(loader);
        return loader;
    }

    EventLoader loader() {
        return loader(OPTIONS);
    }

    List<String> rows(String sql) {
        if (inspector == null) {
            inspector = connect();
        }
        return inspector.queryAll(sql).rows().stream().map(Arrays::toString).toList();
    }

    long count(String sql) {
        if (inspector == null) {
            inspector = connect();
        }
        return ((Number) inspector.queryAll(sql).rows().get(0)[0]).longValue();
    }

    static LogRecord record(String source, String json) {
        return new LogRecord(LogRecord.Kind.EVENT, source, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A track event as the collector writes it (docs/EVENTS.md). */
    static LogRecord track(String messageId, String receivedAt, String note) {
        return record("web", """
                {"messageId":"%s","type":"track","event":"Clicked","anonymousId":"a-1","properties":{"note":"%s"},\
                "context":{"ip":"203.0.113.9"},"receivedAt":"%s","timestamp":"%s"}""".formatted(messageId, note, receivedAt, receivedAt));
    }

    static LogRecord track(String messageId) {
        return track(messageId, "2024-05-01T10:00:03.000Z", "");
    }

    void append(LogRecord... records) {
        log.append(List.of(records)).join();
    }

    void appendTracks(int from, int count) {
        log.append(IntStream.range(from, from + count).mapToObj(i -> track("m" + i)).toList()).join();
    }

    static List<EventLoader.LoadCycle> loadEverything(EventLoader loader) {
        List<EventLoader.LoadCycle> cycles = new ArrayList<>();
        EventLoader.LoadCycle cycle;
        while ((cycle = loader.loadAvailable()).records() > 0) {
            cycles.add(cycle);
        }
        return cycles;
    }

    static JsonNode json(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void every_field_of_an_event_lands_in_its_column() {
        append(record("web", """
                {"messageId":"m-1","type":"track","event":"Order Completed","userId":"42","anonymousId":"a-1",
                 "properties":{"revenue":12.5,"items":[1,2]},
                 "context":{"ip":"203.0.113.9","userAgent":"curl/8","library":{"name":"analytics-java"}},
                 "integrations":{"All":true},"originalTimestamp":"2024-05-01T10:00:00.000Z","sentAt":"2024-05-01T10:00:01+00:00",
                 "receivedAt":"2024-05-01T10:00:03.250Z","timestamp":"2024-05-01T10:00:02.250Z",
                 "version":2,"channel":"server","_metadata":{"bundled":["x"]}}"""),
                record("app", """
                {"messageId":"m-2","type":"identify","userId":7,"traits":{"email":"a@example.com"},"context":{},
                 "receivedAt":"2024-05-01T10:00:04.000Z","timestamp":"2024-05-01T10:00:04.000Z"}"""),
                record("app", """
                {"messageId":"m-3","type":"alias","userId":"u-2","previousId":"a-9","receivedAt":"2024-05-01T10:00:04Z"}"""),
                record("app", """
                {"messageId":"m-4","type":"page","name":"Home","anonymousId":"a-3","groupId":"g-1",
                 "originalTimestamp":"2024-05-01 bad","receivedAt":"2024-05-01T10:00:04.000Z","timestamp":"2024-05-01T10:00:04.000Z"}"""));

        EventLoader.LoadCycle cycle = loader().loadAvailable();

        assertEquals(4, cycle.loaded());
        assertEquals(List.of(
                "[m-1, web, track, Order Completed, null, 42, a-1, null, null, 2024-05-01T10:00:02.250Z, 2024-05-01T10:00Z,"
                        + " 2024-05-01T10:00:01Z, 2024-05-01T10:00:03.250Z, 203.0.113.9, curl/8, 2024-05-01T10:00:05Z]",
                "[m-2, app, identify, null, null, 7, null, null, null, 2024-05-01T10:00:04Z, null, null, 2024-05-01T10:00:04Z, null,"
                        + " null, 2024-05-01T10:00:05Z]",
                "[m-3, app, alias, null, null, u-2, null, null, a-9, 2024-05-01T10:00:04Z, null, null, 2024-05-01T10:00:04Z, null,"
                        + " null, 2024-05-01T10:00:05Z]",
                "[m-4, app, page, null, Home, null, a-3, g-1, null, 2024-05-01T10:00:04Z, null, null, 2024-05-01T10:00:04Z, null,"
                        + " null, 2024-05-01T10:00:05Z]"),
                rows("SELECT message_id, source, type, event, name, user_id, anonymous_id, group_id, previous_id, timestamp,"
                        + " original_timestamp, sent_at, received_at, ip, user_agent, _ownstack_loaded_at FROM raw.events ORDER BY message_id"));
        if (inspector == null) {
            inspector = connect();
        }
        Object[] first = inspector.queryAll("SELECT properties, traits, context, integrations, extra FROM raw.events"
                + " WHERE message_id = 'm-1'").rows().get(0);
        assertEquals(json("{\"revenue\":12.5,\"items\":[1,2]}"), json((String) first[0]));
        assertNull(first[1]);
        assertEquals(json("{\"ip\":\"203.0.113.9\",\"userAgent\":\"curl/8\",\"library\":{\"name\":\"analytics-java\"}}"),
                json((String) first[2]));
        assertEquals(json("{\"All\":true}"), json((String) first[3]));
        assertEquals(json("{\"version\":2,\"channel\":\"server\",\"_metadata\":{\"bundled\":[\"x\"]}}"), json((String) first[4]));
        Object[] second = inspector.queryAll("SELECT properties, traits, context, extra FROM raw.events WHERE message_id = 'm-2'")
                .rows().get(0);
        assertEquals(Arrays.asList(null, json("{\"email\":\"a@example.com\"}"), json("{}"), null),
                Arrays.stream(second).map(value -> json((String) value)).toList());
    }

    @Test
    void rejected_and_unloadable_records_land_in_event_rejects() {
        append(new LogRecord(LogRecord.Kind.REJECT, "web", """
                {"reason":"event has neither userId nor anonymousId","messageId":"m-9","receivedAt":"2024-05-01T10:00:03.000Z",
                 "ip":"198.51.100.1","payload":"{\\"type\\":\\"track\\"}"}""".getBytes(StandardCharsets.UTF_8)),
                record("web", "not json"),
                record("web", "{\"type\":\"track\",\"receivedAt\":\"2024-05-01T10:00:03Z\"}"),
                track("m-1"));

        EventLoader.LoadCycle cycle = loader().loadAvailable();

        assertEquals(1, cycle.loaded());
        assertEquals(3, cycle.rejects());
        List<String> rejects = rows("SELECT source, message_id, reason, ip, payload, received_at, _ownstack_loaded_at"
                + " FROM ownstack.event_rejects ORDER BY reason");
        assertEquals(3, rejects.size());
        assertEquals("[web, m-9, event has neither userId nor anonymousId, 198.51.100.1, {\"type\":\"track\"}, 2024-05-01T10:00:03Z,"
                + " 2024-05-01T10:00:05Z]", rejects.get(0));
        assertTrue(rejects.get(2).matches("\\[web, null, event record at log offset \\d+ cannot be loaded: it has no messageId, null,"
                + " \\{\"type\":\"track\",\"receivedAt\":\"2024-05-01T10:00:03Z\"}, 2024-05-01T10:00:03Z, .*"), rejects.get(2));
        assertTrue(rejects.get(1).matches("\\[web, null, event record at log offset \\d+ cannot be loaded: it is not valid JSON .*,"
                + " null, not json, null, .*"), rejects.get(1));
    }

    @Test
    void batches_take_at_most_the_configured_number_of_records() {
        appendTracks(0, 250);
        EventLoader loader = loader(new EventLoader.Options(Duration.ofMillis(100), 100, Duration.ofHours(24)));

        List<EventLoader.LoadCycle> cycles = loadEverything(loader);

        assertEquals(List.of(100L, 100L, 50L), cycles.stream().map(EventLoader.LoadCycle::loaded).toList());
        assertEquals(log.durableEnd(), cycles.get(2).position().offset(0));
        assertEquals(250, count("SELECT count(DISTINCT message_id) FROM raw.events"));
        assertEquals(List.of("[" + log.id() + ", 0, " + log.durableEnd() + ", 2024-05-01T10:00:05Z]"),
                rows("SELECT log_id, partition, next_offset, updated_at FROM ownstack.event_log_positions"));
    }

    @Test
    void a_crash_inside_the_load_transaction_neither_loses_nor_duplicates_events_after_a_restart() {
        appendTracks(0, 1_000);
        EventLoader.Options options = new EventLoader.Options(Duration.ofMillis(100), 300, Duration.ofHours(24));
        EventLoader crashing = loader(options);
        assertEquals(300, crashing.loadAvailable().loaded());
        crashOn = sql -> sql.contains("event_log_positions") && (sql.startsWith("UPDATE") || sql.startsWith("INSERT"));

        OwnstackException crash = assertThrows(OwnstackException.class, crashing::loadAvailable);

        assertTrue(crash.getMessage().startsWith("simulated failure"), crash.getMessage());
        assertEquals(300, count("SELECT count(*) FROM raw.events"), "the crashed batch's rows rolled back");
        assertEquals(0, count("SELECT count(*) FROM ownstack.event_stage"));
        // the process dies: the loader is dropped as it is, the log reopened from its files
        log.close();
        log = new FileEventLog(directory.resolve("events"));
        crashOn = sql -> false;

        List<EventLoader.LoadCycle> cycles = loadEverything(loader(options));

        assertEquals(700, cycles.stream().mapToLong(EventLoader.LoadCycle::loaded).sum());
        assertEquals(0, cycles.stream().mapToLong(EventLoader.LoadCycle::duplicates).sum(), "the crashed batch committed nothing");
        assertEquals(1_000, count("SELECT count(*) FROM raw.events"));
        assertEquals(1_000, count("SELECT count(DISTINCT message_id) FROM raw.events"));
    }

    @Test
    void after_a_failed_batch_the_same_loader_starts_again_from_the_committed_position() {
        appendTracks(0, 100);
        EventLoader loader = loader(new EventLoader.Options(Duration.ofMillis(100), 40, Duration.ofHours(24)));
        loader.loadAvailable();
        crashOn = sql -> sql.startsWith("INSERT INTO \"raw\"");
        assertThrows(OwnstackException.class, loader::loadAvailable);
        crashOn = sql -> false;

        List<EventLoader.LoadCycle> cycles = loadEverything(loader);

        assertEquals(List.of(40L, 20L), cycles.stream().map(EventLoader.LoadCycle::loaded).toList());
        assertEquals(100, count("SELECT count(DISTINCT message_id) FROM raw.events"));
        assertEquals(100, count("SELECT count(*) FROM raw.events"));
    }

    @Test
    void loading_resumes_after_a_restart_from_the_committed_position() {
        appendTracks(0, 10);
        assertEquals(10, loader().loadAvailable().loaded());
        loaders.forEach(EventLoader::close);
        log.close();
        log = new FileEventLog(directory.resolve("events"));
        appendTracks(10, 5);

        EventLoader.LoadCycle cycle = loader().loadAvailable();

        assertEquals(5, cycle.loaded());
        assertEquals(0, cycle.duplicates());
        assertEquals(15, count("SELECT count(*) FROM raw.events"));
    }

    @Test
    void an_event_sent_again_after_a_lost_acknowledgement_lands_once() {
        append(track("m-1", "2024-05-01T10:00:01.000Z", "first"), track("m-2"), track("m-1", "2024-05-01T10:00:02.000Z", "second"));
        EventLoader loader = loader();
        EventLoader.LoadCycle first = loader.loadAvailable();
        append(track("m-1", "2024-05-01T10:00:04.000Z", "third"));

        EventLoader.LoadCycle second = loader.loadAvailable();

        assertEquals(2, first.loaded());
        assertEquals(1, first.duplicates());
        assertEquals(0, second.loaded());
        assertEquals(1, second.duplicates());
        assertEquals(List.of("[m-1, 2024-05-01T10:00:01Z]", "[m-2, 2024-05-01T10:00:03Z]"),
                rows("SELECT message_id, received_at FROM raw.events ORDER BY message_id"));
        assertEquals(new EventLoader.Stats(2, 2, 0, Optional.of(NOW), Optional.empty()), loader.stats());
    }

    @Test
    void a_message_id_lands_again_once_its_first_arrival_is_outside_the_dedup_window() {
        append(track("m-1", "2024-05-01T10:00:03.000Z", "first"));
        EventLoader loader = loader();
        loader.loadAvailable();
        clock.set(NOW.plus(Duration.ofHours(25)));
        append(track("m-1", "2024-05-02T11:00:03.000Z", "a day later"));

        EventLoader.LoadCycle cycle = loader.loadAvailable();

        assertEquals(1, cycle.loaded());
        assertEquals(2, count("SELECT count(*) FROM raw.events WHERE message_id = 'm-1'"));
    }

    @Test
    void the_same_message_id_from_two_sources_is_two_events() {
        append(track("m-1"), record("app", """
                {"messageId":"m-1","type":"track","event":"Opened","userId":"u","receivedAt":"2024-05-01T10:00:03Z"}"""));

        assertEquals(2, loader().loadAvailable().loaded());
        assertEquals(List.of("[app]", "[web]"), rows("SELECT source FROM raw.events ORDER BY source"));
    }

    @Test
    void json_with_nul_characters_loads_on_every_engine() {
        append(record("web", """
                {"messageId":"m-1","type":"track","event":"x\\u0000y","anonymousId":"a","properties":{"k\\u0000":"v\\u0000w"},
                 "receivedAt":"2024-05-01T10:00:03Z"}"""));

        assertEquals(1, loader().loadAvailable().loaded());
        if (inspector == null) {
            inspector = connect();
        }
        assertEquals(json("{\"k\":\"vw\"}"), json((String) inspector.queryAll("SELECT properties FROM raw.events").rows().get(0)[0]));
    }

    @Test
    void loaded_segments_are_released_and_the_backlog_falls_to_zero() throws IOException {
        log.close();
        log = new FileEventLog(directory.resolve("small"), 4096, FileEventLog.DEFAULT_MAX_PENDING_BYTES);
        for (int i = 0; i < 20; i++) {
            appendTracks(i * 10, 10);
        }
        EventLoader loader = loader();
        assertEquals(log.durableEnd(), loader.backlogBytes(), "before the first batch, the whole log");
        long segmentsBefore = segmentCount(directory.resolve("small"));

        loadEverything(loader);

        assertEquals(0, loader.backlogBytes());
        assertTrue(segmentsBefore > 2, "segments: " + segmentsBefore);
        assertEquals(1, segmentCount(directory.resolve("small")));
        assertEquals(200, count("SELECT count(*) FROM raw.events"));
    }

    @Test
    void in_the_background_events_land_soon_after_they_are_appended() throws InterruptedException {
        EventLoader loader = loader();
        loader.start();
        appendTracks(0, 10);
        awaitCount(10);
        appendTracks(10, 10);
        awaitCount(20);

        loader.close();

        assertEquals(20, loader.stats().loaded());
        assertTrue(loader.stats().lastLoadAt().isPresent());
        assertEquals(20, count("SELECT count(*) FROM raw.events"));
    }

    @Test
    void in_the_background_a_failing_warehouse_is_retried_without_skipping_records() throws InterruptedException {
        AtomicInteger failures = new AtomicInteger(1);
        EventLoader loader = new EventLoader(log, () -> {
            if (failures.getAndDecrement() > 0) {
                throw new OwnstackException(ErrorCode.WAREHOUSE_BUSY, "warehouse is in use by another process");
            }
            return warehouses().get();
        }, OPTIONS, clock);
        loaders.add(loader);
        appendTracks(0, 10);

        loader.start();
        awaitCount(10);
        loader.close();

        assertEquals(10, count("SELECT count(DISTINCT message_id) FROM raw.events"));
        assertFalse(loader.stats().lastError().isPresent(), "cleared by the success");
    }

    @Test
    void close_loads_what_arrived_while_the_loader_paused() throws InterruptedException {
        EventLoader loader = loader(new EventLoader.Options(Duration.ofMinutes(10), 1_000, Duration.ofHours(24)));
        loader.start();
        appendTracks(0, 5);
        awaitCount(5);
        appendTracks(5, 5);

        loader.close();

        assertEquals(10, count("SELECT count(*) FROM raw.events"));
    }

    @Test
    void start_twice_is_a_mistake() {
        EventLoader loader = loader();
        loader.start();

        assertEquals(ErrorCode.INTERNAL, assertThrows(OwnstackException.class, loader::start).code());
    }

    void awaitCount(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (tableExists() && count("SELECT count(*) FROM raw.events") >= expected) {
                return;
            }
            Thread.sleep(20);
        }
        assertEquals(expected, count("SELECT count(*) FROM raw.events"), "events loaded within 30 s");
    }

    private boolean tableExists() {
        if (inspector == null) {
            inspector = connect();
        }
        return inspector.describe(EventTables.EVENTS).isPresent();
    }

    static long segmentCount(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.toString().endsWith(".log")).count();
        }
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void set(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
