package dev.ownstack.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The one place that turns an error into an HTTP answer: its status, an optional
 * {@code Retry-After}, and the JSON body {@code {"success":false,"code":...,"message":...}}.
 */
public final class HttpErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How an error is answered. */
    public record Answer(int status, ErrorCode code, String message, Optional<Duration> retryAfter) {
        public Answer {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    private HttpErrors() {
    }

    /** The answer to an exception thrown while serving a request. */
    public static Answer answer(OwnstackException exception) {
        ErrorCode code = exception.code();
        String message = exception.getMessage();
        return switch (code) {
            case ARGUMENT_INVALID, INPUT_INVALID, QUERY_INVALID -> new Answer(400, code, message, Optional.empty());
            case UNAUTHORIZED -> new Answer(401, code, message, Optional.empty());
            case FORBIDDEN -> new Answer(403, code, message, Optional.empty());
            case NOT_FOUND -> new Answer(404, code, message, Optional.empty());
            case CONFLICT -> new Answer(409, code, message, Optional.empty());
            case TOO_LARGE -> new Answer(413, code, message, Optional.empty());
            // The log's write queue is full: a short pause lets the group commit catch up.
            case OVERLOADED -> new Answer(429, code, message, Optional.of(Duration.ofSeconds(1)));
            case IO_FAILED, WAREHOUSE_BUSY -> new Answer(503, code, message, Optional.of(Duration.ofSeconds(5)));
            case WAREHOUSE_FAILED, SOURCE_FAILED -> new Answer(502, code, message, Optional.empty());
            case CONFIG_INVALID, INTERNAL -> new Answer(500, code, message, Optional.empty());
        };
    }

    /**
     * The answer when the loader has fallen behind: unlike a full write queue this does not clear
     * in a second, so clients are asked to wait longer.
     */
    public static Answer backlogFull(String message) {
        return new Answer(503, ErrorCode.OVERLOADED, message, Optional.of(Duration.ofSeconds(5)));
    }

    /** Writes the answer as the response. */
    public static void write(Context context, Answer answer) {
        context.status(answer.status());
        answer.retryAfter().ifPresent(delay -> context.header("Retry-After", Long.toString(delay.toSeconds())));
        context.contentType("application/json");
        context.result(body(answer.code(), answer.message()));
    }

    public static void write(Context context, OwnstackException exception) {
        write(context, answer(exception));
    }

    /** Writes the answer as the response of a Jetty handler and completes its callback when sent. */
    public static void write(Response response, Callback callback, Answer answer) {
        byte[] body = body(answer.code(), answer.message());
        response.setStatus(answer.status());
        answer.retryAfter().ifPresent(delay -> response.getHeaders().put(HttpHeader.RETRY_AFTER, delay.toSeconds()));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** {@code {"success":false,"code":...,"message":...}} as UTF-8 bytes. */
    public static byte[] body(ErrorCode code, String message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("success", false);
        node.put("code", code.name());
        node.put("message", message);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot write an error body: " + e.getMessage(), e);
        }
    }
}
