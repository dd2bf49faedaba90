package dev.ownstack.ingest.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Turns log records (docs/EVENTS.md, "The log record") into rows of {@code raw.events} and
 * {@code ownstack.event_rejects}, in the column orders of {@link EventTables}. A record that cannot
 * become an event row (not JSON, no {@code messageId} or {@code receivedAt}) becomes a reject row
 * instead, so that one bad record never stops the loader.
 */
final class EventRows {
    static final int MAX_PAYLOAD_CHARS = 64 << 10;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MAPPED = Set.of("messageId", "type", "event", "name", "userId", "anonymousId", "groupId",
            "previousId", "timestamp", "originalTimestamp", "sentAt", "receivedAt", "properties", "traits", "context", "integrations");
    /** ISO-8601 date-time with an optional offset written {@code Z}, {@code +01:00} or {@code +0100}; none means UTC. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    private EventRows() {
    }

    /** The {@code raw.events} row of an EVENT record, in {@link EventTables#STAGE_COLUMNS} order without {@code batch_row}. */
    static Object[] event(String source, byte[] json) {
        JsonNode event = parse(json);
        if (!event.isObject()) {
            throw unloadable("it is not a JSON object");
        }
        String messageId = text(event.get("messageId"));
        if (messageId == null || messageId.isEmpty()) {
            throw unloadable("it has no messageId");
        }
        OffsetDateTime receivedAt = timestamp(event.get("receivedAt"));
        if (receivedAt == null) {
            throw unloadable("it has no valid receivedAt");
        }
        OffsetDateTime timestamp = timestamp(event.get("timestamp"));
        JsonNode context = event.get("context");
        ObjectNode extra = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = event.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!MAPPED.contains(field.getKey())) {
                extra.set(field.getKey(), field.getValue());
            }
        }
        return new Object[] {
            messageId,
            source,
            text(event.get("type")),
            text(event.get("event")),
            text(event.get("name")),
            text(event.get("userId")),
            text(event.get("anonymousId")),
            text(event.get("groupId")),
            text(event.get("previousId")),
            timestamp == null ? receivedAt : timestamp,
            timestamp(event.get("originalTimestamp")),
            timestamp(event.get("sentAt")),
            receivedAt,
            context == null ? null : text(context.get("ip")),
            context == null ? null : text(context.get("userAgent")),
            jsonText(event.get("properties")),
            jsonText(event.get("traits")),
            jsonText(context),
            jsonText(event.get("integrations")),
            extra.isEmpty() ? null : jsonText(extra),
        };
    }

    /** The {@code ownstack.event_rejects} row of a REJECT record, in {@link EventTables#REJECT_COLUMNS} order without the load time. */
    static Object[] reject(String source, byte[] json) {
        JsonNode reject;
        try {
            reject = parse(json);
        } catch (OwnstackException e) {
            return unloadableRow(source, json, "reject record " + e.getMessage());
        }
        return new Object[] {
            source,
            text(reject.get("messageId")),
            text(reject.get("reason")),
            text(reject.get("ip")),
            cut(text(reject.get("payload"))),
            timestamp(reject.get("receivedAt")),
        };
    }

    /** The reject row for an EVENT record {@link #event} refused. */
    static Object[] unloadableRow(String source, byte[] json, String reason) {
        String text = new String(json, StandardCharsets.UTF_8);
        String messageId = null;
        OffsetDateTime receivedAt = null;
        try {
            JsonNode event = JSON.readTree(json);
            if (event != null && event.isObject()) {
                messageId = text(event.get("messageId"));
                receivedAt = timestamp(event.get("receivedAt"));
            }
        } catch (IOException e) {
            // not JSON at all: the reason already says so, and the text is kept as the payload
        }
        return new Object[] {source, messageId, reason, null, cut(text), receivedAt};
    }

    private static JsonNode parse(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null) {
                throw unloadable("it is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw unloadable("it is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw unloadable("it cannot be read as JSON (" + e.getMessage() + ")");
        }
    }

    private static OwnstackException unloadable(String why) {
        return new OwnstackException(ErrorCode.INPUT_INVALID, "cannot be loaded: " + why);
    }

    /** Text as it is; numbers and booleans as their text; objects and arrays as JSON; null for null. */
    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : jsonText(node);
    }

    /**
     * A timestamp from ISO-8601 text (UTC when it has no offset), or null when absent or not a
     * timestamp: the collector has checked the times it sets, and a client's odd
     * {@code originalTimestamp} is not worth losing the event over.
     */
    static OffsetDateTime timestamp(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            TemporalAccessor parsed = TIMESTAMP.parseBest(node.asText().trim(), OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime offset ? offset.withOffsetSameInstant(ZoneOffset.UTC)
                    : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * JSON text for a JSON column, or null. PostgreSQL's JSONB refuses the NUL character
     * ({@code \u0000}), so it is taken out of strings and keys on every engine alike.
     */
    private static String jsonText(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        try {
            String text = JSON.writeValueAsString(node);
            return text.contains("\\u0000") ? JSON.writeValueAsString(withoutNul(node)) : text;
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot write a JSON tree as text: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode withoutNul(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(node.asText().replace("\u0000", ""));
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey().replace("\u0000", ""), withoutNul(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(withoutNul(element)));
            return copy;
        }
        return node;
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_PAYLOAD_CHARS ? text : text.substring(0, MAX_PAYLOAD_CHARS);
    }
}
