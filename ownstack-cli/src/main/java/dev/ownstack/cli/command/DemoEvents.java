package dev.ownstack.cli.command;

import dev.ownstack.cli.output.Progress;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * Sends the generated {@code events.jsonl} to a running collector the way a server-side SDK does:
 * {@code POST /v1/batch} with the write key as the Basic auth user, batches of a few hundred
 * events, and a resend of any batch not answered 200.
 */
final class DemoEvents {
    static final int BATCH_EVENTS = 400;

    private DemoEvents() {
    }

    /** What was sent: events acknowledged and HTTP requests made. */
    record Sent(long events, long requests, double seconds) {
    }

    static Sent send(Path eventsFile, String collectorUrl, String writeKey, Progress progress) throws IOException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(collectorUrl + "/v1/batch");
        String auth = "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        long start = System.nanoTime();
        long events = 0;
        long requests = 0;
        try (BufferedReader lines = Files.newBufferedReader(eventsFile)) {
            StringBuilder body = new StringBuilder();
            int inBatch = 0;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                body.append(inBatch == 0 ? "{\"batch\":[" : ",").append(line);
                if (++inBatch == BATCH_EVENTS) {
                    requests += post(http, uri, auth, body.append("]}").toString());
                    events += inBatch;
                    inBatch = 0;
                    body.setLength(0);
                    progress.show(String.format("%,d events sent in %,d %s", events, requests, requests == 1 ? "request" : "requests"));
                }
            }
            if (inBatch > 0) {
                requests += post(http, uri, auth, body.append("]}").toString());
                events += inBatch;
            }
        }
        progress.done();
        return new Sent(events, requests, (System.nanoTime() - start) / 1e9);
    }

    /** Posts one batch until it is acknowledged; returns the requests it took. */
    private static int post(HttpClient http, URI uri, String auth, String body) throws IOException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", auth)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OwnstackException(ErrorCode.INTERNAL, "interrupted while sending events to the collector");
            }
            if (response.statusCode() == 200) {
                return attempt;
            }
            boolean retry = response.statusCode() == 429 || response.statusCode() == 503;
            if (!retry || attempt == 10) {
                throw new OwnstackException(ErrorCode.INTERNAL, "the demo's collector answered " + response.statusCode() + ": "
                        + response.body());
            }
            try {
                Thread.sleep(200L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OwnstackException(ErrorCode.INTERNAL, "interrupted while sending events to the collector");
            }
        }
    }
}
