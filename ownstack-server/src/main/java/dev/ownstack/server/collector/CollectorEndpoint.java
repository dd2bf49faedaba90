package dev.ownstack.server.collector;

import dev.ownstack.core.config.CollectorConfig;
import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.ingest.events.CollectorLimits;
import dev.ownstack.ingest.events.Endpoint;
import dev.ownstack.ingest.events.EventLog;
import dev.ownstack.ingest.events.NormalisedRequest;
import dev.ownstack.ingest.events.ParsedRequest;
import dev.ownstack.ingest.events.RequestMetadata;
import dev.ownstack.ingest.events.SegmentParser;
import dev.ownstack.server.http.ClientAddress;
import dev.ownstack.server.http.HttpErrors;
import dev.ownstack.server.http.RequestBody;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Segment tracking API: {@code POST /v1/<endpoint>}. A request is answered
 * {@code 200 {"success":true}} only once its events are durable in the event log; every failure
 * is answered with a JSON reason ({@link HttpErrors}). Thread-safe: one instance serves all
 * requests, and nothing is logged per request (the metrics count them).
 */
public final class CollectorEndpoint {
    private static final System.Logger LOG = System.getLogger(CollectorEndpoint.class.getName());
    private static final byte[] SUCCESS = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
    /** A log that has not confirmed an append by then is treated as failed; the client retries. */
    private static final Duration APPEND_TIMEOUT = Duration.ofSeconds(30);
    /** How much of a refused, oversized body is read and thrown away so that its client sees the 413. */
    private static final long MAX_DISCARDED_BYTES = 32L << 20;

    private final EventLog log;
    private final LoaderStatus loader;
    private final long maxBacklogBytes;
    private final SegmentParser parser;
    private final RequestBody body;
    private final WriteKeys writeKeys;
    private final ClientAddress clientAddress;
    private final Clock clock;
    private final CollectorMetrics metrics;
    private final LogHealth health;

    public CollectorEndpoint(CollectorConfig config, WriteKeys writeKeys, ClientAddress clientAddress, EventLog log,
                             LoaderStatus loader, Clock clock, CollectorMetrics metrics, LogHealth health) {
        this.log = Objects.requireNonNull(log, "log");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.maxBacklogBytes = config.maxBacklogBytes();
        this.parser = new SegmentParser(CollectorLimits.from(config));
        this.body = new RequestBody(config.maxRequestBytes());
        this.writeKeys = Objects.requireNonNull(writeKeys, "writeKeys");
        this.clientAddress = Objects.requireNonNull(clientAddress, "clientAddress");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.health = Objects.requireNonNull(health, "health");
    }

    /** The endpoint named by the path segment after {@code /v1/}; NOT_FOUND for any other. */
    public static Endpoint endpoint(String segment) {
        return Endpoint.fromPathSegment(segment).orElseThrow(() -> new OwnstackException(ErrorCode.NOT_FOUND,
                "no collector endpoint /v1/" + (segment.length() > 40 ? segment.substring(0, 40) + "..." : segment)
                        + "; the tracking API has track, identify, page, screen, group, alias, batch, import and t, i, p, s, g, a, b"));
    }

    /** Handles {@code POST /v1/{endpoint}}. */
    public void handle(Context context) {
        long started = System.nanoTime();
        context.header("Vary", "Origin");
        String label = "unknown";
        try {
            Endpoint endpoint = endpoint(context.pathParam("endpoint"));
            label = endpoint.longName();
            collect(context, endpoint);
        } catch (OwnstackException e) {
            if (e.code() == ErrorCode.TOO_LARGE) {
                answerThenDiscardBody(context, e);
            } else {
                HttpErrors.write(context, e);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "collector request to " + context.path() + " failed", e);
            HttpErrors.write(context, new OwnstackException(ErrorCode.INTERNAL, "the collector failed: " + e.getClass().getSimpleName()));
        } finally {
            metrics.request(label, context.statusCode(), System.nanoTime() - started);
        }
    }

    /**
     * Sends the 413 at once, then reads and throws away what the client still sends (up to 32 MiB)
     * before the connection closes. Closing a connection with unread data makes TCP reset it, and
     * a client still uploading then loses the answer; draining lets it read why it was refused, as
     * nginx's lingering close does. Memory stays bounded: one small buffer.
     */
    private static void answerThenDiscardBody(Context context, OwnstackException tooLarge) {
        HttpErrors.Answer answer = HttpErrors.answer(tooLarge);
        byte[] bytes = HttpErrors.body(answer.code(), answer.message());
        try {
            context.res().setStatus(answer.status());
            context.res().setContentType("application/json");
            context.res().setHeader("Connection", "close");
            context.res().setContentLength(bytes.length);
            context.res().getOutputStream().write(bytes);
            context.res().flushBuffer();
            java.io.InputStream rest = context.req().getInputStream();
            byte[] buffer = new byte[64 << 10];
            long discarded = 0;
            int read;
            while (discarded < MAX_DISCARDED_BYTES && (read = rest.read(buffer)) >= 0) {
                discarded += read;
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or the body was cut off: the answer was already sent
        }
    }

    private void collect(Context context, Endpoint endpoint) {
        Instant receivedAt = clock.instant();
        long backlog = loader.backlogBytes();
        if (backlog > maxBacklogBytes) {
            HttpErrors.write(context, HttpErrors.backlogFull(String.format(Locale.ROOT,
                    "the loader is behind: %,d bytes wait to be loaded, more than collector.max-backlog (%,d); retry later",
                    backlog, maxBacklogBytes)));
            return;
        }
        Optional<String> basicKey = WriteKeys.fromBasicAuth(context.header("Authorization"));
        SourceConfig.Events source = basicKey.map(writeKeys::source).orElse(null);

        byte[] bytes;
        try {
            bytes = body.read(context.req().getInputStream(), context.req().getContentLengthLong(), context.header("Content-Encoding"));
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "request body could not be read: " + e.getMessage(), e);
        }
        ParsedRequest parsed = parser.parse(endpoint, bytes);
        if (source == null) {
            source = writeKeys.source(parsed.bodyWriteKey().orElseThrow(WriteKeys::missing));
        }
        CollectorCors.allowIfAdmitted(context, source);

        String ip = clientAddress.resolve(context.req().getRemoteAddr(), context.req().getHeaders("X-Forwarded-For"));
        NormalisedRequest normalised = parsed.normalise(source.name(), new RequestMetadata(receivedAt, ip));
        if (!normalised.records().isEmpty()) {
            append(normalised);
        }
        metrics.events(source.name(), normalised.accepted(), normalised.rejected());
        if (endpoint.eventType().isPresent() && normalised.rejected() > 0) {
            // The reject is stored; a single-event call still tells its client why the event was refused.
            throw new OwnstackException(ErrorCode.INPUT_INVALID, normalised.firstRejectReason().orElse("the event was rejected"));
        }
        context.status(200);
        context.contentType("application/json");
        context.result(SUCCESS);
    }

    private void append(NormalisedRequest normalised) {
        try {
            log.append(normalised.records()).get(APPEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            health.succeeded();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OwnstackException failure) {
                if (failure.code() != ErrorCode.OVERLOADED) {
                    health.failed(failure.getMessage());
                }
                throw failure;
            }
            health.failed(String.valueOf(cause));
            throw new OwnstackException(ErrorCode.IO_FAILED, "the event log failed: " + cause, cause);
        } catch (TimeoutException e) {
            String message = "the event log did not confirm the write within " + APPEND_TIMEOUT.toSeconds() + " s";
            health.failed(message);
            throw new OwnstackException(ErrorCode.IO_FAILED, message, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OwnstackException(ErrorCode.IO_FAILED, "interrupted while waiting for the event log", e);
        }
    }
}
