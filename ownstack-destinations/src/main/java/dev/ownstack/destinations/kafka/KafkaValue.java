package dev.ownstack.destinations.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A sync record as a Kafka record: the key is the sync identifier's value (UTF-8), the value the
 * mapped fields as a JSON object (dates and instants as ISO-8601 text); a removal is a tombstone
 * or {@code {"removed":true}}. Headers say which sync, run, batch and operation wrote it.
 */
final class KafkaValue {
    static final String SYNC_HEADER = "ownstack-sync";
    static final String RUN_HEADER = "ownstack-run";
    static final String BATCH_HEADER = "ownstack-batch";
    static final String OPERATION_HEADER = "ownstack-operation";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] REMOVED = "{\"removed\":true}".getBytes(StandardCharsets.UTF_8);

    private KafkaValue() {
    }

    static ProducerRecord<byte[], byte[]> of(KafkaSettings settings, RecordBatch batch, SyncRecord record) {
        byte[] value;
        if (batch.operation() == Operation.REMOVE) {
            value = settings.removal() == KafkaSettings.Removal.TOMBSTONE ? null : REMOVED;
        } else {
            value = fields(record.fields());
        }
        List<Header> headers = List.of(
                header(SYNC_HEADER, batch.run().sync()),
                header(RUN_HEADER, Long.toString(batch.run().runId())),
                header(BATCH_HEADER, batch.id()),
                header(OPERATION_HEADER, batch.operation().name().toLowerCase(Locale.ROOT)));
        return new ProducerRecord<>(settings.topic(), null, record.key().getBytes(StandardCharsets.UTF_8), value, headers);
    }

    private static byte[] fields(Map<String, Object> fields) {
        Map<String, Object> json = new LinkedHashMap<>();
        fields.forEach((name, value) -> json.put(name, value instanceof Instant || value instanceof LocalDate ? value.toString() : value));
        try {
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot encode a record's fields as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
