package dev.ownstack.ingest.events;

import java.util.List;
import java.util.Optional;

/**
 * A request turned into log records: one EVENT record per good event, one REJECT record (with its
 * reason) per bad one. {@code firstRejectReason} lets a single-event endpoint answer 400 with it.
 */
public record NormalisedRequest(List<LogRecord> records, int accepted, int rejected, Optional<String> firstRejectReason) {
    public NormalisedRequest {
        records = List.copyOf(records);
    }
}
