package dev.ownstack.ingest.events;

import java.time.Instant;
import java.util.Objects;

/**
 * What the server knows about a request besides its body: when it arrived and the client's
 * address (the connection's, or {@code X-Forwarded-For} when the connection is a trusted proxy).
 */
public record RequestMetadata(Instant receivedAt, String ip) {
    public RequestMetadata {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(ip, "ip");
    }
}
