package dev.ownstack.ingest.events;

import static dev.ownstack.ingest.events.EventFields.ANONYMOUS_ID;
import static dev.ownstack.ingest.events.EventFields.CONTEXT;
import static dev.ownstack.ingest.events.EventFields.EVENT_NAME;
import static dev.ownstack.ingest.events.EventFields.GROUP_ID;
import static dev.ownstack.ingest.events.EventFields.INTEGRATIONS;
import static dev.ownstack.ingest.events.EventFields.MESSAGE_ID;
import static dev.ownstack.ingest.events.EventFields.NAME;
import static dev.ownstack.ingest.events.EventFields.ORIGINAL_TIMESTAMP;
import static dev.ownstack.ingest.events.EventFields.PREVIOUS_ID;
import static dev.ownstack.ingest.events.EventFields.PROPERTIES;
import static dev.ownstack.ingest.events.EventFields.SENT_AT;
import static dev.ownstack.ingest.events.EventFields.TIMESTAMP;
import static dev.ownstack.ingest.events.EventFields.TRAITS;
import static dev.ownstack.ingest.events.EventFields.TYPE;
import static dev.ownstack.ingest.events.EventFields.USER_ID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.ingest.events.ObjectFields.Member;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns parsed events into log records as docs/EVENTS.md ("The log record") describes: checks
 * each event, then has {@link EventWriter} write it once with the batch envelope merged in and
 * the server's fields filled in. An event comes as its fields and where their values are in the
 * body ({@link ObjectFields}); a tree is built only for what is rare: a reject, a numeric id, a
 * value quoted in a reason, and the text check of a body that may need it. Thread-safe: holds
 * only the shared mapper and the limits.
 */
final class EventNormaliser {
    static final int MAX_MESSAGE_ID_LENGTH = 100;
    static final int MAX_PAYLOAD_CHARS = 65_536;
    private static final Set<String> TYPES = Set.of("track", "identify", "page", "screen", "group", "alias");
    private static final String TYPE_LIST = "track, identify, page, screen, group or alias";
    private static final Member[] OBJECT_FIELDS = {PROPERTIES, TRAITS, CONTEXT, INTEGRATIONS};
    private static final Member[] TEXT_FIELDS = {USER_ID, ANONYMOUS_ID, GROUP_ID, PREVIOUS_ID, NAME};
    private static final int MAX_QUOTED_CHARS = 80;

    private final JsonMapper mapper;
    private final CollectorLimits limits;

    EventNormaliser(JsonMapper mapper, CollectorLimits limits) {
        this.mapper = mapper;
        this.limits = limits;
    }

    /**
     * @param body the UTF-8 body the events point into
     * @param checkText whether to search the events' text for what cannot be stored; false only
     *     when the body as sent cannot hold any ({@link StorableText#mayHoldUnstorable})
     */
    NormalisedRequest normalise(Endpoint endpoint, byte[] body, ObjectNode envelope, int envelopeMergedBytes,
                                List<ObjectFields> events, boolean checkText, String source, RequestMetadata metadata) {
        String receivedAt = SegmentTimestamps.format(metadata.receivedAt());
        String envelopeProblem = envelopeProblem(envelope, checkText);
        EventWriter writer = envelopeProblem != null ? null : new EventWriter(mapper, body, endpoint, metadata, receivedAt,
                envelope.get("context"), envelope.get("integrations"), checkText);
        BatchSentAt batchSentAt = BatchSentAt.of(envelope.get("sentAt"));
        List<LogRecord> records = new ArrayList<>(events.size());
        EventWriter.Times times = new EventWriter.Times();
        int accepted = 0;
        String firstRejectReason = null;
        for (int index = 0; index < events.size(); index++) {
            ObjectFields event = events.get(index);
            times.clear();
            String reason = sizeProblem(index, event, envelopeMergedBytes);
            if (reason == null && envelopeProblem != null) {
                reason = prefix(index) + envelopeProblem;
            }
            if (reason == null) {
                reason = problem(index, body, event, endpoint, batchSentAt, checkText, times);
            }
            if (reason == null) {
                records.add(new LogRecord(LogRecord.Kind.EVENT, source, writer.write(event, times)));
                accepted++;
            } else {
                records.add(new LogRecord(LogRecord.Kind.REJECT, source, reject(reason, tree(body, event), receivedAt, metadata.ip())));
                if (firstRejectReason == null) {
                    firstRejectReason = reason;
                }
            }
        }
        return new NormalisedRequest(records, accepted, events.size() - accepted, Optional.ofNullable(firstRejectReason));
    }

    /** The envelope's sentAt, read once for all the events that have none. */
    private record BatchSentAt(JsonNode value, String text, Instant time) {
        /** Null when the envelope has none (absent or null). */
        static BatchSentAt of(JsonNode value) {
            if (!present(value)) {
                return null;
            }
            String text = value.isTextual() ? value.textValue() : null;
            return new BatchSentAt(value, text, EventNormaliser.time(text));
        }
    }

    private static String envelopeProblem(ObjectNode envelope, boolean checkText) {
        for (String field : new String[] {"context", "integrations"}) {
            JsonNode value = envelope.get(field);
            if (present(value) && !value.isObject()) {
                return "comes with a batch " + field + " " + quote(value) + ": " + describe(value) + ", not an object";
            }
        }
        if (!checkText) {
            return null;
        }
        for (String field : new String[] {"context", "integrations", "sentAt"}) {
            JsonNode value = envelope.get(field);
            if (value != null) {
                String path = StorableText.badTextPath(value);
                if (path != null) {
                    return "comes with a batch whose " + field + (path.isEmpty() ? "" : "." + StorableText.clean(path))
                            + " has a NUL character or an unpaired surrogate, which cannot be stored";
                }
            }
        }
        return null;
    }

    /** The event as sent, plus the envelope's context and integrations as sent (they are copied into it), over the limit. */
    private String sizeProblem(int index, ObjectFields event, int envelopeMergedBytes) {
        long size = (long) (event.end() - event.start()) + envelopeMergedBytes;
        if (size <= limits.maxEventBytes()) {
            return null;
        }
        return prefix(index) + "is " + grouped(size) + " bytes" + (envelopeMergedBytes > 0 ? " with the batch's context and integrations" : "")
                + "; the limit is " + grouped(limits.maxEventBytes());
    }

    /** Why the event is rejected, or {@code null} when it is good; fills {@code times} on the way. */
    private String problem(int index, byte[] body, ObjectFields event, Endpoint endpoint, BatchSentAt batchSentAt, boolean checkText,
                           EventWriter.Times times) {
        String badText = checkText ? StorableText.badTextPath(tree(body, event)) : null;
        if (badText != null) {
            return prefix(index) + "has a NUL character or an unpaired surrogate in " + StorableText.clean(badText) + ", which cannot be stored";
        }
        String type = type(event, endpoint);
        if (type == null) {
            return prefix(index) + "has no valid type (" + quote(body, event, event.indexOf(TYPE)) + "; expected " + TYPE_LIST + ")";
        }
        int messageId = event.indexOf(MESSAGE_ID);
        if (present(event, messageId)) {
            if (event.token(messageId) != JsonToken.VALUE_STRING) {
                return prefix(index) + "has messageId " + quote(body, event, messageId) + ": " + describe(event.token(messageId))
                        + ", not a string";
            }
            if (event.text(messageId).length() > MAX_MESSAGE_ID_LENGTH) {
                return prefix(index) + "has a messageId of " + event.text(messageId).length() + " characters; at most "
                        + MAX_MESSAGE_ID_LENGTH + " are accepted";
            }
        }
        for (Member field : TEXT_FIELDS) {
            String wrong = wrongTextType(index, body, event, field);
            if (wrong != null) {
                return wrong;
            }
        }
        if (!hasId(event, USER_ID) && !hasId(event, ANONYMOUS_ID)) {
            return prefix(index) + "has neither userId nor anonymousId";
        }
        int name = event.indexOf(EVENT_NAME);
        if (type.equals("track")) {
            if (present(event, name) && event.token(name) != JsonToken.VALUE_STRING) {
                return prefix(index) + "is a track whose event is " + quote(body, event, name) + ": " + describe(event.token(name))
                        + ", not a string";
            }
            if (!present(event, name) || event.text(name).isEmpty()) {
                return prefix(index) + "is a track without an event name";
            }
        } else {
            String wrong = wrongTextType(index, body, event, EVENT_NAME);
            if (wrong != null) {
                return wrong;
            }
        }
        if (type.equals("alias") && !hasId(event, PREVIOUS_ID)) {
            return prefix(index) + "is an alias without previousId";
        }
        if (type.equals("group") && !hasId(event, GROUP_ID)) {
            return prefix(index) + "is a group without groupId";
        }
        for (Member field : OBJECT_FIELDS) {
            int at = event.indexOf(field);
            if (present(event, at) && event.token(at) != JsonToken.START_OBJECT) {
                return prefix(index) + "has " + field.name() + " " + quote(body, event, at) + ": " + describe(event.token(at)) + ", not an object";
            }
        }
        int original = event.indexOf(TIMESTAMP);
        String originalField = TIMESTAMP.name();
        if (!present(event, original)) {
            original = event.indexOf(ORIGINAL_TIMESTAMP);
            originalField = ORIGINAL_TIMESTAMP.name();
        }
        if (present(event, original)) {
            times.original = event.text(original);
            times.originalAt = time(times.original);
            if (times.originalAt == null) {
                return prefix(index) + "has " + originalField + " " + quote(body, event, original) + ", which is not an ISO-8601 time";
            }
        }
        int sentAt = event.indexOf(SENT_AT);
        if (present(event, sentAt)) {
            times.sentAt = event.text(sentAt);
            times.sentAtTime = time(times.sentAt);
            if (times.sentAtTime == null) {
                return prefix(index) + "has sentAt " + quote(body, event, sentAt) + ", which is not an ISO-8601 time";
            }
        } else if (batchSentAt != null) {
            times.sentAt = batchSentAt.text();
            times.sentAtTime = batchSentAt.time();
            if (times.sentAtTime == null) {
                return prefix(index) + "has the batch's sentAt " + quote(batchSentAt.value()) + ", which is not an ISO-8601 time";
            }
        }
        return null;
    }

    private byte[] reject(String reason, ObjectNode event, String receivedAt, String ip) {
        event.remove("writeKey");
        String payload = StorableText.clean(text(event));
        if (payload.length() > MAX_PAYLOAD_CHARS) {
            int end = Character.isHighSurrogate(payload.charAt(MAX_PAYLOAD_CHARS - 1)) ? MAX_PAYLOAD_CHARS - 1 : MAX_PAYLOAD_CHARS;
            payload = payload.substring(0, end);
        }
        JsonNode messageId = event.get("messageId");
        ObjectNode record = mapper.createObjectNode();
        record.put("reason", StorableText.clean(reason));
        if (messageId != null && messageId.isTextual()) {
            record.put("messageId", StorableText.clean(messageId.textValue()));
        } else {
            record.putNull("messageId");
        }
        record.put("receivedAt", receivedAt);
        record.put("ip", ip);
        record.put("payload", payload);
        try {
            return mapper.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "could not write a reject as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The event as a tree, for what needs one: a reject's payload, the text check. */
    private ObjectNode tree(byte[] body, ObjectFields event) {
        return (ObjectNode) read(body, event.start(), event.end());
    }

    /** One member's value as a tree. */
    private JsonNode node(byte[] body, ObjectFields event, int index) {
        return read(body, event.valueStart(index), event.valueEnd(index));
    }

    private JsonNode read(byte[] body, int from, int to) {
        try {
            return mapper.readTree(body, from, to - from);
        } catch (IOException e) {
            // The parser read these bytes a moment ago.
            throw new OwnstackException(ErrorCode.INTERNAL, "could not read back a value of the body: " + e.getMessage(), e);
        }
    }

    private static String type(ObjectFields event, Endpoint endpoint) {
        Optional<String> implied = endpoint.eventType();
        if (implied.isPresent()) {
            return implied.get();
        }
        int at = event.indexOf(TYPE);
        String type = at < 0 ? null : event.text(at);
        return type != null && TYPES.contains(type) ? type : null;
    }

    /** The reason when a text field holds something other than a string, a number or null. */
    private String wrongTextType(int index, byte[] body, ObjectFields event, Member field) {
        int at = event.indexOf(field);
        if (!present(event, at)) {
            return null;
        }
        JsonToken token = event.token(at);
        if (token == JsonToken.VALUE_STRING || token.isNumeric()) {
            return null;
        }
        return prefix(index) + "has " + field.name() + " " + quote(body, event, at) + ": " + describe(token) + ", not a string";
    }

    private static String prefix(int index) {
        return "event " + index + " ";
    }

    private static boolean hasId(ObjectFields event, Member field) {
        int at = event.indexOf(field);
        if (at < 0) {
            return false;
        }
        JsonToken token = event.token(at);
        return token.isNumeric() || (token == JsonToken.VALUE_STRING && !event.text(at).isEmpty());
    }

    private static boolean present(JsonNode value) {
        return value != null && !value.isNull();
    }

    private static boolean present(ObjectFields event, int index) {
        return index >= 0 && event.token(index) != JsonToken.VALUE_NULL;
    }

    private static Instant time(String text) {
        return text == null ? null : SegmentTimestamps.parse(text).orElse(null);
    }

    private static String describe(JsonNode value) {
        JsonNodeType type = value.getNodeType();
        return switch (type) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(Locale.ROOT);
        };
    }

    /** A member's value as JSON, shortened for a reason text; "none given" when the event has no such member. */
    private String quote(byte[] body, ObjectFields event, int index) {
        return quote(index < 0 ? null : node(body, event, index));
    }

    /** The value as JSON, shortened for a reason text. */
    private static String quote(JsonNode value) {
        if (value == null) {
            return "none given";
        }
        String text = value.toString();
        return text.length() <= MAX_QUOTED_CHARS ? text : text.substring(0, MAX_QUOTED_CHARS) + "...";
    }

    private static String grouped(long number) {
        return String.format(Locale.ROOT, "%,d", number);
    }

    private String text(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "could not write an event as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
