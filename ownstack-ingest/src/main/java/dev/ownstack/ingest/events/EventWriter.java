package dev.ownstack.ingest.events;

import static dev.ownstack.ingest.events.EventFields.CONTEXT;
import static dev.ownstack.ingest.events.EventFields.INTEGRATIONS;
import static dev.ownstack.ingest.events.EventFields.IP;
import static dev.ownstack.ingest.events.EventFields.MESSAGE_ID;
import static dev.ownstack.ingest.events.EventFields.ORIGINAL_TIMESTAMP;
import static dev.ownstack.ingest.events.EventFields.RECEIVED_AT;
import static dev.ownstack.ingest.events.EventFields.SENT_AT;
import static dev.ownstack.ingest.events.EventFields.TIMESTAMP;
import static dev.ownstack.ingest.events.EventFields.TYPE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the accepted events of one request as EVENT records (docs/EVENTS.md, "The log record"),
 * each in one pass over its fields. A field the collector sets is written from its value; every
 * other member (properties, traits, the members of context and integrations, fields it does not
 * know, strings it only checked) is copied from the body as sent, which for a string without
 * escapes is the very bytes that writing its text would give. Fields keep their order; a field
 * the event lacks is added at the end, in the order type, context, integrations, sentAt,
 * originalTimestamp, messageId, receivedAt, timestamp. Belongs to one request and its thread.
 */
final class EventWriter {
    private static final byte[] TYPE_NAME = RecordOutput.encode(TYPE.name());
    private static final byte[] CONTEXT_NAME = RecordOutput.encode(CONTEXT.name());
    private static final byte[] INTEGRATIONS_NAME = RecordOutput.encode(INTEGRATIONS.name());
    private static final byte[] IP_NAME = RecordOutput.encode(IP.name());
    private static final byte[] SENT_AT_NAME = RecordOutput.encode(SENT_AT.name());
    private static final byte[] ORIGINAL_TIMESTAMP_NAME = RecordOutput.encode(ORIGINAL_TIMESTAMP.name());
    private static final byte[] MESSAGE_ID_NAME = RecordOutput.encode(MESSAGE_ID.name());
    private static final byte[] RECEIVED_AT_NAME = RecordOutput.encode(RECEIVED_AT.name());
    private static final byte[] TIMESTAMP_NAME = RecordOutput.encode(TIMESTAMP.name());

    private final JsonMapper mapper;
    private final byte[] body;
    /** The type a single-event endpoint names, as a JSON string; null for a batch. */
    private final byte[] impliedType;
    private final RequestMetadata metadata;
    /** The arrival time and the client's address as JSON strings, the same for every event of the request. */
    private final byte[] receivedAt;
    private final byte[] ip;
    private final Shared context;
    private final Shared integrations;
    private final boolean rewrite;
    private final RecordOutput out = new RecordOutput();

    /** The times the checks found in an event, which its record is written with. */
    static final class Times {
        /** The client's time of the event as sent ({@code timestamp}, else {@code originalTimestamp}). */
        String original;
        Instant originalAt;
        /** The event's {@code sentAt} as sent, else the batch's. */
        String sentAt;
        Instant sentAtTime;

        void clear() {
            original = null;
            originalAt = null;
            sentAt = null;
            sentAtTime = null;
        }
    }

    /**
     * @param body the UTF-8 body the events point into
     * @param context the envelope's context (null, absent or an object: anything else rejects the events before they get here)
     * @param integrations the envelope's integrations, likewise
     * @param rewrite whether to write every value from its parsed form instead of copying it: for
     *     bodies that {@link StorableText#mayHoldUnstorable} flags, where the parser may have let
     *     through bytes that are not well-formed UTF-8 (an overlong form) that must not reach the log
     */
    EventWriter(JsonMapper mapper, byte[] body, Endpoint endpoint, RequestMetadata metadata, String receivedAt, JsonNode context,
                JsonNode integrations, boolean rewrite) {
        this.mapper = mapper;
        this.body = body;
        this.impliedType = endpoint.eventType().map(RecordOutput::encode).orElse(null);
        this.metadata = metadata;
        this.receivedAt = RecordOutput.encode(receivedAt);
        this.ip = RecordOutput.encode(metadata.ip());
        this.context = Shared.of(context, mapper);
        this.integrations = Shared.of(integrations, mapper);
        this.rewrite = rewrite;
    }

    /** The record of an event that passed the checks, which filled {@code times}. */
    byte[] write(ObjectFields event, Times times) {
        int messageIdAt = event.indexOf(MESSAGE_ID);
        String messageId = messageIdAt < 0 ? null : event.text(messageIdAt);
        boolean newMessageId = messageId == null || messageId.isEmpty();
        String timestamp = SegmentTimestamps.format(correctedTimestamp(metadata.receivedAt(), times));
        out.reset();
        out.startObject();
        for (int i = 0; i < event.size(); i++) {
            String name = event.name(i);
            switch (name) {
                case "writeKey" -> {
                    // never stored
                }
                case "type" -> {
                    // A single-event endpoint names the type; it wins over a different type in the body.
                    if (impliedType != null) {
                        field(TYPE_NAME, impliedType);
                    } else {
                        text(event, i);
                    }
                }
                case "userId", "anonymousId" -> {
                    JsonToken token = event.token(i);
                    // A null or empty id is left out.
                    if (token != JsonToken.VALUE_NULL && !(token == JsonToken.VALUE_STRING && event.text(i).isEmpty())) {
                        text(event, i);
                    }
                }
                case "groupId", "previousId", "name", "event" -> text(event, i);
                case "context" -> context(event.object(i));
                case "integrations" -> {
                    if (integrations != null) {
                        integrations(event.object(i));
                    } else {
                        copy(event, i);
                    }
                }
                case "sentAt" -> {
                    if (times.sentAt != null && event.token(i) != JsonToken.VALUE_STRING) {
                        // null here, the batch's sentAt in its place
                        field(SENT_AT_NAME, times.sentAt);
                    } else {
                        text(event, i);
                    }
                }
                case "originalTimestamp" -> originalTimestamp(event, times);
                case "messageId" -> {
                    if (newMessageId) {
                        field(MESSAGE_ID_NAME, "ows-" + UUID.randomUUID());
                    } else {
                        text(event, i);
                    }
                }
                case "receivedAt" -> field(RECEIVED_AT_NAME, receivedAt);
                case "timestamp" -> field(TIMESTAMP_NAME, timestamp);
                default -> copy(event, i);
            }
        }
        if (impliedType != null && event.indexOf(TYPE) < 0) {
            field(TYPE_NAME, impliedType);
        }
        if (event.indexOf(CONTEXT) < 0) {
            context(null);
        }
        if (integrations != null && event.indexOf(INTEGRATIONS) < 0) {
            integrations(null);
        }
        if (times.sentAt != null && event.indexOf(SENT_AT) < 0) {
            field(SENT_AT_NAME, times.sentAt);
        }
        if (times.original != null && event.indexOf(ORIGINAL_TIMESTAMP) < 0) {
            originalTimestamp(event, times);
        }
        if (messageIdAt < 0) {
            field(MESSAGE_ID_NAME, "ows-" + UUID.randomUUID());
        }
        if (event.indexOf(RECEIVED_AT) < 0) {
            field(RECEIVED_AT_NAME, receivedAt);
        }
        if (event.indexOf(TIMESTAMP) < 0) {
            field(TIMESTAMP_NAME, timestamp);
        }
        out.endObject();
        return out.toByteArray();
    }

    /** {@code originalTimestamp}: the client's time as sent when there is one, else the member as it is. */
    private void originalTimestamp(ObjectFields event, Times times) {
        int timestampAt = event.indexOf(TIMESTAMP);
        int originalAt = event.indexOf(ORIGINAL_TIMESTAMP);
        // The checks took the time from timestamp when it is there, else from originalTimestamp.
        int from = times.original == null ? -1 : timestampAt >= 0 && event.token(timestampAt) != JsonToken.VALUE_NULL ? timestampAt : originalAt;
        if (from < 0) {
            copy(event, originalAt);
        } else if (from == originalAt) {
            text(event, originalAt);
        } else {
            out.name(ORIGINAL_TIMESTAMP_NAME);
            string(event, from);
        }
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

    /**
     * {@code context}: the event's own members, then the envelope's that the event lacks, with
     * {@code ip} set to the client's address unless it is a string other than "".
     */
    private void context(ObjectFields own) {
        out.name(CONTEXT_NAME);
        out.startObject();
        boolean hasIp = false;
        if (own != null) {
            for (int i = 0; i < own.size(); i++) {
                if (i == own.indexOf(IP)) {
                    hasIp = true;
                    String ip = own.text(i);
                    if (ip == null || ip.isEmpty()) {
                        field(IP_NAME, this.ip);
                    } else {
                        text(own, i);
                    }
                } else {
                    copy(own, i);
                }
            }
        }
        if (context != null) {
            for (int j = 0; j < context.names().length; j++) {
                String name = context.names()[j];
                if (own != null && own.indexOf(name) >= 0) {
                    continue;
                }
                if (name.equals(IP.name())) {
                    hasIp = true;
                    if (!context.isNonEmptyString(j)) {
                        field(IP_NAME, ip);
                        continue;
                    }
                }
                out.name(name);
                out.raw(context.values()[j]);
            }
        }
        if (!hasIp) {
            field(IP_NAME, ip);
        }
        out.endObject();
    }

    /** {@code integrations}: the event's own members, then the envelope's that the event lacks. */
    private void integrations(ObjectFields own) {
        out.name(INTEGRATIONS_NAME);
        out.startObject();
        if (own != null) {
            for (int i = 0; i < own.size(); i++) {
                copy(own, i);
            }
        }
        for (int j = 0; j < integrations.names().length; j++) {
            if (own == null || own.indexOf(integrations.names()[j]) < 0) {
                out.name(integrations.names()[j]);
                out.raw(integrations.values()[j]);
            }
        }
        out.endObject();
    }

    private void field(byte[] name, String value) {
        out.name(name);
        out.string(value);
    }

    private void field(byte[] name, byte[] value) {
        out.name(name);
        out.raw(value);
    }

    /** The member as sent, name and value (or as parsed, when rewriting). */
    private void copy(ObjectFields object, int index) {
        if (rewrite) {
            out.name(object.name(index));
            try {
                out.raw(mapper.writeValueAsBytes(parse(object, index)));
            } catch (JsonProcessingException e) {
                throw new OwnstackException(ErrorCode.INTERNAL, "could not write a value of the body as JSON: " + e.getOriginalMessage(), e);
            }
        } else {
            out.member(body, object.nameStart(index), object.valueStart(index), object.valueEnd(index), object.token(index).isStructStart());
        }
    }

    /**
     * A member that the checks let through as a string, a number (written as its text, as an id
     * must be) or null. A string without escapes is copied as sent: writing its text would give
     * the same bytes (its name may keep an escape it was sent with, which reads back the same).
     */
    private void text(ObjectFields object, int index) {
        JsonToken token = object.token(index);
        if (token == JsonToken.VALUE_STRING) {
            if (!rewrite && RecordOutput.hasNoEscape(body, object.valueStart(index), object.valueEnd(index))) {
                copy(object, index);
            } else {
                out.name(object.name(index));
                out.string(object.text(index));
            }
        } else if (token.isNumeric()) {
            out.name(object.name(index));
            out.string(numberText(object, index));
        } else {
            copy(object, index);
        }
    }

    /** The value of a string member the reading kept the text of, as sent when it has no escapes. */
    private void string(ObjectFields object, int index) {
        if (!rewrite && RecordOutput.hasNoEscape(body, object.valueStart(index), object.valueEnd(index))) {
            // one token, so no whitespace to leave out
            out.raw(body, object.valueStart(index), object.valueEnd(index));
        } else {
            out.string(object.text(index));
        }
    }

    /** A number as the text of its tree node: 1e3 is "1000.0", as it has always been stored. */
    private String numberText(ObjectFields object, int index) {
        return parse(object, index).asText();
    }

    private JsonNode parse(ObjectFields object, int index) {
        try {
            return mapper.readTree(body, object.valueStart(index), object.valueEnd(index) - object.valueStart(index));
        } catch (IOException e) {
            // The parser read these bytes a moment ago.
            throw new OwnstackException(ErrorCode.INTERNAL, "could not read back a value of the body: " + e.getMessage(), e);
        }
    }

    /**
     * The members of the envelope's context or integrations, each written as JSON once for all
     * the events it is merged into.
     */
    private record Shared(String[] names, byte[][] values) {
        /** Null when the envelope has no such object. */
        static Shared of(JsonNode node, JsonMapper mapper) {
            if (node == null || !node.isObject()) {
                return null;
            }
            List<String> names = new ArrayList<>();
            List<byte[]> values = new ArrayList<>();
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                names.add(member.getKey());
                try {
                    values.add(mapper.writeValueAsBytes(member.getValue()));
                } catch (JsonProcessingException e) {
                    throw new OwnstackException(ErrorCode.INTERNAL, "could not write the batch's " + member.getKey() + " as JSON: "
                            + e.getOriginalMessage(), e);
                }
            }
            return new Shared(names.toArray(String[]::new), values.toArray(byte[][]::new));
        }

        /** Whether a member is a string other than "", as a client's IP address must be to be kept. */
        boolean isNonEmptyString(int index) {
            byte[] value = values[index];
            return value.length > 2 && value[0] == '"';
        }
    }
}
