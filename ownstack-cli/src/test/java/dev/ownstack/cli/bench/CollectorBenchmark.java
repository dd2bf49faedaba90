package dev.ownstack.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import dev.ownstack.cli.ServeProcess;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable events per second through {@code ownstack serve}, next to the raw limit of the machine
 * measured in the same run: a minimal program that parses the same bodies with Jackson and appends
 * them to a file with the same group-commit fsync policy. Not a test; see docs/BENCHMARKS.md.
 *
 * <pre>
 * java -cp ... dev.ownstack.cli.bench.CollectorBenchmark JAR [SECONDS] [CLIENTS] [BATCH] [EVENT_BYTES]
 * </pre>
 */
public final class CollectorBenchmark {
    private static final String WRITE_KEY = "bench-write-key";
    private static final String API_KEY = "bench-api-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CollectorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int eventBytes = args.length > 4 ? Integer.parseInt(args[4]) : 400;
        Path work = Files.createTempDirectory("ownstack-collector-bench");
        System.out.printf("machine: %d cores, %s; %d clients, batches of %d events of ~%d bytes, %d s per phase%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), clients, batch, eventBytes, seconds);
        byte[] sample = new Bodies(batch, eventBytes, "sample").next();
        System.out.printf("body: %,d bytes for %d events (%,d bytes per event)%n", sample.length, batch, sample.length / batch);

        Result raw = rawLimit(work.resolve("raw.log"), seconds, clients, batch, eventBytes);
        System.out.println("raw limit   " + raw);

        // BENCH_LOADER=held: the loader waits an hour between loads, so the collector has the machine to
        // itself, as the raw limit does; nothing is loaded and nothing is awaited.
        boolean loaderHeld = "held".equals(System.getenv("BENCH_LOADER"));
        Path project = work.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("ownstack.yml"), """
                version: 1
                warehouse: {type: duckdb, path: warehouse.duckdb}
                sources:
                  bench: {type: events, write-keys: [%s]}
                server: {bind: 127.0.0.1, api-keys: [%s]}
                collector: %s
                """.formatted(WRITE_KEY, API_KEY, loaderHeld ? "{load-interval: 1h, load-batch-events: 10000000, max-backlog: 64GB}"
                        : System.getenv().getOrDefault("BENCH_COLLECTOR", "{}")));
        List<String> javaOptions = new ArrayList<>(List.of("-Xmx1g"));
        String extraOptions = System.getenv().getOrDefault("BENCH_SERVER_JAVA_OPTS", "");
        if (!extraOptions.isBlank()) {
            javaOptions.addAll(List.of(extraOptions.trim().split("\\s+")));
        }
        int port = ServeProcess.freePort();
        try (ServeProcess server = ServeProcess.start(jar, project, port, javaOptions, work.resolve("server.log"))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            // The measured part starts with nothing left to load, as a burst after a quiet spell does.
            Result collector = collector(port, seconds, clients, batch, eventBytes, () -> {
                if (loaderHeld) {
                    System.out.printf("warm-up     %d s per phase, not counted; loader held back%n", seconds);
                    return;
                }
                long started = System.nanoTime();
                long left = awaitLoaded(http, port);
                System.out.printf("warm-up     %d s per phase, not counted; the loader then took %.1f s to load the collector's (left: %,d bytes)%n",
                        seconds, (System.nanoTime() - started) / 1e9, left);
            });
            System.out.println("collector   " + collector);
            System.out.printf("ratio       %.2fx the raw limit%n", collector.eventsPerSecond() / raw.eventsPerSecond());
            if (!loaderHeld) {
                long drainStart = System.nanoTime();
                long backlog = awaitLoaded(http, port);
                double drain = (System.nanoTime() - drainStart) / 1e9;
                System.out.printf("loader      backlog after the run drained in %.1f s (left: %,d bytes)%n", drain, backlog);
            }
            System.out.printf("memory      server peak RSS %,d MiB (%s)%n", server.peakResidentBytes() >> 20, String.join(" ", javaOptions));
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + project.resolve("warehouse.duckdb"));
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT count(*), count(DISTINCT message_id) FROM raw.events")) {
            rows.next();
            System.out.printf("landed      %,d rows in raw.events, %,d distinct message ids%n", rows.getLong(1), rows.getLong(2));
        }
        // The raw limit's file, the event log and the warehouse take gigabytes; BENCH_KEEP=1 keeps them.
        if (System.getenv("BENCH_KEEP") == null) {
            deleteRecursively(work);
        } else {
            System.out.println("kept        " + work);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The same bodies parsed with Jackson, each event re-serialised, appended with one fsync per group. */
    static Result rawLimit(Path file, int seconds, int clients, int batch, int eventBytes) throws Exception {
        record Pending(List<byte[]> events, CompletableFuture<Void> done) {
        }
        BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(clients * 2);
        Thread writer = new Thread(() -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                List<Pending> group = new ArrayList<>();
                while (true) {
                    group.add(queue.take());
                    queue.drainTo(group);
                    List<ByteBuffer> buffers = new ArrayList<>();
                    for (Pending pending : group) {
                        for (byte[] event : pending.events()) {
                            buffers.add(ByteBuffer.allocate(4).putInt(0, event.length));
                            buffers.add(ByteBuffer.wrap(event));
                        }
                    }
                    ByteBuffer[] array = buffers.toArray(ByteBuffer[]::new);
                    long remaining = Arrays.stream(array).mapToLong(ByteBuffer::remaining).sum();
                    while (remaining > 0) {
                        remaining -= channel.write(array);
                    }
                    channel.force(false);
                    group.forEach(pending -> pending.done().complete(null));
                    group.clear();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, "raw-writer");
        writer.setDaemon(true);
        writer.start();
        return run(seconds, clients, batch, eventBytes, () -> {
        }, (body) -> {
            JsonNode tree = JSON.readTree(body);
            List<byte[]> events = new ArrayList<>();
            for (JsonNode event : tree.get("batch")) {
                events.add(JSON.writeValueAsBytes(event));
            }
            Pending pending = new Pending(events, new CompletableFuture<>());
            queue.put(pending);
            pending.done().join();
            return true;
        });
    }

    /** The collector's phase; {@code afterWarmUp} runs between the warm-up and the measured part. */
    static Result collector(int port, int seconds, int clients, int batch, int eventBytes, Step afterWarmUp) throws Exception {
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString((WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));
        ThreadLocal<KeepAliveClient> connections = ThreadLocal.withInitial(() -> {
            try {
                return new KeepAliveClient(port, "/v1/batch", auth);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return run(seconds, clients, batch, eventBytes, afterWarmUp, body -> connections.get().post(body) == 200);
    }

    interface Sender {
        boolean send(byte[] body) throws Exception;
    }

    interface Step {
        void run() throws Exception;
    }

    record Result(long events, long refused, double seconds, long p50Micros, long p99Micros) {
        double eventsPerSecond() {
            return events / seconds;
        }

        @Override
        public String toString() {
            return String.format("%,12.0f events/s  (%,d events in %.1f s; %,d requests refused; latency p50 %.2f ms, p99 %.2f ms)",
                    eventsPerSecond(), events, seconds, refused, p50Micros / 1000.0, p99Micros / 1000.0);
        }
    }

    /**
     * A warm-up as long as the measured part, not counted, so that both programs run code the JIT
     * has compiled (a fresh server JVM on two busy cores is still compiling after a few seconds).
     */
    static Result run(int seconds, int clients, int batch, int eventBytes, Step afterWarmUp, Sender sender) throws Exception {
        runFor(seconds, clients, batch, eventBytes, sender, "warm");
        afterWarmUp.run();
        return runFor(seconds, clients, batch, eventBytes, sender, "run");
    }

    private static Result runFor(int seconds, int clients, int batch, int eventBytes, Sender sender, String phase) throws Exception {
        AtomicLong events = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            latencies[c] = new long[1 << 20];
            Thread thread = new Thread(() -> {
                Bodies bodies = new Bodies(batch, eventBytes, phase + "-" + client + "-" + System.nanoTime());
                try {
                    while (System.nanoTime() < deadline) {
                        byte[] body = bodies.next();
                        long sent = System.nanoTime();
                        if (sender.send(body)) {
                            events.addAndGet(batch);
                        } else {
                            refused.incrementAndGet();
                        }
                        if (counts[client] < latencies[client].length) {
                            latencies[client][counts[client]++] = (System.nanoTime() - sent) / 1000;
                        }
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        long p50 = all.length == 0 ? 0 : all[all.length / 2];
        long p99 = all.length == 0 ? 0 : all[Math.min(all.length - 1, (int) (all.length * 0.99))];
        return new Result(events.get(), refused.get(), elapsed, p50, p99);
    }

    /**
     * Batch bodies as analytics-node sends them, each event about {@code eventBytes} long, with
     * unique message ids: one body is built once, then each call writes the next counter values
     * into the fixed-width digits of its ids, in place, so the load generator spends its time
     * sending, not building bodies. The body returned is the same array each time: a client
     * thread sends (or parses) it before it asks for the next one.
     */
    static final class Bodies {
        private static final int DIGITS = 12;
        private final byte[] body;
        private final int[] idOffsets;
        private final int batch;
        private long counter;

        Bodies(int batch, int eventBytes, String prefix) {
            this.batch = batch;
            String padding = "x".repeat(Math.max(0, eventBytes - 330));
            StringBuilder text = new StringBuilder(batch * (eventBytes + 100) + 100).append("{\"batch\":[");
            List<Integer> offsets = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                text.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"Product Viewed\",\"userId\":\"user-")
                        .append(i * 7919 % 10_000).append("\",\"messageId\":\"").append(prefix).append('-');
                offsets.add(text.length()); // ASCII only, so character offsets are byte offsets
                text.append("0".repeat(DIGITS)).append("\",\"timestamp\":\"2026-11-26T10:00:00.000Z\",\"properties\":{\"sku\":\"SKU-")
                        .append(i % 977).append("\",\"price\":19.99,\"currency\":\"EUR\",\"note\":\"").append(padding)
                        .append("\"},\"context\":{\"library\":{\"name\":\"@segment/analytics-node\",\"version\":\"3.1.0\"}},")
                        .append("\"integrations\":{}}");
            }
            body = text.append("],\"sentAt\":\"2026-11-26T10:00:00.100Z\"}").toString().getBytes(StandardCharsets.US_ASCII);
            idOffsets = offsets.stream().mapToInt(Integer::intValue).toArray();
        }

        byte[] next() {
            for (int i = 0; i < batch; i++) {
                long n = counter++;
                for (int d = idOffsets[i] + DIGITS - 1; d >= idOffsets[i]; d--) {
                    body[d] = (byte) ('0' + n % 10);
                    n /= 10;
                }
            }
            return body;
        }
    }

    /**
     * A minimal HTTP/1.1 client on one keep-alive connection. It shares the machine's cores with
     * the server it measures, so it does little per request: the request head and the body go
     * out in one gathering write, and the answer is read into one buffer and parsed as bytes
     * (Java's HttpClient costs more CPU per request than the server does).
     */
    static final class KeepAliveClient implements AutoCloseable {
        /** Matched without regard to case by OR-ing each byte with 0x20, which leaves "-" and ":" as they are. */
        private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
        private final java.nio.channels.SocketChannel channel;
        private final byte[] headStart;
        private final ByteBuffer head = ByteBuffer.allocate(1024);
        private final ByteBuffer answer = ByteBuffer.allocate(8192);

        KeepAliveClient(int port, String path, String authorization) throws IOException {
            channel = java.nio.channels.SocketChannel.open(new java.net.InetSocketAddress("127.0.0.1", port));
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            headStart = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + authorization
                    + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
        }

        /** Sends one request and returns the response's status code. */
        int post(byte[] body) throws IOException {
            head.clear();
            head.put(headStart).put(Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII)).put((byte) '\r').put((byte) '\n')
                    .put((byte) '\r').put((byte) '\n').flip();
            ByteBuffer[] request = {head, ByteBuffer.wrap(body)};
            while (request[1].hasRemaining()) {
                channel.write(request);
            }
            // read the head, then exactly Content-Length bytes of body
            answer.clear();
            int end = -1;
            while (end < 0) {
                if (channel.read(answer) < 0) {
                    throw new IOException("connection closed by the server");
                }
                end = headEnd(answer.array(), answer.position());
            }
            byte[] bytes = answer.array();
            int status = (bytes[9] - '0') * 100 + (bytes[10] - '0') * 10 + (bytes[11] - '0');
            long remaining = contentLength(bytes, end) - (answer.position() - end - 4);
            while (remaining > 0) {
                answer.clear().limit((int) Math.min(answer.capacity(), remaining));
                int read = channel.read(answer);
                if (read < 0) {
                    throw new IOException("connection closed by the server");
                }
                remaining -= read;
            }
            return status;
        }

        /** Where the blank line ending the head starts, or -1 before it has arrived. */
        private static int headEnd(byte[] bytes, int length) {
            for (int i = 0; i + 3 < length; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        /** The Content-Length in a response head, 0 when there is none. */
        private static long contentLength(byte[] bytes, int headEnd) {
            for (int line = 0; line < headEnd; ) {
                int at = line;
                int matched = 0;
                while (matched < CONTENT_LENGTH.length && at < headEnd && (bytes[at] | 0x20) == CONTENT_LENGTH[matched]) {
                    at++;
                    matched++;
                }
                if (matched == CONTENT_LENGTH.length) {
                    long length = 0;
                    for (; at < headEnd && bytes[at] != '\r'; at++) {
                        if (bytes[at] >= '0' && bytes[at] <= '9') {
                            length = length * 10 + (bytes[at] - '0');
                        }
                    }
                    return length;
                }
                while (line < headEnd && bytes[line] != '\n') {
                    line++;
                }
                line++;
            }
            return 0;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Waits until the loader's backlog is empty (from /api/v1/status); returns what is left after 10 minutes. */
    private static long awaitLoaded(HttpClient http, int port) throws Exception {
        long deadline = System.nanoTime() + 600_000_000_000L;
        long backlog = -1;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/status"))
                    .header("Authorization", "Bearer " + API_KEY).build(), HttpResponse.BodyHandlers.ofString());
            backlog = JSON.readTree(status.body()).at("/log/backlogBytes").asLong(-1);
            if (backlog == 0) {
                return 0;
            }
            Thread.sleep(200);
        }
        return backlog;
    }
}
