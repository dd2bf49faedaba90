package dev.ownstack.ingest.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns parsed events into log records as docs/EVENTS.md ("The log record") describes: checks
 * each event, then merges the batch envelope into it, fills in the server's fields and writes it
 * once. Events are changed in place. Thread-safe: holds only the shared mapper and the limits.
 */
final class EventNormaliser {
    static final int MAX_MESSAGE_ID_LENGTH = 100;
    static final int MAX_PAYLOAD_CHARS = 65_536;
    private static final Set<String> TYPES = Set.of("track", "identify", "page", "screen", "group", "alias");
    private static final String TYPE_LIST = "track, identify, page, screen, group or alias";
    private static final String[] OBJECT_FIELDS = {"properties", "traits", "context", "integrations"};
    private static final String[] TEXT_FIELDS = {"userId", "anonymousId", "groupId", "previousId", "name"};
    private static final String[] ID_FIELDS = {"userId", "anonymousId"};
    private static final String[] COERCED_FIELDS = {"userId", "anonymousId", "groupId", "previousId", "name", "event"};
    private static final int MAX_QUOTED_CHARS = 80;

    private final JsonMapper mapper;
    private final CollectorLimits limits;

    EventNormaliser(JsonMapper mapper, CollectorLimits limits) {
        this.mapper = mapper;
        this.limits = limits;
    }

    /**
     * @param checkText whether to search the events' text for what cannot be stored; false only
     *     when the body as sent cannot hold any ({@link StorableText#mayHoldUnstorable})
     */
    NormalisedRequest normalise(Endpoint endpoint, ObjectNode envelope, int envelopeMergedBytes, List<ObjectNode> events,
                                int[] eventBytes, boolean checkText, String source, RequestMetadata metadata) {
        String receivedAt = SegmentTimestamps.format(metadata.receivedAt());
        Batch batch = new Batch(envelope, envelopeMergedBytes, checkText, envelopeProblem(envelope, checkText), receivedAt, metadata);
        List<LogRecord> records = new ArrayList<>(events.size());
        Times times = new Times();
        int accepted = 0;
        String firstRejectReason = null;
        try (RecordWriter writer = new RecordWriter()) {
            for (int index = 0; index < events.size(); index++) {
                ObjectNode event = events.get(index);
                times.clear();
                String reason = problem(index, event, eventBytes[index], endpoint, batch, times);
                if (reason == null) {
                    records.add(new LogRecord(LogRecord.Kind.EVENT, source, normalised(event, endpoint, batch, times, writer)));
                    accepted++;
                } else {
                    records.add(new LogRecord(LogRecord.Kind.REJECT, source, reject(reason, event, batch, writer)));
                    if (firstRejectReason == null) {
                        firstRejectReason = reason;
                    }
                }
            }
        }
        return new NormalisedRequest(records, accepted, events.size() - accepted, Optional.ofNullable(firstRejectReason));
    }

    /**
     * Writes the records of one request with one generator, instead of setting one up per record
     * as {@code writeValueAsBytes} does; the output is the same.
     */
    private final class RecordWriter implements AutoCloseable {
        private final Output output = new Output();
        private final SerializerProvider provider = mapper.getSerializerProviderInstance();
        private final JsonGenerator generator;

        RecordWriter() {
            try {
                generator = mapper.createGenerator(output);
            } catch (IOException e) {
                throw new OwnstackException(ErrorCode.INTERNAL, "could not set up JSON output: " + e.getMessage(), e);
            }
            // Each record is a document of its own: no separator before the next one.
            generator.setRootValueSeparator(null);
        }

        byte[] write(JsonNode node) {
            output.reset();
            try {
                ((JsonSerializable) node).serialize(generator, provider);
                generator.flush();
            } catch (IOException e) {
                throw new OwnstackException(ErrorCode.INTERNAL, "could not write an event as JSON: " + e.getMessage(), e);
            }
            return output.toByteArray();
        }

        @Override
        public void close() {
            try {
                generator.close();
            } catch (IOException e) {
                throw new OwnstackException(ErrorCode.INTERNAL, "could not finish JSON output: " + e.getMessage(), e);
            }
        }
    }

    /** A growable byte buffer without the locks of {@link java.io.ByteArrayOutputStream}. */
    private static final class Output extends OutputStream {
        private byte[] buffer = new byte[1024];
        private int size;

        @Override
        public void write(int b) {
            ensure(1);
            buffer[size++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            ensure(length);
            System.arraycopy(bytes, offset, buffer, size, length);
            size += length;
        }

        private void ensure(int more) {
            if (buffer.length - size < more) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, Math.addExact(size, more)));
            }
        }

        void reset() {
            size = 0;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }
    }

    /** What the batch envelope brings to each event; its problem, if any, rejects every event. */
    private record Batch(ObjectNode envelope, int mergedBytes, boolean checkText, String problem, String receivedAt,
                         RequestMetadata metadata) {
        JsonNode context() {
            return envelope.get("context");
        }

        JsonNode integrations() {
            return envelope.get("integrations");
        }

        JsonNode sentAt() {
            return envelope.get("sentAt");
        }
    }

    /** The times found while checking one event, kept for normalising it. */
    private static final class Times {
        JsonNode original;
        Instant originalAt;
        JsonNode sentAt;
        Instant sentAtTime;

        void clear() {
            original = null;
            originalAt = null;
            sentAt = null;
            sentAtTime = null;
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

    /** Why the event is rejected, or {@code null} when it is good; fills {@code times} on the way. */
    private String problem(int index, ObjectNode event, int bytes, Endpoint endpoint, Batch batch, Times times) {
        long size = (long) bytes + batch.mergedBytes();
        if (size > limits.maxEventBytes()) {
            return prefix(index) + "is " + grouped(size) + " bytes" + (batch.mergedBytes() > 0 ? " with the batch's context and integrations" : "")
                    + "; the limit is " + grouped(limits.maxEventBytes());
        }
        if (batch.problem() != null) {
            return prefix(index) + batch.problem();
        }
        String badText = batch.checkText() ? StorableText.badTextPath(event) : null;
        if (badText != null) {
            return prefix(index) + "has a NUL character or an unpaired surrogate in " + StorableText.clean(badText) + ", which cannot be stored";
        }
        String type = type(event, endpoint);
        if (type == null) {
            return prefix(index) + "has no valid type (" + quote(event.get("type")) + "; expected " + TYPE_LIST + ")";
        }
        JsonNode messageId = event.get("messageId");
        if (present(messageId)) {
            if (!messageId.isTextual()) {
                return prefix(index) + "has messageId " + quote(messageId) + ": " + describe(messageId) + ", not a string";
            }
            if (messageId.textValue().length() > MAX_MESSAGE_ID_LENGTH) {
                return prefix(index) + "has a messageId of " + messageId.textValue().length() + " characters; at most "
                        + MAX_MESSAGE_ID_LENGTH + " are accepted";
            }
        }
        for (String field : TEXT_FIELDS) {
            String wrong = wrongTextType(index, field, event.get(field));
            if (wrong != null) {
                return wrong;
            }
        }
        if (!hasId(event.get("userId")) && !hasId(event.get("anonymousId"))) {
            return prefix(index) + "has neither userId nor anonymousId";
        }
        JsonNode name = event.get("event");
        if (type.equals("track")) {
            if (present(name) && !name.isTextual()) {
                return prefix(index) + "is a track whose event is " + quote(name) + ": " + describe(name) + ", not a string";
            }
            if (!present(name) || name.textValue().isEmpty()) {
                return prefix(index) + "is a track without an event name";
            }
        } else {
            String wrong = wrongTextType(index, "event", name);
            if (wrong != null) {
                return wrong;
            }
        }
        if (type.equals("alias") && !hasId(event.get("previousId"))) {
            return prefix(index) + "is an alias without previousId";
        }
        if (type.equals("group") && !hasId(event.get("groupId"))) {
            return prefix(index) + "is a group without groupId";
        }
        for (String field : OBJECT_FIELDS) {
            JsonNode value = event.get(field);
            if (present(value) && !value.isObject()) {
                return prefix(index) + "has " + field + " " + quote(value) + ": " + describe(value) + ", not an object";
            }
        }
        JsonNode original = event.get("timestamp");
        String originalField = "timestamp";
        if (!present(original)) {
            original = event.get("originalTimestamp");
            originalField = "originalTimestamp";
        }
        if (present(original)) {
            times.original = original;
            times.originalAt = time(original);
            if (times.originalAt == null) {
                return prefix(index) + "has " + originalField + " " + quote(original) + ", which is not an ISO-8601 time";
            }
        }
        JsonNode sentAt = event.get("sentAt");
        boolean sentAtFromBatch = !present(sentAt);
        if (sentAtFromBatch) {
            sentAt = batch.sentAt();
        }
        if (present(sentAt)) {
            times.sentAt = sentAt;
            times.sentAtTime = time(sentAt);
            if (times.sentAtTime == null) {
                return prefix(index) + (sentAtFromBatch ? "has the batch's sentAt " : "has sentAt ") + quote(sentAt)
                        + ", which is not an ISO-8601 time";
            }
        }
        return null;
    }

    /** The normalised event as UTF-8 JSON. */
    private byte[] normalised(ObjectNode event, Endpoint endpoint, Batch batch, Times times, RecordWriter writer) {
        event.remove("writeKey");
        // A single-event endpoint names the type; it wins over a different type in the body.
        endpoint.eventType().ifPresent(type -> event.put("type", type));
        for (String field : ID_FIELDS) {
            JsonNode id = event.get(field);
            if (id != null && (id.isNull() || (id.isTextual() && id.textValue().isEmpty()))) {
                event.remove(field);
            }
        }
        for (String field : COERCED_FIELDS) {
            JsonNode value = event.get(field);
            if (value != null && value.isNumber()) {
                event.set(field, TextNode.valueOf(value.asText()));
            }
        }
        ObjectNode context = merged(event.get("context"), batch.context());
        JsonNode ip = context.get("ip");
        if (ip == null || !ip.isTextual() || ip.textValue().isEmpty()) {
            context.put("ip", batch.metadata().ip());
        }
        event.set("context", context);
        if (present(batch.integrations())) {
            event.set("integrations", merged(event.get("integrations"), batch.integrations()));
        }
        if (times.sentAt != null) {
            event.set("sentAt", times.sentAt);
        }
        if (times.original != null) {
            event.set("originalTimestamp", times.original);
        }
        JsonNode messageId = event.get("messageId");
        if (!present(messageId) || messageId.textValue().isEmpty()) {
            event.put("messageId", "ows-" + UUID.randomUUID());
        }
        event.put("receivedAt", batch.receivedAt());
        event.put("timestamp", SegmentTimestamps.format(correctedTimestamp(batch.metadata().receivedAt(), times)));
        return writer.write(event);
    }

    /**
     * {@code receivedAt - (sentAt - originalTimestamp)}: the client's time of the event moved by
     * how far the client's clock is off the server's. Without both client times, the client's
     * time as sent, else the arrival time.
     */
    private static Instant correctedTimestamp(Instant receivedAt, Times times) {
        if (times.originalAt == null) {
            return receivedAt;
        }
        if (times.sentAtTime == null) {
            return times.originalAt;
        }
        Instant corrected = receivedAt
                .plusSeconds(times.originalAt.getEpochSecond() - times.sentAtTime.getEpochSecond())
                .plusNanos(times.originalAt.getNano() - times.sentAtTime.getNano());
        boolean storable = !corrected.isBefore(SegmentTimestamps.MIN) && !corrected.isAfter(SegmentTimestamps.MAX);
        return storable ? corrected : times.originalAt;
    }

    private byte[] reject(String reason, ObjectNode event, Batch batch, RecordWriter writer) {
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
        record.put("receivedAt", batch.receivedAt());
        record.put("ip", batch.metadata().ip());
        record.put("payload", payload);
        return writer.write(record);
    }

    /** {@code own} with the keys of {@code shared} it lacks; a new object when {@code own} is not one. */
    private ObjectNode merged(JsonNode own, JsonNode shared) {
        ObjectNode result = own != null && own.isObject() ? (ObjectNode) own : mapper.createObjectNode();
        if (shared != null && shared.isObject()) {
            for (Map.Entry<String, JsonNode> entry : shared.properties()) {
                if (!result.has(entry.getKey())) {
                    result.set(entry.getKey(), entry.getValue());
                }
            }
        }
        return result;
    }

    private static String type(ObjectNode event, Endpoint endpoint) {
        Optional<String> implied = endpoint.eventType();
        if (implied.isPresent()) {
            return implied.get();
        }
        JsonNode type = event.get("type");
        return type != null && type.isTextual() && TYPES.contains(type.textValue()) ? type.textValue() : null;
    }

    /** The reason when a text field holds something other than a string, a number or null. */
    private static String wrongTextType(int index, String field, JsonNode value) {
        if (!present(value) || value.isTextual() || value.isNumber()) {
            return null;
        }
        return prefix(index) + "has " + field + " " + quote(value) + ": " + describe(value) + ", not a string";
    }

    private static String prefix(int index) {
        return "event " + index + " ";
    }

    private static boolean hasId(JsonNode id) {
        return id != null && (id.isNumber() || (id.isTextual() && !id.textValue().isEmpty()));
    }

    private static boolean present(JsonNode value) {
        return value != null && !value.isNull();
    }

    private static Instant time(JsonNode value) {
        return value.isTextual() ? SegmentTimestamps.parse(value.textValue()).orElse(null) : null;
    }

    private static String describe(JsonNode value) {
        JsonNodeType type = value.getNodeType();
        switch (type) {
            case OBJECT:
                return "an object";
            case ARRAY:
                return "an array";
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            default:
                return type.name().toLowerCase(Locale.ROOT);
        }
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
