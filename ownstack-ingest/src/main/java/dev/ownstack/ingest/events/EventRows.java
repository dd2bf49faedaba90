package dev.ownstack.ingest.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Map;
import java.util.Set;

/**
 * Turns log records (docs/EVENTS.md, "The log record") into rows of the staging table (from which
 * SQL fills {@code raw.events}) and of {@code ownstack.event_rejects}, in the column orders of
 * {@link EventTables}. A record that cannot
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

    /**
     * The staging row of an EVENT record, in {@link EventTables#STAGE_COLUMNS} order: what needs
     * checking or parsing here (the message id, the four timestamps, the fields for {@code extra}),
     * plus the whole record as JSON for the warehouse to take the other columns from. One pass of
     * a streaming parser; objects are copied as the bytes they arrived as, not rebuilt.
     *
     * @throws OwnstackException INPUT_INVALID when the record cannot be loaded (see {@link #unloadableRow})
     */
    static Object[] stage(long batchRow, String source, byte[] json) {
        String messageId = null;
        OffsetDateTime timestamp = null;
        OffsetDateTime originalTimestamp = null;
        OffsetDateTime sentAt = null;
        OffsetDateTime receivedAt = null;
        StringBuilder extra = null;
        try (JsonParser parser = JSON.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw unloadable("it is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                long nameAt = parser.currentTokenLocation().getByteOffset();
                JsonToken value = parser.nextToken();
                if (value.isStructStart()) {
                    parser.skipChildren();
                } else {
                    parser.finishToken();
                }
                switch (name) {
                    case "messageId" -> messageId = value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getText() : null;
                    case "timestamp" -> timestamp = value == JsonToken.VALUE_STRING ? timestamp(parser.getText()) : null;
                    case "originalTimestamp" -> originalTimestamp = value == JsonToken.VALUE_STRING ? timestamp(parser.getText()) : null;
                    case "sentAt" -> sentAt = value == JsonToken.VALUE_STRING ? timestamp(parser.getText()) : null;
                    case "receivedAt" -> receivedAt = value == JsonToken.VALUE_STRING ? timestamp(parser.getText()) : null;
                    default -> {
                        if (!MAPPED.contains(name)) {
                            extra = extra == null ? new StringBuilder("{") : extra.append(',');
                            long end = parser.currentLocation().getByteOffset();
                            extra.append(new String(json, (int) nameAt, (int) (end - nameAt), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw unloadable("it is not one JSON object");
            }
        } catch (JsonProcessingException e) {
            throw unloadable("it is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw unloadable("it cannot be read as JSON (" + e.getMessage() + ")");
        }
        if (messageId == null || messageId.isEmpty()) {
            throw unloadable("it has no messageId");
        }
        if (receivedAt == null) {
            throw unloadable("it has no valid receivedAt");
        }
        String document = new String(json, StandardCharsets.UTF_8);
        String extraText = extra == null ? null : extra.append('}').toString();
        if (document.contains("\\u0000")) {
            document = withoutNul(document);
            extraText = extraText == null ? null : withoutNul(extraText);
        }
        return new Object[] {batchRow, source, messageId, timestamp == null ? receivedAt : timestamp, originalTimestamp, sentAt,
            receivedAt, document, extraText};
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
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /**
     * A timestamp from ISO-8601 text (UTC when it has no offset), or null when absent or not a
     * timestamp: the collector has checked the times it sets, and a client's odd
     * {@code originalTimestamp} is not worth losing the event over.
     */
    static OffsetDateTime timestamp(JsonNode node) {
        return node == null || !node.isTextual() ? null : timestamp(node.asText());
    }

    static OffsetDateTime timestamp(String text) {
        OffsetDateTime canonical = canonicalTimestamp(text);
        if (canonical != null) {
            return canonical;
        }
        try {
            TemporalAccessor parsed = TIMESTAMP.parseBest(text.trim(), OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime offset ? offset.withOffsetSameInstant(ZoneOffset.UTC)
                    : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The common shape {@code 2024-05-01T10:00:01.123Z} (or with {@code +HH:MM}) without the
     * general parser, which costs more than the rest of an event; null for any other shape.
     */
    private static OffsetDateTime canonicalTimestamp(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && at - start < 9 && Character.isDigit(text.charAt(at))) {
                nanos = nanos * 10 + (text.charAt(at) - '0');
                at++;
            }
            if (at == start) {
                return null;
            }
            for (int scale = at - start; scale < 9; scale++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (at == length - 1 && text.charAt(at) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
            int hours = digits(text, at + 1, at + 3);
            int minutes = digits(text, at + 4, at + 6);
            if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
                return null;
            }
            int seconds = (hours * 3600 + minutes * 60) * (text.charAt(at) == '-' ? -1 : 1);
            offset = ZoneOffset.ofTotalSeconds(seconds);
        } else {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * The JSON text without NUL characters ({@code \\u0000}) in its strings and keys: PostgreSQL's
     * JSONB refuses them, so they are taken out on every engine alike.
     */
    private static String withoutNul(String json) {
        try {
            return JSON.writeValueAsString(withoutNul(JSON.readTree(json)));
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot rewrite JSON that parsed before: " + e.getOriginalMessage(), e);
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
