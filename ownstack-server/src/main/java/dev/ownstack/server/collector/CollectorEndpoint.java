package dev.ownstack.server.collector;

import dev.ownstack.core.config.CollectorConfig;
import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.ingest.events.CollectorLimits;
import dev.ownstack.ingest.events.Endpoint;
import dev.ownstack.ingest.events.EventLog;
import dev.ownstack.ingest.events.LogPosition;
import dev.ownstack.ingest.events.NormalisedRequest;
import dev.ownstack.ingest.events.ParsedRequest;
import dev.ownstack.ingest.events.RequestMetadata;
import dev.ownstack.ingest.events.SegmentParser;
import dev.ownstack.server.http.ClientAddress;
import dev.ownstack.server.http.HttpErrors;
import dev.ownstack.server.http.RequestBody;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * The Segment tracking API: {@code POST /v1/<endpoint>}. A request is answered
 * {@code 200 {"success":true}} only once its events are durable in the event log; every failure
 * is answered with a JSON reason ({@link HttpErrors}). Thread-safe: one instance serves all
 * requests, and nothing is logged per request (the metrics count them).
 *
 * <p>A Jetty handler ahead of the server's other routes rather than a Javalin route: the servlet
 * layer and Javalin's request pipeline cost more CPU per request than parsing a batch of events
 * does (docs/BENCHMARKS.md). It takes {@code POST} requests to {@code /v1/<segment>} (with or
 * without a trailing slash) and leaves every other request to the next handler. It blocks while
 * it reads the body, so Jetty runs it on a pool thread; it does not wait for the log's sync: the
 * answer is written, without blocking, by the thread that completes the append (the log's writer, usually).
 */
public final class CollectorEndpoint extends Handler.Abstract {
    private static final System.Logger LOG = System.getLogger(CollectorEndpoint.class.getName());
    private static final byte[] SUCCESS = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
    private static final String PREFIX = "/v1/";
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

    /** The segment after {@code /v1/} of a collector path ({@code track} of /v1/track and /v1/track/), or null for another path. */
    static String segment(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return null;
        }
        int end = path.endsWith("/") ? path.length() - 1 : path.length();
        if (end <= PREFIX.length()) {
            return null;
        }
        String segment = path.substring(PREFIX.length(), end);
        return segment.indexOf('/') >= 0 ? null : segment;
    }

    /**
     * Handles {@code POST /v1/{endpoint}}; returns false, leaving it to the next handler, for any
     * other request. The request's thread reads, parses and appends; the answer is written when
     * the log confirms the append (on the thread that confirms it), so no thread waits for the sync.
     */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String segment = HttpMethod.POST.is(request.getMethod()) ? segment(Request.getPathInContext(request)) : null;
        if (segment == null) {
            return false;
        }
        long started = System.nanoTime();
        response.getHeaders().put(HttpHeader.VARY, "Origin");
        String label = "unknown";
        try {
            Endpoint endpoint = endpoint(segment);
            String endpointLabel = endpoint.longName();
            label = endpointLabel;
            long backlog = loader.backlogBytes();
            if (backlog > maxBacklogBytes) {
                HttpErrors.write(response, callback, HttpErrors.backlogFull(String.format(Locale.ROOT,
                        "the loader is behind: %,d bytes wait to be loaded, more than collector.max-backlog (%,d); retry later",
                        backlog, maxBacklogBytes)));
                metrics.request(label, response.getStatus(), System.nanoTime() - started);
                return true;
            }
            collect(request, response, endpoint).whenComplete((nothing, failure) -> {
                if (failure == null) {
                    succeed(response, callback, endpointLabel, started);
                } else {
                    fail(request, response, callback, endpointLabel, started,
                            failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
                }
            });
        } catch (RuntimeException e) {
            fail(request, response, callback, label, started, e);
        }
        return true;
    }

    private void succeed(Response response, Callback callback, String label, long started) {
        try {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, SUCCESS.length);
            response.write(true, ByteBuffer.wrap(SUCCESS), callback);
        } catch (RuntimeException e) {
            // the response was already committed or the connection is gone: nothing more can be said
            callback.failed(e);
        } finally {
            metrics.request(label, 200, System.nanoTime() - started);
        }
    }

    private void fail(Request request, Response response, Callback callback, String label, long started, Throwable failure) {
        try {
            if (failure instanceof OwnstackException e && e.code() == ErrorCode.TOO_LARGE) {
                answerThenDiscardBody(request, response, callback, e);
            } else if (failure instanceof OwnstackException e) {
                HttpErrors.write(response, callback, HttpErrors.answer(e));
            } else {
                LOG.log(System.Logger.Level.ERROR, "collector request to " + request.getHttpURI().getPath() + " failed", failure);
                HttpErrors.write(response, callback, HttpErrors.answer(
                        new OwnstackException(ErrorCode.INTERNAL, "the collector failed: " + failure.getClass().getSimpleName())));
            }
        } catch (RuntimeException e) {
            callback.failed(e);
        } finally {
            metrics.request(label, response.getStatus(), System.nanoTime() - started);
        }
    }

    /**
     * Sends the 413 at once, then reads and throws away what the client still sends (up to 32 MiB)
     * before the connection closes. Closing a connection with unread data makes TCP reset it, and
     * a client still uploading then loses the answer; draining lets it read why it was refused, as
     * nginx's lingering close does. Memory stays bounded: one small buffer.
     */
    private static void answerThenDiscardBody(Request request, Response response, Callback callback, OwnstackException tooLarge) {
        HttpErrors.Answer answer = HttpErrors.answer(tooLarge);
        byte[] bytes = HttpErrors.body(answer.code(), answer.message());
        try {
            response.setStatus(answer.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            try (Blocker.Callback sent = Blocker.callback()) {
                response.write(true, ByteBuffer.wrap(bytes), sent);
                sent.block();
            }
            InputStream rest = Content.Source.asInputStream(request);
            byte[] buffer = new byte[64 << 10];
            long discarded = 0;
            int read;
            while (discarded < MAX_DISCARDED_BYTES && (read = rest.read(buffer)) >= 0) {
                discarded += read;
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or the body was cut off: the answer was already sent
        }
        callback.succeeded();
    }

    /**
     * Reads, checks, parses and normalises the request and appends its records: what fails on
     * the way is thrown; the future completes once the records are durable, or fails with why
     * they are not (or with the reason a single-event request's event was rejected).
     */
    private CompletableFuture<Void> collect(Request request, Response response, Endpoint endpoint) {
        Instant receivedAt = clock.instant();
        HttpFields headers = request.getHeaders();
        Optional<String> basicKey = WriteKeys.fromBasicAuth(headers.get(HttpHeader.AUTHORIZATION));
        SourceConfig.Events source = basicKey.map(writeKeys::source).orElse(null);

        byte[] bytes = body.read(Content.Source.asInputStream(request), request.getLength(), headers.get(HttpHeader.CONTENT_ENCODING));
        ParsedRequest parsed = parser.parse(endpoint, bytes);
        if (source == null) {
            source = writeKeys.source(parsed.bodyWriteKey().orElseThrow(WriteKeys::missing));
        }
        CollectorCors.allowedOrigin(headers.get(HttpHeader.ORIGIN), source)
                .ifPresent(origin -> response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin));

        String ip = clientAddress.resolve(Request.getRemoteAddr(request), headers.getValues(HttpHeader.X_FORWARDED_FOR.asString()));
        NormalisedRequest normalised = parsed.normalise(source.name(), new RequestMetadata(receivedAt, ip));
        CompletableFuture<?> durable = normalised.records().isEmpty() ? CompletableFuture.completedFuture(null) : append(normalised);
        String sourceName = source.name();
        return durable.thenApply(position -> {
            metrics.events(sourceName, normalised.accepted(), normalised.rejected());
            if (endpoint.eventType().isPresent() && normalised.rejected() > 0) {
                // The reject is stored; a single-event call still tells its client why the event was refused.
                throw new OwnstackException(ErrorCode.INPUT_INVALID, normalised.firstRejectReason().orElse("the event was rejected"));
            }
            return null;
        });
    }

    /** The append, failing with an OwnstackException that says why the records are not durable. */
    private CompletableFuture<LogPosition> append(NormalisedRequest normalised) {
        return log.append(normalised.records()).copy().orTimeout(APPEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .handle((position, failure) -> {
                    if (failure == null) {
                        health.succeeded();
                        return position;
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                    if (cause instanceof OwnstackException e) {
                        if (e.code() != ErrorCode.OVERLOADED) {
                            health.failed(e.getMessage());
                        }
                        throw e;
                    }
                    if (cause instanceof TimeoutException) {
                        String message = "the event log did not confirm the write within " + APPEND_TIMEOUT.toSeconds() + " s";
                        health.failed(message);
                        throw new OwnstackException(ErrorCode.IO_FAILED, message, cause);
                    }
                    health.failed(String.valueOf(cause));
                    throw new OwnstackException(ErrorCode.IO_FAILED, "the event log failed: " + cause, cause);
                });
    }
}
