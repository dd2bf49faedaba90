package dev.ownstack.ingest.events.kafka;

import dev.ownstack.core.config.CollectorConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.ingest.events.EventLog;
import dev.ownstack.ingest.events.EventLogReader;
import dev.ownstack.ingest.events.LogPosition;
import dev.ownstack.ingest.events.LogRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An {@link EventLog} on a Kafka topic, so that many collector nodes can share one log. A record
 * is a Kafka record with the JSON as its value and headers {@code kind} ({@code EVENT} or
 * {@code REJECT}) and {@code source}; it has no key, so the producer's sticky partitioner fills
 * one partition's batch at a time. Order across partitions is not kept, which the loader does
 * not need: rows carry their own timestamps, and duplicates (a client's retry after a lost
 * answer) are dropped on {@code (source, messageId)} whichever partition they are in.
 *
 * <p>An append completes when every record of it is acknowledged by all in-sync replicas
 * ({@code acks=all}, idempotent producer). The loader reads with {@link #reader(LogPosition)} and
 * keeps its positions in the warehouse, so no consumer group is used; one loader consumes a topic.
 *
 * <p>Threading: {@link #append(List)}, {@link #backlogBytes(LogPosition)} and {@link #id()} may be
 * called from any thread. Append futures complete on the Kafka producer's I/O thread, so what
 * depends on them must not block. Each reader is used by one thread.
 */
public final class KafkaEventLog implements EventLog {
    static final String KIND_HEADER = "kind";
    static final String SOURCE_HEADER = "source";

    private final CollectorConfig.Kafka kafka;
    private final KafkaLogSettings settings;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<TopicPartition> partitions;
    private final AverageRecordSize recordSize = new AverageRecordSize();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaEventLog(CollectorConfig.Kafka kafka, KafkaLogSettings settings, Admin admin,
                          KafkaProducer<byte[], byte[]> producer, List<TopicPartition> partitions) {
        this.kafka = kafka;
        this.settings = settings;
        this.admin = admin;
        this.producer = producer;
        this.partitions = List.copyOf(partitions);
    }

    /** Opens the log with {@link KafkaLogSettings#DEFAULTS}. */
    public static KafkaEventLog open(CollectorConfig.Kafka kafka) {
        return open(kafka, KafkaLogSettings.DEFAULTS);
    }

    /**
     * Connects to the cluster, creates the topic when it does not exist, and readies a producer.
     *
     * @throws OwnstackException {@code IO_FAILED} when the cluster does not answer within the
     *     settings' timeout or refuses to describe or create the topic
     */
    public static KafkaEventLog open(CollectorConfig.Kafka kafka, KafkaLogSettings settings) {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(settings, "settings");
        Admin admin = null;
        KafkaProducer<byte[], byte[]> producer = null;
        try {
            admin = Admin.create(KafkaClientProperties.admin(kafka, settings));
            List<TopicPartition> partitions = new KafkaTopic(kafka, settings, admin).ensureExists();
            producer = new KafkaProducer<>(KafkaClientProperties.producer(kafka, settings),
                    new ByteArraySerializer(), new ByteArraySerializer());
            new KafkaTopic(kafka, settings, admin).awaitMetadata(producer);
            return new KafkaEventLog(kafka, settings, admin, producer, partitions);
        } catch (RuntimeException e) {
            if (producer != null) {
                producer.close(Duration.ZERO);
            }
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
            if (e instanceof OwnstackException) {
                throw e;
            }
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot open Kafka topic " + kafka.topic() + " at "
                    + kafka.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String id() {
        return "kafka:" + kafka.topic();
    }

    @Override
    public CompletableFuture<LogPosition> append(List<LogRecord> records) {
        Objects.requireNonNull(records, "records");
        if (closed.get()) {
            return CompletableFuture.failedFuture(new OwnstackException(ErrorCode.IO_FAILED,
                    "the Kafka event log of topic " + kafka.topic() + " is closed"));
        }
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(LogPosition.START);
        }
        long bytes = 0;
        for (LogRecord record : records) {
            bytes += record.json().length;
        }
        long pending = pendingBytes.addAndGet(bytes);
        if (pending > settings.maxPendingBytes()) {
            pendingBytes.addAndGet(-bytes);
            return CompletableFuture.failedFuture(new OwnstackException(ErrorCode.OVERLOADED,
                    "Kafka topic " + kafka.topic() + " has " + (pending - bytes) + " bytes waiting for acknowledgement;"
                            + " " + bytes + " more would pass the limit of " + settings.maxPendingBytes()));
        }
        AppendGroup group = new AppendGroup(records.size());
        int sent = 0;
        try {
            for (LogRecord record : records) {
                long size = record.json().length;
                producer.send(producerRecord(record), (metadata, exception) -> {
                    pendingBytes.addAndGet(-size);
                    if (exception == null) {
                        recordSize.observe(size);
                    }
                    group.acknowledged(metadata, exception);
                });
                sent++;
            }
        } catch (KafkaException | IllegalStateException e) {
            for (int unsent = sent; unsent < records.size(); unsent++) {
                pendingBytes.addAndGet(-records.get(unsent).json().length);
            }
            group.fail(sendFailure(e));
        }
        return group.result;
    }

    private ProducerRecord<byte[], byte[]> producerRecord(LogRecord record) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(KIND_HEADER, record.kind().name().getBytes(StandardCharsets.UTF_8));
        headers.add(SOURCE_HEADER, record.source().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(kafka.topic(), null, null, null, record.json(), headers);
    }

    private OwnstackException sendFailure(Exception e) {
        if (e instanceof BufferExhaustedException) {
            return new OwnstackException(ErrorCode.OVERLOADED, "the Kafka producer's buffer for topic " + kafka.topic()
                    + " is full: " + e.getMessage(), e);
        }
        return new OwnstackException(ErrorCode.IO_FAILED, "Kafka at " + kafka.bootstrapServers()
                + " did not take records for topic " + kafka.topic() + ": " + e.getMessage(), e);
    }

    /** The records of one append: done when the last is acknowledged, failed by the first failure. */
    private final class AppendGroup {
        final CompletableFuture<LogPosition> result = new CompletableFuture<>();
        private final Map<Integer, Long> nextOffsets = new HashMap<>();
        private int remaining;

        AppendGroup(int records) {
            this.remaining = records;
        }

        synchronized void acknowledged(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                fail(sendFailure(exception));
                return;
            }
            nextOffsets.merge(metadata.partition(), metadata.offset() + 1, Math::max);
            remaining--;
            if (remaining == 0) {
                result.complete(new LogPosition(nextOffsets));
            }
        }

        void fail(OwnstackException failure) {
            result.completeExceptionally(failure);
        }
    }

    @Override
    public EventLogReader reader(LogPosition from) {
        Objects.requireNonNull(from, "from");
        return new KafkaLogReader(kafka, settings, from, recordSize);
    }

    /**
     * The records after {@code loaded} times the mean size of the records this process appended
     * or read (an estimate: sizes vary, records already removed by retention are counted, and
     * partitions added to the topic after {@link #open} are not).
     * Asks the cluster for the topic's end offsets, so call it at most every second or so.
     */
    @Override
    public long backlogBytes(LogPosition loaded) {
        Objects.requireNonNull(loaded, "loaded");
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicPartition partition : partitions) {
            request.put(partition, OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = KafkaTopic.await(
                admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all(),
                settings, "read the end offsets of Kafka topic " + kafka.topic() + " at " + kafka.bootstrapServers());
        long records = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
            records += Math.max(0, end.getValue().offset() - loaded.offset(end.getKey().partition()));
        }
        return records * recordSize.bytesPerRecord();
    }

    /** Kafka removes records by the topic's retention; nothing to do. */
    @Override
    public void release(LogPosition loaded) {
        Objects.requireNonNull(loaded, "loaded");
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            producer.close(settings.timeout());
        } finally {
            admin.close(settings.timeout());
        }
    }

    @Override
    public String toString() {
        return "KafkaEventLog[" + kafka + "]";
    }
}
