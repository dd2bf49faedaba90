package dev.ownstack.ingest.events.kafka;

import dev.ownstack.core.config.CollectorConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.ingest.events.EventLogReader;
import dev.ownstack.ingest.events.LogEntry;
import dev.ownstack.ingest.events.LogPosition;
import dev.ownstack.ingest.events.LogRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every partition of the topic, as they were when the reader was made (a partition added
 * later is read by the next reader), from the given position: a partition at offset 0 from its
 * first retained record, any other from exactly that offset. Only records acknowledged by all
 * in-sync replicas are visible to a Kafka consumer, so only durable records are returned.
 */
final class KafkaLogReader implements EventLogReader {
    private final CollectorConfig.Kafka kafka;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AverageRecordSize recordSize;
    private final Deque<ConsumerRecord<byte[], byte[]>> fetched = new ArrayDeque<>();
    private final Map<Integer, Long> position;

    KafkaLogReader(CollectorConfig.Kafka kafka, KafkaLogSettings settings, LogPosition from, AverageRecordSize recordSize) {
        this.kafka = kafka;
        this.recordSize = recordSize;
        this.position = new TreeMap<>(from.offsets());
        this.consumer = new KafkaConsumer<>(KafkaClientProperties.consumer(kafka),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(kafka.topic(), settings.timeout());
            if (infos.isEmpty()) {
                throw new OwnstackException(ErrorCode.IO_FAILED, "Kafka topic " + kafka.topic() + " at "
                        + kafka.bootstrapServers() + " does not exist");
            }
            List<TopicPartition> partitions = new ArrayList<>();
            List<TopicPartition> fromStart = new ArrayList<>();
            for (PartitionInfo info : infos) {
                TopicPartition partition = new TopicPartition(kafka.topic(), info.partition());
                partitions.add(partition);
                if (from.offset(info.partition()) == 0) {
                    fromStart.add(partition);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(fromStart);
            for (TopicPartition partition : partitions) {
                long offset = from.offset(partition.partition());
                if (offset > 0) {
                    consumer.seek(partition, offset);
                }
            }
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            if (e instanceof OwnstackException) {
                throw e;
            }
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot read Kafka topic " + kafka.topic() + " at "
                    + kafka.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<LogEntry> poll(int maxRecords, Duration wait) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1: " + maxRecords);
        }
        Objects.requireNonNull(wait, "wait");
        if (fetched.isEmpty()) {
            fetch(wait);
        }
        List<LogEntry> entries = new ArrayList<>(Math.min(maxRecords, fetched.size()));
        while (entries.size() < maxRecords && !fetched.isEmpty()) {
            ConsumerRecord<byte[], byte[]> record = fetched.peekFirst();
            entries.add(new LogEntry(record.partition(), record.offset(), record.offset() + 1, logRecord(record)));
            fetched.removeFirst();
            position.put(record.partition(), record.offset() + 1);
            recordSize.observe(record.value().length);
        }
        return entries;
    }

    private void fetch(Duration wait) {
        try {
            consumer.poll(wait).forEach(fetched::add);
        } catch (OffsetOutOfRangeException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "Kafka topic " + kafka.topic() + " at " + kafka.bootstrapServers()
                    + " no longer has (or does not have yet) the records at " + e.offsetOutOfRangePartitions()
                    + ": removed by retention before they were loaded, or the topic was made anew", e);
        } catch (KafkaException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot read Kafka topic " + kafka.topic() + " at "
                    + kafka.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    private LogRecord logRecord(ConsumerRecord<byte[], byte[]> record) {
        String kind = header(record, KafkaEventLog.KIND_HEADER);
        String source = header(record, KafkaEventLog.SOURCE_HEADER);
        if (kind == null || source == null || record.value() == null) {
            throw notLogRecord(record, "it lacks the kind or source header, or a value");
        }
        try {
            return new LogRecord(LogRecord.Kind.valueOf(kind), source, record.value());
        } catch (IllegalArgumentException e) {
            throw notLogRecord(record, "its kind is " + kind);
        }
    }

    private OwnstackException notLogRecord(ConsumerRecord<byte[], byte[]> record, String why) {
        return new OwnstackException(ErrorCode.IO_FAILED, "the record at offset " + record.offset() + " of partition "
                + record.partition() + " of Kafka topic " + kafka.topic() + " is not an ownstack event log record: " + why);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public LogPosition position() {
        return new LogPosition(position);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
