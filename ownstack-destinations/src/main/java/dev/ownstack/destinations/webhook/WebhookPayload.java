package dev.ownstack.destinations.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies the webhook destination sends, in the Standard Webhooks payload shape
 * ({@code type}, {@code timestamp}, {@code data}):
 * <pre>{"type":"records.upserted","timestamp":"2026-11-26T14:00:00Z","sync":"vips","run":7,
 *  "data":[{"key":"c-1","fields":{"email":"a@example.com"}}]}</pre>
 * The body depends only on the batch, so a retry sends the same bytes (with a new timestamp
 * header and signature).
 */
final class WebhookPayload {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPayload() {
    }

    static String type(Operation operation) {
        return switch (operation) {
            case UPSERT -> "records.upserted";
            case UPDATE -> "records.updated";
            case REMOVE -> "records.removed";
        };
    }

    static byte[] batch(RecordBatch batch) {
        List<Map<String, Object>> data = new ArrayList<>(batch.size());
        for (SyncRecord record : batch.records()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("key", record.key());
            item.put("fields", fields(record.fields()));
            data.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type(batch.operation()));
        body.put("timestamp", batch.run().startedAt().toString());
        body.put("sync", batch.run().sync());
        body.put("run", batch.run().runId());
        body.put("data", data);
        return write(body);
    }

    /** What {@code check()} sends: a signed event that changes nothing. */
    static byte[] ping(Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "ping");
        body.put("timestamp", now.toString());
        return write(body);
    }

    /** Field values as JSON: dates and instants as ISO-8601 text, numbers and booleans as themselves. */
    static Map<String, Object> fields(Map<String, Object> fields) {
        Map<String, Object> json = new LinkedHashMap<>();
        fields.forEach((name, value) -> json.put(name, value instanceof Instant || value instanceof LocalDate ? value.toString() : value));
        return json;
    }

    private static byte[] write(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot encode a webhook body as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
