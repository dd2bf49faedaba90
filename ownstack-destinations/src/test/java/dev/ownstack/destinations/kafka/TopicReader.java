package dev.ownstack.destinations.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from its start to its current end, as a consumer of the destination would. */
final class TopicReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TopicReader() {
    }

    /** Every record now in the topic, partition by partition. */
    static List<ConsumerRecord<byte[], byte[]>> all(String bootstrapServers, String topic) {
        Map<String, Object> properties = Map.of("bootstrap.servers", bootstrapServers,
                "key.deserializer", ByteArrayDeserializer.class.getName(), "value.deserializer", ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * The topic as a table, the way a compacted topic's consumer reads it: the last value of
     * each key; a tombstone or {@code {"removed":true}} removes the key.
     */
    static Map<String, Map<String, Object>> latest(String bootstrapServers, String topic) {
        Map<String, Map<String, Object>> table = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : all(bootstrapServers, topic)) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            Map<String, Object> value = record.value() == null ? null : fields(record.value());
            if (value == null || Boolean.TRUE.equals(value.get("removed")) && value.size() == 1) {
                table.remove(key);
            } else {
                table.put(key, value);
            }
        }
        return table;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(byte[] value) {
        try {
            return JSON.readValue(value, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
