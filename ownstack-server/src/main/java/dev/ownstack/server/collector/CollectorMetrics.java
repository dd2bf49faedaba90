package dev.ownstack.server.collector;

import dev.ownstack.server.metrics.MetricRegistry;
import java.util.concurrent.atomic.LongAdder;

/** The collector's metrics; registered once and updated by every request. */
public final class CollectorMetrics {
    private static final double[] LATENCY_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final MetricRegistry.Counter requests;
    private final MetricRegistry.Counter accepted;
    private final MetricRegistry.Counter rejected;
    private final MetricRegistry.Histogram duration;
    private final LongAdder acceptedTotal = new LongAdder();
    private final LongAdder rejectedTotal = new LongAdder();

    public CollectorMetrics(MetricRegistry registry, LoaderStatus loader) {
        requests = registry.counter("ownstack_collector_requests_total", "Collector requests by endpoint and HTTP status.",
                "endpoint", "status");
        accepted = registry.counter("ownstack_collector_events_accepted_total", "Events written to the event log, by event source.",
                "source");
        rejected = registry.counter("ownstack_collector_events_rejected_total",
                "Events rejected (stored with their reason in ownstack.event_rejects), by event source.", "source");
        duration = registry.histogram("ownstack_collector_request_duration_seconds",
                "Time from a collector request's arrival to its answer (durable events included).", LATENCY_BUCKETS);
        registry.counterFrom("ownstack_collector_events_loaded_total", "Events the loader committed to raw.events.",
                loader::eventsLoaded);
        registry.gauge("ownstack_collector_log_backlog_bytes", "Bytes in the event log not yet loaded into the warehouse.",
                loader::backlogBytes);
        registry.gauge("ownstack_loader_last_load_timestamp_seconds",
                "When the loader last committed a batch, in seconds since the epoch (0 before the first).",
                () -> loader.lastLoadAt().map(at -> at.toEpochMilli() / 1000.0).orElse(0.0));
    }

    void request(String endpoint, int status, long nanos) {
        requests.increment(endpoint, Integer.toString(status));
        duration.observe(nanos / 1e9);
    }

    void events(String source, int acceptedCount, int rejectedCount) {
        if (acceptedCount > 0) {
            accepted.labels(source).add(acceptedCount);
            acceptedTotal.add(acceptedCount);
        }
        if (rejectedCount > 0) {
            rejected.labels(source).add(rejectedCount);
            rejectedTotal.add(rejectedCount);
        }
    }

    public long eventsAccepted() {
        return acceptedTotal.sum();
    }

    public long eventsRejected() {
        return rejectedTotal.sum();
    }

    public long eventsAccepted(String source) {
        return accepted.value(source);
    }

    public long eventsRejected(String source) {
        return rejected.value(source);
    }
}
