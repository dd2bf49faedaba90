package dev.ownstack.activation.sync.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RateLimit;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.SyncRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DestinationSenderTest {
    static final RunInfo RUN = new RunInfo("members", 7, Instant.parse("2026-01-01T00:00:00Z"));
    static final DeliveryPolicy FAST = DeliveryPolicy.DEFAULT.withBackoff(Duration.ofMillis(1), Duration.ofMillis(5), 4);

    static List<SyncRecord> records(int count) {
        List<SyncRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("email", "user" + i + "@example.com");
            fields.put("score", (long) i);
            records.add(new SyncRecord("k" + i, fields));
        }
        return records;
    }

    static Capabilities capabilities(int maxRecords, long maxBytes, int concurrency, Optional<RateLimit> limit) {
        return new Capabilities(Set.of(Operation.UPSERT, Operation.REMOVE), maxRecords, maxBytes, concurrency, limit, false);
    }

    static DeliveryReport send(DestinationSender sender, List<SyncRecord> records, RecordingListener listener) {
        return sender.send(RUN, Operation.UPSERT, records.iterator(), listener);
    }

    @Test
    void cuts_batches_at_the_record_limit() {
        RecordingDestination destination = new RecordingDestination();
        List<SyncRecord> records = records(250);
        RecordingListener listener = new RecordingListener();
        try (DestinationSender sender = new DestinationSender("d", destination, capabilities(100, 0, 1, Optional.empty()), FAST)) {
            DeliveryReport report = send(sender, records, listener);
            assertEquals(List.of(50, 100, 100), destination.writes().stream().map(w -> w.batch().size()).sorted().toList());
            assertEquals(new DeliveryReport(250, 3, 0, 0, report.waited(), Optional.empty()), report);
        }
        assertTrue(listener.reportedEachOnce(records));
        assertEquals(250, destination.state().size());
    }

    @Test
    void cuts_batches_at_the_byte_limit_of_their_json() throws Exception {
        RecordingDestination destination = new RecordingDestination();
        List<SyncRecord> records = records(300);
        records.add(new SyncRecord("quoted", Map.of("name", "Zoë \"the\" ünïcode ✓ \n")));
        ObjectMapper json = new ObjectMapper();
        long limit = 1000;
        try (DestinationSender sender = new DestinationSender("d", destination, capabilities(1000, limit, 1, Optional.empty()), FAST)) {
            send(sender, records, new RecordingListener());
        }
        List<RecordingDestination.Write> writes = destination.writes().stream()
                .sorted(java.util.Comparator.comparingLong(w -> Long.parseLong(w.batch().id().substring(w.batch().id().lastIndexOf('-') + 1))))
                .toList();
        assertTrue(writes.size() > 5, "expected several batches, got " + writes.size());
        for (int i = 0; i < writes.size(); i++) {
            List<Map<String, Object>> fields = writes.get(i).batch().records().stream().map(SyncRecord::fields).toList();
            long size = json.writeValueAsBytes(fields).length;
            assertTrue(size <= limit, "batch " + i + " has " + size + " bytes of JSON");
            if (i < writes.size() - 1) {
                // batches are cut in order: the next batch's first record did not fit in this one
                List<Map<String, Object>> grown = new ArrayList<>(fields);
                grown.add(writes.get(i + 1).batch().records().get(0).fields());
                assertTrue(json.writeValueAsBytes(grown).length > limit, "batch " + i + " had room for the next record");
            }
        }
        assertEquals(301, writes.stream().mapToInt(w -> w.batch().size()).sum());
    }

    @Test
    void never_runs_more_writes_at_once_than_the_concurrency_cap_across_syncs() throws Exception {
        RecordingDestination destination = RecordingDestination.slow(50);
        try (DestinationSender sender = new DestinationSender("d", destination, capabilities(5, 0, 3, Optional.empty()), FAST)) {
            RecordingListener other = new RecordingListener();
            Thread second = new Thread(() -> sender.send(new RunInfo("other", 1, RUN.startedAt()), Operation.UPSERT, records(50).iterator(), other));
            second.start();
            send(sender, records(50), new RecordingListener());
            second.join();
            assertTrue(other.reportedEachOnce(records(50)));
        }
        assertEquals(3, destination.maxInFlight());
        assertEquals(20, destination.writes().size());
    }

    @Test
    void starts_no_more_requests_than_the_rate_limit_in_any_window() {
        RecordingDestination destination = new RecordingDestination();
        RateLimit limit = new RateLimit(8, Duration.ofMillis(400));
        List<SyncRecord> records = records(40);
        try (DestinationSender sender = new DestinationSender("d", destination, capabilities(1, 0, 4, Optional.of(limit)),
                FAST.withRateMargin(0))) {
            send(sender, records, new RecordingListener());
        }
        List<Long> starts = destination.writes().stream().map(RecordingDestination.Write::startNanos).sorted().toList();
        assertEquals(40, starts.size());
        // the fake's clock sees each start a little after the sender's: half the window is left for that delay, which is
        // still too short for a limiter that lets a full burst and then a refill through (12 in the first 200 ms)
        assertEquals(8, maxInWindow(starts, limit.period().toNanos() / 2));
        long span = starts.get(starts.size() - 1) - starts.get(0);
        assertTrue(span >= limit.period().toNanos() * 4, "40 requests at 8 per window need at least 4 windows after the first start, took "
                + Duration.ofNanos(span));
    }

    /** The most starts within any window of the given length (closed at the start, open at the end). */
    static int maxInWindow(List<Long> sortedStarts, long windowNanos) {
        int max = 0;
        int first = 0;
        for (int last = 0; last < sortedStarts.size(); last++) {
            while (sortedStarts.get(last) - sortedStarts.get(first) >= windowNanos) {
                first++;
            }
            max = Math.max(max, last - first + 1);
        }
        return max;
    }

    @Test
    void waits_out_retry_after_without_spending_retries() {
        Duration retryAfter = Duration.ofMillis(30);
        RecordingDestination destination = new RecordingDestination((batch, call) -> {
            if (call <= 6) {
                throw new DestinationException(ErrorClass.THROTTLED, "429", Optional.of(retryAfter), null);
            }
            return BatchResult.allAccepted(batch);
        });
        List<SyncRecord> records = records(10);
        RecordingListener listener = new RecordingListener();
        DeliveryReport report;
        try (DestinationSender sender = new DestinationSender("d", destination, capabilities(10, 0, 1, Optional.empty()),
                FAST.withBackoff(Duration.ofMillis(1), Duration.ofMillis(1), 2))) {
            report = send(sender, records, listener);
        }
        assertEquals(List.copyOf(listener.accepted), records.stream().map(SyncRecord::key).toList());
        assertEquals(new DeliveryReport(10, 7, 0, 6, report.waited(), Optional.empty()), report);
        List<RecordingDestination.Write> writes = destination.writes();
        for (int i = 1; i < writes.size(); i++) {
            assertEquals(writes.get(0).batch().id(), writes.get(i).batch().id());
            assertEquals(i + 1, writes.get(i).batch().attempt());
            assertTrue(writes.get(i).startNanos() - writes.get(i - 1).startNanos() >= retryAfter.toNanos(), "write " + i + " came too soon");
        }
        assertTrue(report.waited().compareTo(retryAfter.multipliedBy(5)) >= 0, "waited " + report.waited());
    }

    @Test
    void a_throttle_holds_off_every_thread_of_the_destination() throws Exception {
        Duration retryAfter = Duration.ofMillis(300);
        java.util.concurrent.atomic.AtomicLong throttledAt = new java.util.concurrent.atomic.AtomicLong();
        RecordingDestination destination = new RecordingDestination((batch, call) -> {
            if (batch.run().sync().equals("throttled") && batch.attempt() == 1) {
                throttledAt.set(System.nanoTime());
                throw new DestinationException(ErrorClass.THROTTLED, "429", Optional.of(retryAfter), null);
            }
            Thread.sleep(5);
            return BatchResult.allAccepted(batch);
        });
        try (DestinationSender sender = new DestinationSender("d", destination, capabilities(1, 0, 2, Optional.empty()), FAST)) {
            Thread busy = new Thread(() -> sender.send(new RunInfo("busy", 1, RUN.startedAt()), Operation.UPSERT, records(100).iterator(),
                    new RecordingListener()));
            busy.start();
            while (destination.writes().size() < 5) {
                Thread.sleep(1);
            }
            sender.send(new RunInfo("throttled", 1, RUN.startedAt()), Operation.UPSERT, records(1).iterator(), new RecordingListener());
            busy.join();
        }
        long during = destination.writes().stream().filter(w -> w.batch().run().sync().equals("busy"))
                .filter(w -> w.startNanos() > throttledAt.get() && w.startNanos() < throttledAt.get() + retryAfter.toNanos()).count();
        // at most the one write the other thread may have begun between the 429 and its reaching the sender
        assertTrue(during <= 1, during + " writes of the other sync started during the hold-off");
        assertEquals(100, destination.state().size());
        assertTrue(throttledAt.get() != 0, "the throttled sync was answered 429");
    }

    @Test
    void retries_a_failing_batch_with_the_same_id_up_to_the_attempt_limit_then_stops() {
        RecordingDestination destination = new RecordingDestination((batch, call) -> {
            throw new DestinationException(ErrorClass.RETRYABLE, "503 Service Unavailable");
        });
        RecordingListener listener = new RecordingListener();
        List<SyncRecord> records = records(10);
        DeliveryReport report;
        try (DestinationSender sender = new DestinationSender("d", destination, capabilities(10, 0, 1, Optional.empty()), FAST)) {
            report = send(sender, records, listener);
        }
        List<RecordingDestination.Write> writes = destination.writes();
        assertEquals(4, writes.size());
        assertEquals(List.of(1, 2, 3, 4), writes.stream().map(w -> w.batch().attempt()).toList());
        assertEquals(1, writes.stream().map(w -> w.batch().id()).distinct().count());
        assertEquals(10, listener.rejected.size());
        assertTrue(listener.rejected.stream().allMatch(r -> r.errorClass() == ErrorClass.RETRYABLE && r.attempts() == 4
                && r.message().contains("503 Service Unavailable")));
        assertEquals(3, report.retries());
        assertEquals(ErrorClass.RETRYABLE, report.stoppedBy().orElseThrow().errorClass());
    }

    @Test
    void a_batch_that_recovers_is_accepted_under_its_first_id() {
        RecordingDestination destination = new RecordingDestination((batch, call) -> {
            if (call <= 2) {
                throw new DestinationException(ErrorClass.RETRYABLE, "500");
            }
            return BatchResult.allAccepted(batch);
        });
        RecordingListener listener = new RecordingListener();
        List<SyncRecord> records = records(5);
        try (DestinationSender sender = new DestinationSender("d", destination, capabilities(10, 0, 1, Optional.empty()), FAST)) {
            DeliveryReport report = send(sender, records, listener);
            assertEquals(2, report.retries());
            assertFalse(report.stoppedBy().isPresent());
        }
        assertEquals(List.of("members-7-upsert-1"), destination.writes().stream().map(w -> w.batch().id()).distinct().toList());
        assertTrue(listener.reportedEachOnce(records));
        assertEquals(5, listener.accepted.size());
    }

    @Test
    void stops_at_an_authentication_failure_and_sends_nothing_more() {
        RecordingDestination destination = new RecordingDestination((batch, call) -> {
            if (call == 3) {
                throw new DestinationException(ErrorClass.AUTH, "401 invalid api key");
            }
            return BatchResult.allAccepted(batch);
        });
        RecordingListener listener = new RecordingListener();
        DeliveryReport report;
        try (DestinationSender sender = new DestinationSender("d", destination, capabilities(10, 0, 1, Optional.empty()), FAST)) {
            report = send(sender, records(100), listener);
        }
        assertEquals(3, destination.writes().size());
        assertEquals(20, listener.accepted.size());
        assertEquals(0, listener.rejected.size());
        assertEquals("401 invalid api key", report.stoppedBy().orElseThrow().getMessage());
    }

    @Test
    void rejects_every_record_of_a_batch_refused_permanently() {
        RecordingDestination destination = new RecordingDestination((batch, call) -> {
            if (batch.id().equals("members-7-upsert-1")) {
                throw new DestinationException(ErrorClass.PERMANENT, "400 malformed payload");
            }
            return BatchResult.allAccepted(batch);
        });
        RecordingListener listener = new RecordingListener();
        List<SyncRecord> records = records(15);
        try (DestinationSender sender = new DestinationSender("d", destination, capabilities(10, 0, 1, Optional.empty()), FAST)) {
            send(sender, records, listener);
        }
        assertEquals(2, destination.writes().size());
        assertEquals(10, listener.rejected.size());
        assertTrue(listener.rejected.stream().allMatch(r -> r.errorClass() == ErrorClass.PERMANENT && r.attempts() == 1));
        assertTrue(listener.reportedEachOnce(records));
    }

    @Test
    void retries_records_rejected_inside_an_accepted_batch_and_reports_the_permanent_ones() {
        RecordingDestination destination = new RecordingDestination((batch, call) -> {
            List<RecordResult> results = new ArrayList<>();
            for (SyncRecord record : batch.records()) {
                int number = Integer.parseInt(record.key().substring(1));
                if (number % 5 == 0) {
                    results.add(RecordResult.rejected(record.key(), ErrorClass.PERMANENT, "invalid email"));
                } else if (number % 3 == 0 && call == 1) {
                    results.add(RecordResult.rejected(record.key(), ErrorClass.RETRYABLE, "lock timeout"));
                } else if (number % 7 == 0 && call == 1) {
                    results.add(new RecordResult(record.key(), false, Optional.of(ErrorClass.THROTTLED), "slow down", Optional.empty(),
                            Optional.of(Duration.ofMillis(10))));
                } else {
                    results.add(RecordResult.accepted(record.key()));
                }
            }
            return new BatchResult(results);
        });
        RecordingListener listener = new RecordingListener();
        List<SyncRecord> records = records(30);
        DeliveryReport report;
        try (DestinationSender sender = new DestinationSender("d", destination, capabilities(30, 0, 1, Optional.empty()), FAST)) {
            report = send(sender, records, listener);
        }
        assertTrue(listener.reportedEachOnce(records));
        assertEquals(List.of("k0", "k5", "k10", "k15", "k20", "k25"), listener.rejected.stream().map(RecordingListener.Rejection::key).toList());
        List<RecordingDestination.Write> writes = destination.writes();
        assertEquals(2, writes.size());
        assertEquals(List.of("k3", "k6", "k7", "k9", "k12", "k14", "k18", "k21", "k24", "k27", "k28"), writes.get(1).keys());
        assertFalse(writes.get(0).batch().id().equals(writes.get(1).batch().id()), "a subset goes out under an id of its own");
        assertEquals(1, report.throttled());
        assertEquals(1, report.retries());
        assertEquals(24, destination.state().size());
    }

    @Test
    void records_still_failing_inside_accepted_batches_are_rejected_after_the_attempt_limit() {
        RecordingDestination destination = new RecordingDestination((batch, call) -> new BatchResult(batch.records().stream()
                .map(r -> r.key().equals("k1") ? RecordResult.rejected("k1", ErrorClass.RETRYABLE, "deadlock") : RecordResult.accepted(r.key()))
                .toList()));
        RecordingListener listener = new RecordingListener();
        List<SyncRecord> records = records(3);
        try (DestinationSender sender = new DestinationSender("d", destination, capabilities(10, 0, 1, Optional.empty()), FAST)) {
            DeliveryReport report = send(sender, records, listener);
            assertFalse(report.stoppedBy().isPresent(), "one record's trouble does not stop the delivery");
        }
        assertEquals(List.of(new RecordingListener.Rejection("k1", ErrorClass.RETRYABLE, "still failing after 4 sends: deadlock", 4)),
                listener.rejected);
        assertEquals(4, destination.writes().size());
        assertTrue(listener.reportedEachOnce(records));
    }

    @Test
    void counts_a_write_that_outlasts_the_timeout_as_retryable() {
        RecordingDestination destination = new RecordingDestination((batch, call) -> {
            if (call == 1) {
                Thread.sleep(30_000);
            }
            return BatchResult.allAccepted(batch);
        });
        RecordingListener listener = new RecordingListener();
        List<SyncRecord> records = records(4);
        try (DestinationSender sender = new DestinationSender("d", destination, capabilities(10, 0, 1, Optional.empty()),
                FAST.withWriteTimeout(Duration.ofMillis(100)))) {
            DeliveryReport report = send(sender, records, listener);
            assertEquals(1, report.retries());
        }
        assertEquals(List.of(1, 2), destination.writes().stream().map(w -> w.batch().attempt()).toList());
        assertTrue(listener.reportedEachOnce(records));
        assertEquals(4, listener.accepted.size());
    }

    @Test
    void passes_a_listener_failure_to_the_caller() {
        RecordingDestination destination = new RecordingDestination();
        DeliveryListener failing = new DeliveryListener() {
            @Override
            public void accepted(Operation operation, List<SyncRecord> records, List<RecordResult> results) {
                throw new IllegalStateException("warehouse is gone");
            }

            @Override
            public void rejected(Operation operation, SyncRecord record, RecordResult result, int attempts) {
            }
        };
        try (DestinationSender sender = new DestinationSender("d", destination, capabilities(10, 0, 1, Optional.empty()), FAST)) {
            IllegalStateException thrown = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> sender.send(RUN, Operation.UPSERT, records(100).iterator(), failing));
            assertEquals("warehouse is gone", thrown.getMessage());
        }
        assertTrue(destination.writes().size() < 10, "stopped after the failure, wrote " + destination.writes().size());
    }

    @Test
    void refuses_an_operation_the_destination_does_not_support() {
        Capabilities upsertOnly = new Capabilities(Set.of(Operation.UPSERT), 10, 0, 1, Optional.empty(), false);
        try (DestinationSender sender = new DestinationSender("crm", new RecordingDestination(), upsertOnly, FAST)) {
            var thrown = org.junit.jupiter.api.Assertions.assertThrows(dev.ownstack.core.error.OwnstackException.class,
                    () -> sender.send(RUN, Operation.REMOVE, records(1).iterator(), new RecordingListener()));
            assertTrue(thrown.getMessage().contains("destination crm does not support REMOVE"), thrown.getMessage());
        }
    }

    @Test
    void refuses_to_send_once_closed() {
        DestinationSender sender = new DestinationSender("crm", new RecordingDestination(), capabilities(10, 0, 1, Optional.empty()), FAST);
        sender.close();
        var thrown = org.junit.jupiter.api.Assertions.assertThrows(dev.ownstack.core.error.OwnstackException.class,
                () -> sender.send(RUN, Operation.UPSERT, records(5).iterator(), new RecordingListener()));
        assertEquals("the sender of destination crm is closed", thrown.getMessage());
    }
}
