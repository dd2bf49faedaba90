package dev.ownstack.destinations.http;

import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One vendor API's HTTP client, shared by every thread of a destination: sends a request with a
 * timeout that also bounds reading the answer, keeps at most {@link #MAX_ANSWER_BYTES} of it,
 * never follows redirects, and turns a network failure or timeout into a retryable
 * {@link DestinationException} that names the destination. What a status means is the
 * caller's to decide ({@link VendorResponse#failure} has the common reading).
 */
public final class VendorHttp {
    /** Enough for a vendor's per-record error list of a full batch; the rest is read and dropped. */
    public static final int MAX_ANSWER_BYTES = 8 << 20;

    private final String where;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient client;

    /**
     * @param where   names the destination in messages, e.g. {@code hubspot crm at https://api.hubapi.com}
     * @param timeout per request, from connecting to the last byte of the answer
     */
    public VendorHttp(String where, Duration timeout, Clock clock) {
        this.where = Objects.requireNonNull(where, "where");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    public String where() {
        return where;
    }

    public Clock clock() {
        return clock;
    }

    /** A request builder for {@code uri} with this client's timeout and user agent. */
    public HttpRequest.Builder request(java.net.URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout).setHeader("user-agent", "ownstack/1");
    }

    /**
     * Sends the request and reads the answer, whatever its status.
     *
     * @throws DestinationException RETRYABLE when the vendor cannot be reached or does not answer in time
     */
    public VendorResponse send(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> sent = client.sendAsync(request, info -> new LimitedBody(MAX_ANSWER_BYTES));
        try {
            HttpResponse<byte[]> response = sent.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return new VendorResponse(response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw timedOut(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                throw timedOut(e.getCause());
            }
            throw new DestinationException(ErrorClass.RETRYABLE, "cannot reach " + where + ": " + describe(e.getCause()),
                    Optional.empty(), e.getCause());
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            throw new DestinationException(ErrorClass.RETRYABLE, "interrupted while sending to " + where, Optional.empty(), e);
        }
    }

    private DestinationException timedOut(Throwable cause) {
        return new DestinationException(ErrorClass.RETRYABLE, where + " did not answer within " + timeout.toSeconds() + " s",
                Optional.empty(), cause);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
    }

    @Override
    public String toString() {
        return "VendorHttp[" + where + "]";
    }
}
