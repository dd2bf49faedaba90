package dev.ownstack.ingest.events.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.CollectorConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.ingest.events.EventLogReader;
import dev.ownstack.ingest.events.LogEntry;
import dev.ownstack.ingest.events.LogPosition;
import dev.ownstack.ingest.events.LogRecord;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaEventLogIT {
    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static KafkaTestCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = KafkaTestCluster.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void every_record_appended_from_several_threads_is_read_back_once() throws Exception {
        int threads = 4;
        int appendsPerThread = 25;
        int recordsPerAppend = 8;
        List<LogPosition> positions = new ArrayList<>();
        Map<String, LogRecord> expected = new HashMap<>();
        try (KafkaEventLog log = KafkaEventLog.open(kafka(newTopic()))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<List<LogPosition>>> work = new ArrayList<>();
                for (int thread = 0; thread < threads; thread++) {
                    String source = "source-" + thread;
                    List<List<LogRecord>> appends = new ArrayList<>();
                    for (int append = 0; append < appendsPerThread; append++) {
                        List<LogRecord> records = new ArrayList<>();
                        for (int i = 0; i < recordsPerAppend; i++) {
                            String messageId = source + "-" + append + "-" + i;
                            LogRecord record = record(i % 4 == 3 ? LogRecord.Kind.REJECT : LogRecord.Kind.EVENT, source, messageId);
                            records.add(record);
                            expected.put(messageId, record);
                        }
                        appends.add(records);
                    }
                    work.add(pool.submit(() -> {
                        List<CompletableFuture<LogPosition>> acknowledgements = new ArrayList<>();
                        for (List<LogRecord> records : appends) {
                            acknowledgements.add(log.append(records));
                        }
                        List<LogPosition> done = new ArrayList<>();
                        for (CompletableFuture<LogPosition> acknowledgement : acknowledgements) {
                            done.add(acknowledgement.get(30, TimeUnit.SECONDS));
                        }
                        return done;
                    }));
                }
                for (Future<List<LogPosition>> future : work) {
                    positions.addAll(future.get());
                }
            } finally {
                pool.shutdownNow();
            }

            try (EventLogReader reader = log.reader(LogPosition.START)) {
                List<LogEntry> entries = readAll(reader, expected.size());
                Map<String, LogRecord> read = new HashMap<>();
                for (LogEntry entry : entries) {
                    LogRecord record = entry.record();
                    LogRecord before = read.put(messageId(record), record);
                    assertEquals(null, before, "read twice: " + messageId(record));
                    assertEquals(entry.offset() + 1, entry.nextOffset());
                }
                assertEquals(expected.keySet(), read.keySet());
                for (Map.Entry<String, LogRecord> entry : expected.entrySet()) {
                    LogRecord record = read.get(entry.getKey());
                    assertEquals(entry.getValue().kind(), record.kind(), entry.getKey());
                    assertEquals(entry.getValue().source(), record.source(), entry.getKey());
                    assertEquals(json(entry.getValue()), json(record), entry.getKey());
                }
                assertEquals(latest(positions), reader.position());
                assertTrue(reader.poll(10, Duration.ofMillis(200)).isEmpty());
            }
        }
    }

    @Test
    void a_reader_from_a_position_returns_exactly_the_records_appended_after_it() throws Exception {
        try (KafkaEventLog log = KafkaEventLog.open(kafka(newTopic()))) {
            LogPosition first = log.append(records("early", 30)).get(30, TimeUnit.SECONDS);
            LogPosition second = log.append(records("late", 20)).get(30, TimeUnit.SECONDS);

            try (EventLogReader reader = log.reader(first)) {
                assertEquals(first, reader.position());
                List<LogEntry> some = reader.poll(3, Duration.ofSeconds(10));
                assertEquals(3, some.size());
                List<LogEntry> entries = new ArrayList<>(some);
                entries.addAll(readAll(reader, 17));
                List<String> ids = new ArrayList<>();
                for (LogEntry entry : entries) {
                    ids.add(messageId(entry.record()));
                }
                assertEquals(records("late", 20).stream().map(KafkaEventLogIT::messageId).sorted().toList(),
                        ids.stream().sorted().toList());
                assertEquals(latest(List.of(first, second)), reader.position());
            }
        }
    }

    @Test
    void the_backlog_is_the_records_after_the_loaded_position_times_their_mean_size() throws Exception {
        try (KafkaEventLog log = KafkaEventLog.open(kafka(newTopic()))) {
            LogPosition first = log.append(sized(40, 200)).get(30, TimeUnit.SECONDS);
            LogPosition second = log.append(sized(60, 200)).get(30, TimeUnit.SECONDS);

            assertEquals(100 * 200, log.backlogBytes(LogPosition.START));
            assertEquals(60 * 200, log.backlogBytes(first));
            assertEquals(0, log.backlogBytes(latest(List.of(first, second))));
        }
    }

    @Test
    void an_append_past_the_pending_bytes_limit_is_overloaded() throws Exception {
        KafkaLogSettings settings = new KafkaLogSettings(3, 1_000, Duration.ofSeconds(10));
        try (KafkaEventLog log = KafkaEventLog.open(kafka(newTopic()), settings)) {
            ExecutionException overloaded = assertThrows(ExecutionException.class,
                    () -> log.append(sized(2, 600)).get(30, TimeUnit.SECONDS));
            assertEquals(ErrorCode.OVERLOADED, assertInstanceOf(OwnstackException.class, overloaded.getCause()).code());

            LogPosition position = log.append(sized(1, 600)).get(30, TimeUnit.SECONDS);
            assertEquals(1, log.backlogBytes(LogPosition.START) / 600);
            assertEquals(0, log.backlogBytes(position));
        }
    }

    @Test
    void an_unreachable_cluster_fails_to_open_within_the_timeout_naming_servers_and_topic() throws Exception {
        String servers = "127.0.0.1:" + freePort();
        KafkaLogSettings settings = new KafkaLogSettings(3, 1 << 20, Duration.ofSeconds(2));
        OwnstackException failure = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(OwnstackException.class,
                () -> KafkaEventLog.open(new CollectorConfig.Kafka(servers, "events", Map.of()), settings)));
        assertEquals(ErrorCode.IO_FAILED, failure.code());
        assertTrue(failure.getMessage().contains(servers), failure.getMessage());
        assertTrue(failure.getMessage().contains("events"), failure.getMessage());
    }

    @Test
    void an_append_after_the_cluster_stopped_fails_with_io_failed_within_the_delivery_timeout() throws Exception {
        KafkaTestCluster stopping = KafkaTestCluster.start();
        try {
            Map<String, String> properties = Map.of("delivery.timeout.ms", "3000", "request.timeout.ms", "1000", "linger.ms", "0");
            KafkaLogSettings settings = new KafkaLogSettings(1, 1 << 20, Duration.ofSeconds(3));
            try (KafkaEventLog log = KafkaEventLog.open(new CollectorConfig.Kafka(stopping.bootstrapServers(), "events", properties), settings)) {
                log.append(records("before", 3)).get(30, TimeUnit.SECONDS);
                stopping.close();

                ExecutionException failed = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(ExecutionException.class,
                        () -> log.append(records("after", 3)).get(30, TimeUnit.SECONDS)));
                OwnstackException failure = assertInstanceOf(OwnstackException.class, failed.getCause());
                assertEquals(ErrorCode.IO_FAILED, failure.code());
                assertTrue(failure.getMessage().contains(stopping.bootstrapServers()), failure.getMessage());
            }
        } finally {
            stopping.close();
        }
    }

    @Test
    void a_position_past_the_end_of_the_topic_is_an_error_not_a_silent_jump() throws Exception {
        try (KafkaEventLog log = KafkaEventLog.open(kafka(newTopic()))) {
            log.append(records("only", 5)).get(30, TimeUnit.SECONDS);
            LogPosition future = new LogPosition(Map.of(0, 1_000L, 1, 1_000L, 2, 1_000L));
            try (EventLogReader reader = log.reader(future)) {
                OwnstackException failure = assertThrows(OwnstackException.class, () -> reader.poll(10, Duration.ofSeconds(10)));
                assertEquals(ErrorCode.IO_FAILED, failure.code());
                assertTrue(failure.getMessage().contains("made anew"), failure.getMessage());
            }
        }
    }

    @Test
    void a_record_not_written_by_the_log_is_reported_with_its_offset() throws Exception {
        String topic = newTopic();
        try (KafkaEventLog log = KafkaEventLog.open(kafka(topic))) {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", cluster.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(topic, 1, null, "{}".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
            }
            try (EventLogReader reader = log.reader(LogPosition.START)) {
                OwnstackException failure = assertThrows(OwnstackException.class, () -> reader.poll(10, Duration.ofSeconds(10)));
                assertEquals(ErrorCode.IO_FAILED, failure.code());
                assertTrue(failure.getMessage().contains("offset 0 of partition 1"), failure.getMessage());
            }
        }
    }

    private static List<LogEntry> readAll(EventLogReader reader, int count) {
        List<LogEntry> entries = new ArrayList<>();
        for (int polls = 0; entries.size() < count && polls < 100; polls++) {
            entries.addAll(reader.poll(count - entries.size(), Duration.ofMillis(500)));
        }
        assertEquals(count, entries.size());
        return entries;
    }

    /** For each partition, the furthest of the positions. */
    private static LogPosition latest(List<LogPosition> positions) {
        LogPosition latest = LogPosition.START;
        for (LogPosition position : positions) {
            for (Map.Entry<Integer, Long> offset : position.offsets().entrySet()) {
                latest = latest.with(offset.getKey(), Math.max(latest.offset(offset.getKey()), offset.getValue()));
            }
        }
        return latest;
    }

    private static List<LogRecord> records(String prefix, int count) {
        List<LogRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(record(LogRecord.Kind.EVENT, "web", prefix + "-" + i));
        }
        return records;
    }

    /** Records whose JSON is exactly {@code bytes} long. */
    private static List<LogRecord> sized(int count, int bytes) {
        List<LogRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String head = "{\"messageId\":\"m" + i + "\",\"pad\":\"";
            String json = head + "x".repeat(bytes - head.length() - 2) + "\"}";
            records.add(new LogRecord(LogRecord.Kind.EVENT, "web", json.getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    private static LogRecord record(LogRecord.Kind kind, String source, String messageId) {
        String json = "{\"messageId\":\"" + messageId + "\",\"type\":\"track\",\"event\":\"Ünïcode ✓\"}";
        return new LogRecord(kind, source, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(LogRecord record) {
        return new String(record.json(), StandardCharsets.UTF_8);
    }

    private static String messageId(LogRecord record) {
        String json = json(record);
        int start = json.indexOf("\"messageId\":\"") + 13;
        return json.substring(start, json.indexOf('"', start));
    }

    private static CollectorConfig.Kafka kafka(String topic) {
        return new CollectorConfig.Kafka(cluster.bootstrapServers(), topic, Map.of());
    }

    private static String newTopic() {
        return "events-" + TOPICS.incrementAndGet();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
