package dev.ownstack.destinations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.SyncRecord;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaDestinationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RunInfo RUN = new RunInfo("vips", 3, Instant.parse("2026-11-26T14:00:00Z"));
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
    void writes_records_keyed_by_the_identifier_with_the_fields_as_json() throws Exception {
        String topic = createTopic(3);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", "ada@example.com");
        fields.put("spent", new BigDecimal("1234.50"));
        fields.put("vip", true);
        fields.put("last_order", LocalDate.parse("2026-11-01"));
        fields.put("seen", Instant.parse("2026-11-25T10:15:30Z"));
        fields.put("phone", null);

        BatchResult result;
        try (Destination destination = open(topic, Map.of())) {
            result = destination.write(batch(Operation.UPSERT, 1, new SyncRecord("c-1", fields), record("c-2"), record("c-3")));
        }

        assertEquals(List.of(RecordResult.accepted("c-1"), RecordResult.accepted("c-2"), RecordResult.accepted("c-3")), result.results());
        Map<String, ConsumerRecord<byte[], byte[]>> byKey = byKey(read(topic, 3));
        assertEquals(List.of("c-1", "c-2", "c-3"), byKey.keySet().stream().sorted().toList());
        ConsumerRecord<byte[], byte[]> first = byKey.get("c-1");
        assertEquals(JSON.readTree("""
                {"email":"ada@example.com","spent":1234.50,"vip":true,"last_order":"2026-11-01","seen":"2026-11-25T10:15:30Z","phone":null}"""),
                JSON.readTree(first.value()));
        assertTrue(new String(first.value(), StandardCharsets.UTF_8).contains("\"spent\":1234.50"));
        assertEquals("vips", header(first, KafkaValue.SYNC_HEADER));
        assertEquals("3", header(first, KafkaValue.RUN_HEADER));
        assertEquals("vips-3-1", header(first, KafkaValue.BATCH_HEADER));
        assertEquals("upsert", header(first, KafkaValue.OPERATION_HEADER));
    }

    @Test
    void a_removal_is_a_tombstone_by_default() throws Exception {
        String topic = createTopic(1);
        try (Destination destination = open(topic, Map.of())) {
            destination.write(batch(Operation.REMOVE, 1, record("c-1")));
        }

        ConsumerRecord<byte[], byte[]> removal = read(topic, 1).get(0);
        assertEquals("c-1", new String(removal.key(), StandardCharsets.UTF_8));
        assertNull(removal.value());
        assertEquals("remove", header(removal, KafkaValue.OPERATION_HEADER));
    }

    @Test
    void a_removal_is_a_removed_flag_when_configured() throws Exception {
        String topic = createTopic(1);
        try (Destination destination = open(topic, Map.of("remove-as", "flag"))) {
            destination.write(batch(Operation.REMOVE, 1, record("c-1")));
        }

        ConsumerRecord<byte[], byte[]> removal = read(topic, 1).get(0);
        assertEquals("{\"removed\":true}", new String(removal.value(), StandardCharsets.UTF_8));
    }

    @Test
    void batches_written_from_several_threads_each_arrive_once_and_a_keys_records_stay_in_order() throws Exception {
        String topic = createTopic(4);
        int threads = 4;
        int batchesPerThread = 10;
        try (Destination destination = open(topic, Map.of())) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<BatchResult>> work = new ArrayList<>();
                for (int thread = 0; thread < threads; thread++) {
                    int owner = thread;
                    work.add(pool.submit(() -> {
                        BatchResult last = null;
                        for (int i = 0; i < batchesPerThread; i++) {
                            // The same five keys per thread, ten versions each: the topic must keep them in order.
                            List<SyncRecord> records = new ArrayList<>();
                            for (int key = 0; key < 5; key++) {
                                records.add(new SyncRecord("t" + owner + "-k" + key, Map.of("version", (long) i)));
                            }
                            last = destination.write(new RecordBatch("vips-3-" + owner + "-" + i, RUN, Operation.UPSERT, records, 1));
                            assertTrue(last.results().stream().allMatch(RecordResult::accepted), last.toString());
                        }
                        return last;
                    }));
                }
                for (Future<BatchResult> future : work) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }

        List<ConsumerRecord<byte[], byte[]>> records = read(topic, threads * batchesPerThread * 5);
        Map<String, List<Long>> versions = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            versions.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), key -> new ArrayList<>())
                    .add(JSON.readTree(record.value()).get("version").asLong());
        }
        assertEquals(threads * 5, versions.size());
        List<Long> inOrder = List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        versions.forEach((key, seen) -> assertEquals(inOrder, seen, key));
    }

    @Test
    void rejects_a_record_larger_than_the_producer_allows_and_accepts_the_rest() throws Exception {
        String topic = createTopic(1);
        BatchResult result;
        try (Destination destination = open(topic, Map.of("properties", Map.of("max.request.size", "2048")))) {
            result = destination.write(batch(Operation.UPSERT, 1, record("c-1"), new SyncRecord("c-2", Map.of("blob", "x".repeat(4_000)))));
        }

        assertTrue(result.results().get(0).accepted());
        RecordResult tooLarge = result.results().get(1);
        assertEquals("c-2", tooLarge.key());
        assertEquals(ErrorClass.PERMANENT, tooLarge.errorClass().orElseThrow());
        assertTrue(tooLarge.message().startsWith("RecordTooLargeException"), tooLarge.message());
        assertEquals(1, read(topic, 1).size());
    }

    @Test
    void a_batch_of_which_nothing_got_through_fails_as_a_whole_and_may_be_retried() throws Exception {
        String topic = createTopic(1);
        try (Destination destination = open(topic, Map.of("timeout-seconds", 2))) {
            assertTrue(destination.write(batch(Operation.UPSERT, 1, record("c-1"))).results().get(0).accepted());
            try (Admin admin = admin()) {
                admin.deleteTopics(List.of(topic)).all().get();
            }

            DestinationException error = assertThrows(DestinationException.class,
                    () -> destination.write(batch(Operation.UPSERT, 2, record("c-2"), record("c-3"))));

            assertEquals(ErrorClass.RETRYABLE, error.errorClass());
            assertTrue(error.getMessage().startsWith("cannot write to Kafka topic " + topic), error.getMessage());
        }
    }

    @Test
    void check_names_the_partitions_of_an_existing_topic() {
        String topic = createTopic(3);
        try (Destination destination = open(topic, Map.of())) {
            CheckResult result = destination.check();

            assertTrue(result.ok(), result.message());
            assertEquals("Kafka topic " + topic + " at " + cluster.bootstrapServers() + " exists with 3 partitions", result.message());
        }
    }

    @Test
    void a_missing_topic_fails_the_check_and_every_write_and_is_never_created() throws Exception {
        String topic = "missing-" + TOPICS.incrementAndGet();
        try (Destination destination = open(topic, Map.of())) {
            CheckResult check = destination.check();
            DestinationException write = assertThrows(DestinationException.class, () -> destination.write(batch(Operation.UPSERT, 1, record("c-1"))));

            assertFalse(check.ok());
            assertTrue(check.message().contains("Kafka topic " + topic + " at " + cluster.bootstrapServers() + " does not exist"), check.message());
            assertEquals(ErrorClass.RETRYABLE, write.errorClass());
            assertTrue(write.getMessage().contains("does not exist: create it"), write.getMessage());
        }
        try (Admin admin = admin()) {
            assertFalse(admin.listTopics().names().get().contains(topic));
        }
    }

    @Test
    void an_unreachable_cluster_fails_the_check_without_throwing() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Destination destination = new KafkaDestinationFactory().open(KafkaTestSettings.settings("127.0.0.1:" + closedPort, "customers",
                Map.of("timeout-seconds", 2)));

        CheckResult result = destination.check();

        assertFalse(result.ok());
        assertTrue(result.message().contains("Kafka topic customers at 127.0.0.1:" + closedPort), result.message());
        destination.close();
    }

    private static Destination open(String topic, Map<String, Object> more) {
        return new KafkaDestinationFactory().open(KafkaTestSettings.settings(cluster.bootstrapServers(), topic, more));
    }

    private static String createTopic(int partitions) {
        String topic = "sync-" + TOPICS.incrementAndGet();
        try {
            cluster.createTopic(topic, partitions);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic, e);
        }
        return topic;
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
    }

    /** Every record of the topic, reading until {@code expected} arrived (or a minute passed: the assertion then shows what did). */
    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int expected) {
        Map<String, Object> properties = Map.of("bootstrap.servers", cluster.bootstrapServers(),
                "key.deserializer", ByteArrayDeserializer.class.getName(), "value.deserializer", ByteArrayDeserializer.class.getName(),
                "isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // Anything beyond what was expected would be a duplicate: read a little longer to see it.
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        assertEquals(expected, records.size(), "records in " + topic);
        return records;
    }

    private static Map<String, ConsumerRecord<byte[], byte[]>> byKey(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, ConsumerRecord<byte[], byte[]>> byKey = new HashMap<>();
        records.forEach(record -> byKey.put(new String(record.key(), StandardCharsets.UTF_8), record));
        return byKey;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static RecordBatch batch(Operation operation, int sequence, SyncRecord... records) {
        return new RecordBatch(RUN.sync() + "-" + RUN.runId() + "-" + sequence, RUN, operation, List.of(records), 1);
    }

    private static SyncRecord record(String key) {
        return new SyncRecord(key, Map.of("email", key + "@example.com"));
    }
}
