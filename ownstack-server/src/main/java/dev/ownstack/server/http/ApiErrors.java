package dev.ownstack.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Errors of the REST API under {@code /api/}: the status and {@code Retry-After} of
 * {@link HttpErrors#answer}, with the body {@code {"error": CODE, "message": ..., "path": ...,
 * "problems": [{"path": ..., "message": ...}]}}. {@code path} is where in the request the first
 * problem lies ({@code rule.all[2].value}); it and {@code problems} are present only when the
 * error names such places.
 */
public final class ApiErrors {
    private static final System.Logger LOG = System.getLogger(ApiErrors.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A problem as the parsers and the compiler write it: {@code rule.all[2].value: message}. */
    private static final Pattern LOCATED = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*(?:\\[\\d+\\])*(?:\\.[A-Za-z_][A-Za-z0-9_-]*(?:\\[\\d+\\])*)*): (.+)",
            Pattern.DOTALL);

    private ApiErrors() {
    }

    /** One problem and where it lies; {@code path} is empty when it lies nowhere in particular. */
    public record Problem(String path, String message) {
    }

    /** The problems an error names: its details, else its message; each split into path and message when it starts with a path. */
    public static List<Problem> problems(OwnstackException exception) {
        List<String> lines = exception.details().isEmpty() ? List.of(exception.getMessage()) : exception.details();
        List<Problem> problems = new ArrayList<>();
        for (String line : lines) {
            Matcher matcher = LOCATED.matcher(line);
            problems.add(matcher.matches() ? new Problem(matcher.group(1), matcher.group(2)) : new Problem("", line));
        }
        return problems;
    }

    public static void write(Context context, OwnstackException exception) {
        HttpErrors.Answer answer = HttpErrors.answer(exception);
        if (answer.status() >= 500) {
            // The caller sees the message; whoever runs the server sees it too, with the request.
            LOG.log(System.Logger.Level.WARNING, context.method() + " " + context.path() + " answered " + answer.status() + ": " + answer.message());
        }
        context.status(answer.status());
        answer.retryAfter().ifPresent(delay -> context.header("Retry-After", Long.toString(delay.toSeconds())));
        context.contentType("application/json");
        context.result(body(answer.code(), answer.message(), problems(exception)));
    }

    static byte[] body(ErrorCode code, String message, List<Problem> problems) {
        ObjectNode node = JSON.createObjectNode();
        node.put("error", code.name());
        node.put("message", message);
        Optional<Problem> first = problems.stream().filter(problem -> !problem.path().isEmpty()).findFirst();
        if (first.isPresent()) {
            node.put("path", first.get().path());
            ArrayNode list = node.putArray("problems");
            for (Problem problem : problems) {
                ObjectNode item = list.addObject();
                item.put("path", problem.path());
                item.put("message", problem.message());
            }
        }
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot write an error body: " + e.getMessage(), e);
        }
    }
}
