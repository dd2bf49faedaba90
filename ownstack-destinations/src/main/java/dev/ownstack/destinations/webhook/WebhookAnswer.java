package dev.ownstack.destinations.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.destinations.http.RetryAfter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a receiver's HTTP answer means for a batch. A 2xx accepts the batch, except the records
 * named in an optional error list in its body:
 * <pre>{"errors":[{"key":"c-1","message":"email is invalid","retryable":false}]}</pre>
 * ({@code message} and {@code retryable} may be left out: no message, not retryable). Any other
 * status fails the whole batch: 3xx (redirects are not followed) and 410 (endpoint gone) and
 * other 4xx are permanent, 401 and 403 are an authentication failure, 408 and 429 ask to slow
 * down (for {@code Retry-After} when given), 5xx may be retried.
 *
 * @param status  the HTTP status
 * @param retryAfter the {@code Retry-After} header, if sent
 * @param body    the first bytes of the response body
 */
record WebhookAnswer(int status, Optional<String> retryAfter, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUOTED_CHARS = 300;

    WebhookAnswer {
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(body, "body");
    }

    /**
     * @param where names the destination for messages, e.g. {@code webhook crm at https://hooks.example.com}
     * @throws DestinationException when the status fails the batch, or a 2xx body's error list cannot be read
     */
    BatchResult result(RecordBatch batch, String where, Instant now) {
        if (status >= 200 && status < 300) {
            return accepted(batch, where);
        }
        throw failure(where, now);
    }

    /** The failure a non-2xx status means, with the receiver's words quoted. */
    DestinationException failure(String where, Instant now) {
        String answered = where + " answered " + status + quote();
        if (status >= 300 && status < 400) {
            return new DestinationException(ErrorClass.PERMANENT,
                    answered + " (a redirect; redirects are not followed: set the url to the final address)");
        }
        if (status == 401 || status == 403) {
            return new DestinationException(ErrorClass.AUTH, answered + " (check the secret and the headers it needs)");
        }
        if (status == 408 || status == 429) {
            return new DestinationException(ErrorClass.THROTTLED, answered, wait(now), null);
        }
        if (status == 410) {
            return new DestinationException(ErrorClass.PERMANENT, answered + " (the endpoint is gone: remove or change the destination)");
        }
        if (status >= 400 && status < 500) {
            return new DestinationException(ErrorClass.PERMANENT, answered);
        }
        return new DestinationException(ErrorClass.RETRYABLE, answered, wait(now), null);
    }

    private Optional<Duration> wait(Instant now) {
        return retryAfter.flatMap(value -> RetryAfter.parse(value, now));
    }

    private BatchResult accepted(RecordBatch batch, String where) {
        JsonNode errors = errors(where);
        if (errors == null || errors.isNull()) {
            return BatchResult.allAccepted(batch);
        }
        Set<String> keys = new HashSet<>();
        for (SyncRecord record : batch.records()) {
            keys.add(record.key());
        }
        String expected = "; expected {\"errors\":[{\"key\":..,\"message\":..,\"retryable\":true|false}]} naming records of the batch";
        if (!errors.isArray()) {
            throw unreadable(where, "its \"errors\" is not a list" + expected);
        }
        Map<String, RecordResult> rejected = new LinkedHashMap<>();
        for (int i = 0; i < errors.size(); i++) {
            JsonNode error = errors.get(i);
            JsonNode key = error.get("key");
            JsonNode message = error.get("message");
            JsonNode retryable = error.get("retryable");
            if (key == null || !key.isTextual() || !keys.contains(key.asText())) {
                throw unreadable(where, "error " + (i + 1) + " names no record of the batch"
                        + (key == null ? "" : " (key " + key + ")") + expected);
            }
            if (message != null && !message.isTextual() && !message.isNull() || retryable != null && !retryable.isBoolean()) {
                throw unreadable(where, "error " + (i + 1) + " (key " + key.asText() + ") has a message that is not text or a"
                        + " retryable that is not true or false" + expected);
            }
            ErrorClass errorClass = retryable != null && retryable.asBoolean() ? ErrorClass.RETRYABLE : ErrorClass.PERMANENT;
            String text = message == null || message.isNull() ? "rejected by the receiver" : message.asText();
            rejected.putIfAbsent(key.asText(), RecordResult.rejected(key.asText(), errorClass, text));
        }
        List<RecordResult> results = new ArrayList<>(batch.size());
        for (SyncRecord record : batch.records()) {
            results.add(rejected.getOrDefault(record.key(), RecordResult.accepted(record.key())));
        }
        return new BatchResult(results);
    }

    /**
     * The body's error list; null when the body is empty, plain text (receivers often answer
     * "OK") or JSON without one. A body that starts as a JSON object but does not parse (cut
     * short, say) may hide errors, so it fails the batch as unreadable.
     */
    private JsonNode errors(String where) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(text);
            return root != null && root.isObject() ? root.get("errors") : null;
        } catch (IOException e) {
            if (text.startsWith("{")) {
                throw unreadable(where, "the body is not valid JSON");
            }
            return null;
        }
    }

    // The batch was answered but we cannot tell which records failed: the engine sends it again
    // under the same webhook-id, and a receiver that keeps answering so exhausts the retries.
    private DestinationException unreadable(String where, String problem) {
        return new DestinationException(ErrorClass.RETRYABLE, where + " answered " + status + " with an error list that cannot be read: "
                + problem + quote());
    }

    private String quote() {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > QUOTED_CHARS ? text.substring(0, QUOTED_CHARS) + "..." : text);
    }
}
