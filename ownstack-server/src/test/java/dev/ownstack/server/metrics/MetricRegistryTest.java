package dev.ownstack.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricRegistryTest {

    @Test
    void writes_counters_gauges_and_histograms_in_the_text_format() {
        MetricRegistry registry = new MetricRegistry();
        MetricRegistry.Counter requests = registry.counter("test_requests_total", "Requests.", "endpoint", "status");
        requests.increment("track", "200");
        requests.increment("track", "200");
        requests.increment("batch", "413");
        registry.gauge("test_backlog_bytes", "Backlog.", () -> 1.5);
        MetricRegistry.Histogram latency = registry.histogram("test_seconds", "Latency.", 0.01, 0.1);
        latency.observe(0.005);
        latency.observe(0.05);
        latency.observe(3);

        assertEquals("""
                # HELP test_backlog_bytes Backlog.
                # TYPE test_backlog_bytes gauge
                test_backlog_bytes 1.5
                # HELP test_requests_total Requests.
                # TYPE test_requests_total counter
                test_requests_total{endpoint="batch",status="413"} 1
                test_requests_total{endpoint="track",status="200"} 2
                # HELP test_seconds Latency.
                # TYPE test_seconds histogram
                test_seconds_bucket{le="0.01"} 1
                test_seconds_bucket{le="0.1"} 2
                test_seconds_bucket{le="+Inf"} 3
                test_seconds_sum 3.055
                test_seconds_count 3
                """, registry.scrape());
    }

    @Test
    void escapes_label_values() {
        MetricRegistry registry = new MetricRegistry();
        registry.counter("test_total", "Help with \\ and\nnewline.", "source").increment("we\"b\\\n");
        assertEquals("""
                # HELP test_total Help with \\\\ and\\nnewline.
                # TYPE test_total counter
                test_total{source="we\\"b\\\\\\n"} 1
                """, registry.scrape());
    }

    @Test
    void refuses_bad_names_duplicates_and_wrong_label_counts() {
        MetricRegistry registry = new MetricRegistry();
        assertThrows(IllegalArgumentException.class, () -> registry.counter("bad-name", "x"));
        MetricRegistry.Counter counter = registry.counter("ok_total", "x", "a");
        assertThrows(IllegalArgumentException.class, () -> registry.counter("ok_total", "x"));
        assertThrows(IllegalArgumentException.class, () -> counter.increment("1", "2"));
        assertThrows(IllegalArgumentException.class, () -> registry.histogram("h", "x", 1, 1));
    }
}
