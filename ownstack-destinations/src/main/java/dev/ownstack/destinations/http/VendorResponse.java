package dev.ownstack.destinations.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A vendor's answer: status, headers and the first {@link VendorHttp#MAX_ANSWER_BYTES} of the body.
 */
public record VendorResponse(int status, HttpHeaders headers, byte[] body) {
    /** Shared, thread-safe JSON reader and writer for vendor payloads. */
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUOTED_CHARS = 300;

    public VendorResponse {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    public boolean successful() {
        return status >= 200 && status < 300;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body as JSON.
     *
     * @throws DestinationException RETRYABLE when it is not JSON: the vendor answered, but what
     *     became of each record cannot be told, so the batch is sent again
     */
    public JsonNode json(String where) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new IOException("empty body");
            }
            return root;
        } catch (IOException e) {
            throw new DestinationException(ErrorClass.RETRYABLE, where + " answered " + status + " with a body that is not JSON" + quote(),
                    Optional.empty(), e);
        }
    }

    /** The {@code Retry-After} header, if sent and readable. */
    public Optional<Duration> retryAfter(Instant now) {
        return headers.firstValue("retry-after").flatMap(value -> RetryAfter.parse(value, now));
    }

    /** The body's start, as {@code ": <text>"} for appending to a message; empty for an empty body. */
    public String quote() {
        String text = text().strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > QUOTED_CHARS ? text.substring(0, QUOTED_CHARS) + "..." : text);
    }

    /**
     * The common reading of a status that failed the whole request, with the vendor's words
     * quoted: 401 and 403 are an authentication failure, 408 and 429 ask to slow down (for
     * {@code Retry-After} when given), 5xx may be retried, 3xx and other 4xx are permanent.
     * Vendors that hide throttling or auth errors in other statuses check for them first.
     */
    public DestinationException failure(String where, Instant now) {
        String answered = where + " answered " + status + quote();
        if (status == 401 || status == 403) {
            return new DestinationException(ErrorClass.AUTH, answered);
        }
        if (status == 408 || status == 429) {
            return new DestinationException(ErrorClass.THROTTLED, answered, retryAfter(now), null);
        }
        if (status >= 500) {
            return new DestinationException(ErrorClass.RETRYABLE, answered, retryAfter(now), null);
        }
        return new DestinationException(ErrorClass.PERMANENT, answered);
    }
}
