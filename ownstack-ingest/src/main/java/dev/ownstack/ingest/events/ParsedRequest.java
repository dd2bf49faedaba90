package dev.ownstack.ingest.events;

import java.util.Optional;

/** A parsed body of the tracking API, before the write key has been checked. */
public final class ParsedRequest {

    ParsedRequest() {
    }

    /** The write key in the body: the envelope's {@code writeKey}, else the first event's. */
    public Optional<String> bodyWriteKey() {
        throw new UnsupportedOperationException("ParsedRequest is being written");
    }

    /** How many events the body carries. */
    public int eventCount() {
        throw new UnsupportedOperationException("ParsedRequest is being written");
    }

    /**
     * Validates and normalises each event (docs/EVENTS.md, "The log record") for the given event
     * source: good events become EVENT records, bad ones REJECT records with their reason.
     */
    public NormalisedRequest normalise(String source, RequestMetadata metadata) {
        throw new UnsupportedOperationException("ParsedRequest is being written");
    }
}
