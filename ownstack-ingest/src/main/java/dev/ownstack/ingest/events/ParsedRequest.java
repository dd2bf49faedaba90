package dev.ownstack.ingest.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed body of the tracking API, before the write key has been checked. Belongs to one
 * request and its thread; {@link #normalise} is called once.
 */
public final class ParsedRequest {
    private final EventNormaliser normaliser;
    private final Endpoint endpoint;
    private final byte[] body;
    private final ObjectNode envelope;
    private final int envelopeMergedBytes;
    private final List<ObjectFields> events;
    private final boolean checkText;
    private final Optional<String> bodyWriteKey;
    private boolean normalised;

    /**
     * @param body the body as UTF-8, which {@code events} point into; not copied, so the caller
     *     must leave it alone
     * @param envelope a batch's fields other than {@code batch} (empty for a single event)
     * @param envelopeMergedBytes the size, as sent, of the envelope's {@code context} and {@code integrations}
     * @param events each event as read with {@link EventFields#EVENT}
     * @param checkText whether the body may hold text that cannot be stored
     *     ({@link StorableText#mayHoldUnstorable}); when false, its strings are not searched again
     */
    ParsedRequest(EventNormaliser normaliser, Endpoint endpoint, byte[] body, ObjectNode envelope, int envelopeMergedBytes,
                  List<ObjectFields> events, boolean checkText) {
        this.normaliser = Objects.requireNonNull(normaliser, "normaliser");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.body = Objects.requireNonNull(body, "body");
        this.envelope = Objects.requireNonNull(envelope, "envelope");
        this.envelopeMergedBytes = envelopeMergedBytes;
        this.events = List.copyOf(events);
        this.checkText = checkText;
        this.bodyWriteKey = writeKey(envelope).or(() -> this.events.isEmpty() ? Optional.empty() : writeKey(this.events.get(0)));
    }

    /** The write key in the body: the envelope's {@code writeKey}, else the first event's. */
    public Optional<String> bodyWriteKey() {
        return bodyWriteKey;
    }

    /** How many events the body carries. */
    public int eventCount() {
        return events.size();
    }

    /**
     * Validates and normalises each event (docs/EVENTS.md, "The log record") for the given event
     * source: good events become EVENT records, bad ones REJECT records with their reason.
     */
    public NormalisedRequest normalise(String source, RequestMetadata metadata) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(metadata, "metadata");
        if (normalised) {
            // The events are normalised in place, so a second pass would see its own output.
            throw new OwnstackException(ErrorCode.INTERNAL, "a ParsedRequest is normalised once; this one already was");
        }
        normalised = true;
        return normaliser.normalise(endpoint, body, envelope, envelopeMergedBytes, events, checkText, source, metadata);
    }

    private static Optional<String> writeKey(ObjectNode node) {
        JsonNode key = node.get("writeKey");
        return key != null && key.isTextual() && !key.textValue().isEmpty() ? Optional.of(key.textValue()) : Optional.empty();
    }

    private static Optional<String> writeKey(ObjectFields event) {
        int at = event.indexOf(EventFields.WRITE_KEY);
        String key = at < 0 ? null : event.text(at);
        return key != null && !key.isEmpty() ? Optional.of(key) : Optional.empty();
    }
}
