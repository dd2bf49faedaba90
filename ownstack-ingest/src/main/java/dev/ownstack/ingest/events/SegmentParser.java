package dev.ownstack.ingest.events;

import java.util.Objects;

/**
 * Parses request bodies of the Segment tracking API. Thread-safe; one instance serves all
 * requests.
 */
public final class SegmentParser {
    private final CollectorLimits limits;

    public SegmentParser(CollectorLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public CollectorLimits limits() {
        return limits;
    }

    /**
     * Parses one (already decompressed) body sent to {@code endpoint}. Throws an
     * {@code OwnstackException} with INPUT_INVALID (HTTP 400) when the body is not JSON, nests
     * deeper than the limit, is not an object, has a {@code batch} that is not a list of objects,
     * or has more events than {@code maxBatchEvents}; the message names what is wrong and where.
     * Problems of single events are not thrown: {@link ParsedRequest#normalise} turns them into
     * rejects.
     */
    public ParsedRequest parse(Endpoint endpoint, byte[] body) {
        throw new UnsupportedOperationException("SegmentParser.parse is being written");
    }
}
