package dev.ownstack.activation.bench;

import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RateLimit;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.activation.sync.delivery.DeliveryListener;
import dev.ownstack.activation.sync.delivery.DeliveryPolicy;
import dev.ownstack.activation.sync.delivery.DeliveryReport;
import dev.ownstack.activation.sync.delivery.DestinationSender;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The delivery path end to end, in one JVM: records generated on the fly, cut into batches and
 * sent by a {@link DestinationSender} to a fake destination.
 * <ol>
 *   <li>No limit: a fake that accepts every batch at once, 500 records per batch, 8 in flight;
 *       prints records per second.</li>
 *   <li>Braze's published limit (3,000 requests per 3 s, 75 records per request): a fake that
 *       takes {@code LATENCY} ms per request, answers 429 with Retry-After to any request that would
 *       make more than 3,000 in the 3 s before it (by its own clock, as the vendor would), and
 *       prints the requests it saw over the limit and the achieved request rate as a share of the
 *       limit while sending: the requests from the first to the one 3,000 before the last, per
 *       second, over the limit's 1,000 per second; also over the whole run, counting the window
 *       after its last request, which short runs pay for their ends.</li>
 * </ol>
 * {@code WINDOW_SCALE} shrinks the window (and the number of requests per window stays 3,000), for a
 * quicker run: 0.5 means 3,000 per 1.5 s.
 *
 * <pre>java ... SyncDeliveryBenchmark [RECORDS_UNLIMITED] [REQUESTS_LIMITED] [LATENCY_MS] [WINDOW_SCALE]</pre>
 */
public final class SyncDeliveryBenchmark {
    static final RunInfo RUN = new RunInfo("bench", 1, Instant.parse("2026-01-01T00:00:00Z"));

    private SyncDeliveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long unlimitedRecords = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 2_000_000;
        long limitedRequests = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 30_000;
        long latencyMillis = args.length > 2 ? Long.parseLong(args[2]) : 20;
        double windowScale = args.length > 3 ? Double.parseDouble(args[3]) : 1.0;
        unlimited(unlimitedRecords);
        limited(limitedRequests, latencyMillis, windowScale);
    }

    static void unlimited(long records) {
        Capabilities capabilities = new Capabilities(Set.of(Operation.UPSERT), 500, 0, 8, Optional.empty(), false);
        Destination fake = new Destination() {
            @Override
            public CheckResult check() {
                return CheckResult.ok("fake");
            }

            @Override
            public BatchResult write(RecordBatch batch) {
                return BatchResult.allAccepted(batch);
            }
        };
        send("warm-up", fake, capabilities, Math.min(records, 200_000));
        long started = System.nanoTime();
        DeliveryReport report = send("no limit", fake, capabilities, records);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "no limit: %,d records in %,d requests, %.2f s: %,.0f records/s%n", report.records(), report.requests(),
                seconds, report.records() / seconds);
    }

    static void limited(long requests, long latencyMillis, double windowScale) {
        RateLimit braze = new RateLimit(3000, Duration.ofNanos((long) (Duration.ofSeconds(3).toNanos() * windowScale)));
        Capabilities capabilities = new Capabilities(Set.of(Operation.UPSERT), 75, 0, 64, Optional.of(braze), false);
        LimitedFake fake = new LimitedFake(braze, latencyMillis);
        long records = requests * 75;
        DeliveryReport report = send("braze limit", fake, capabilities, records);
        long period = braze.period().toNanos();
        List<Long> starts = fake.starts();
        long first = starts.get(0);
        int windows = (int) ((starts.get(starts.size() - 1) - first) / period);
        int[] counts = new int[Math.max(windows, 1)];
        for (long start : starts) {
            int window = (int) ((start - first) / period);
            if (window < counts.length) {
                counts[window]++;
            }
        }
        // the rate at which whole windows were used: the requests that started before request number n - 3,000, per second
        // from the first start to that one's (past that point a run that ends has no more requests to send)
        int counted = starts.size() - braze.requests();
        double steady = counted > 0 ? counted / ((starts.get(counted) - first) / 1e9) / braze.perSecond() : 0;
        double spanSeconds = (starts.get(starts.size() - 1) - first + period) / 1e9;
        double whole = starts.size() / spanSeconds / braze.perSecond();
        System.out.printf(Locale.ROOT, "braze limit (%d requests per %s, %d records per request, %d ms per request, 64 in flight): %,d records"
                        + " in %,d requests, %d over the limit by the fake's clock (answered 429); requests per window from the first: %s%n",
                braze.requests(), braze.period(), 75, latencyMillis, report.records(), starts.size(), fake.overLimit.get(),
                java.util.Arrays.toString(counts));
        System.out.printf(Locale.ROOT, "braze limit: %.1f%% of the limit while sending (%,.0f records/s); %.1f%% over the whole run counting"
                + " the window after its last request%n", 100 * steady, steady * braze.perSecond() * 75, 100 * whole);
    }

    static DeliveryReport send(String label, Destination destination, Capabilities capabilities, long records) {
        AtomicLong accepted = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        DeliveryListener listener = new DeliveryListener() {
            @Override
            public void accepted(Operation operation, List<SyncRecord> sent, List<RecordResult> results) {
                accepted.addAndGet(sent.size());
            }

            @Override
            public void rejected(Operation operation, SyncRecord record, RecordResult result, int attempts) {
                rejected.incrementAndGet();
            }
        };
        try (DestinationSender sender = new DestinationSender(label, destination, capabilities, DeliveryPolicy.DEFAULT)) {
            DeliveryReport report = sender.send(RUN, Operation.UPSERT, new Generated(records), listener);
            if (accepted.get() != records || rejected.get() != 0) {
                throw new IllegalStateException(label + ": " + accepted.get() + " of " + records + " records accepted, " + rejected.get()
                        + " rejected; " + report);
            }
            return report;
        }
    }

    /** A vendor enforcing a sliding-window limit by its own clock, with a fixed time per request. */
    static final class LimitedFake implements Destination {
        final RateLimit limit;
        final long latencyMillis;
        final ArrayDeque<Long> window = new ArrayDeque<>();
        final List<Long> starts = new java.util.ArrayList<>();
        final AtomicLong overLimit = new AtomicLong();

        LimitedFake(RateLimit limit, long latencyMillis) {
            this.limit = limit;
            this.latencyMillis = latencyMillis;
        }

        @Override
        public CheckResult check() {
            return CheckResult.ok("fake");
        }

        @Override
        public BatchResult write(RecordBatch batch) {
            long now = System.nanoTime();
            synchronized (window) {
                while (!window.isEmpty() && now - window.peekFirst() >= limit.period().toNanos()) {
                    window.pollFirst();
                }
                if (window.size() >= limit.requests()) {
                    overLimit.incrementAndGet();
                    Duration retryAfter = Duration.ofNanos(window.peekFirst() + limit.period().toNanos() - now);
                    throw new DestinationException(ErrorClass.THROTTLED, "429 rate limit exceeded", Optional.of(retryAfter), null);
                }
                window.addLast(now);
                starts.add(now);
            }
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DestinationException(ErrorClass.RETRYABLE, "interrupted");
            }
            return BatchResult.allAccepted(batch);
        }

        List<Long> starts() {
            synchronized (window) {
                return List.copyOf(starts);
            }
        }
    }

    /** {@code count} records with three fields, made as they are read. */
    static final class Generated implements Iterator<SyncRecord> {
        private final long count;
        private long next;

        Generated(long count) {
            this.count = count;
        }

        @Override
        public boolean hasNext() {
            return next < count;
        }

        @Override
        public SyncRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            long i = next++;
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("email", "user" + i + "@example.com");
            fields.put("first_name", "User " + i);
            fields.put("lifetime_value", i * 0.25);
            return new SyncRecord("u" + i, fields);
        }
    }
}
