package dev.ownstack.destinations.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.destinations.http.VendorResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failed Data Manager API answer read as Google's error model
 * (https://developers.google.com/data-manager/api/devguides/concepts/understand-errors): a
 * {@code google.rpc.Status} under {@code error} with the HTTP status in {@code code}, the canonical
 * code in {@code status}, and detail payloads: {@code ErrorInfo} (its {@code reason} from
 * https://developers.google.com/data-manager/api/reference/rest/v1/ErrorReason),
 * {@code BadRequest} (field violations naming members such as
 * {@code audience_members.audience_members[0].user_data.user_identifiers}) and {@code RetryInfo}.
 *
 * @param httpStatus the HTTP status
 * @param status     the canonical code, e.g. {@code INVALID_ARGUMENT}; empty when the body is not Google's error JSON
 * @param message    the error's message
 * @param reason     the ErrorInfo reason, e.g. {@code INVALID_ARGUMENT} or {@code RATE_LIMIT_EXCEEDED}; empty without one
 * @param violations the BadRequest field violations
 * @param retryDelay the RetryInfo delay, if given
 */
record GoogleStatus(int httpStatus, String status, String message, String reason, List<Violation> violations,
                    Optional<Duration> retryDelay) {
    /** One field violation. */
    record Violation(String field, String description, String reason) {
        private static final Pattern MEMBER = Pattern.compile("(?:audience_members|audienceMembers)\\[(\\d+)]");

        Violation {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(reason, "reason");
        }

        /** The index of the audience member the violation names, if it names one. */
        Optional<Integer> member() {
            Matcher matcher = MEMBER.matcher(field);
            if (!matcher.find()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Integer.parseInt(matcher.group(1)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        /** As a record's rejection message: the reason, then Google's words. */
        String text() {
            String words = description.isEmpty() ? field : description + " (" + field + ")";
            return (reason.isEmpty() ? "INVALID_ARGUMENT" : reason) + ": " + words;
        }
    }

    GoogleStatus {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(reason, "reason");
        violations = List.copyOf(violations);
        Objects.requireNonNull(retryDelay, "retryDelay");
    }

    /** Reads the answer's error body; an answer that is not Google's error JSON keeps only its status. */
    static GoogleStatus of(VendorResponse response) {
        JsonNode error = null;
        try {
            JsonNode root = VendorResponse.JSON.readTree(response.body());
            error = root == null ? null : root.get("error");
        } catch (IOException e) {
            // not JSON: only the HTTP status is known
        }
        if (error == null || !error.isObject()) {
            return new GoogleStatus(response.status(), "", "", "", List.of(), Optional.empty());
        }
        String reason = "";
        List<Violation> violations = new ArrayList<>();
        Optional<Duration> retryDelay = Optional.empty();
        for (JsonNode detail : error.path("details")) {
            String type = detail.path("@type").asText("");
            if (type.endsWith("google.rpc.ErrorInfo")) {
                reason = detail.path("reason").asText("");
            } else if (type.endsWith("google.rpc.BadRequest")) {
                for (JsonNode violation : detail.path("fieldViolations")) {
                    violations.add(new Violation(violation.path("field").asText(""), violation.path("description").asText(""),
                            violation.path("reason").asText("")));
                }
            } else if (type.endsWith("google.rpc.RetryInfo")) {
                retryDelay = duration(detail.path("retryDelay").asText(""));
            }
        }
        return new GoogleStatus(response.status(), error.path("status").asText(""), error.path("message").asText(""), reason,
                violations, retryDelay);
    }

    /** Whether the access token was refused (expired or revoked): worth one refresh. */
    boolean unauthenticated() {
        return httpStatus == 401 || status.equals("UNAUTHENTICATED");
    }

    boolean throttled() {
        return httpStatus == 429 || status.equals("RESOURCE_EXHAUSTED");
    }

    /**
     * The members the API refused, by their index in the request, with the rejection message;
     * empty unless this is an {@code INVALID_ARGUMENT} whose every violation names a member.
     */
    Map<Integer, String> refusedMembers() {
        if (httpStatus != 400 || violations.isEmpty()) {
            return Map.of();
        }
        Map<Integer, String> refused = new LinkedHashMap<>();
        for (Violation violation : violations) {
            Optional<Integer> member = violation.member();
            if (member.isEmpty()) {
                return Map.of();
            }
            refused.merge(member.get(), violation.text(), (first, second) -> first + "; " + second);
        }
        return refused;
    }

    /**
     * The whole request's failure: throttling (with RetryInfo's delay, else {@code Retry-After}),
     * authentication, a transient failure, or a permanent refusal, the answer quoted.
     */
    DestinationException exception(String where, VendorResponse response, Instant now) {
        String answered = where + " answered " + httpStatus + (status.isEmpty() ? "" : " " + status)
                + (reason.isEmpty() || reason.equals(status) ? "" : " (" + reason + ")") + (message.isEmpty() ? response.quote() : ": " + message)
                + violationsText();
        if (throttled()) {
            return new DestinationException(ErrorClass.THROTTLED, answered, retryDelay.or(() -> response.retryAfter(now)), null);
        }
        if (unauthenticated() || httpStatus == 403 || status.equals("PERMISSION_DENIED")) {
            return new DestinationException(ErrorClass.AUTH, answered);
        }
        if (httpStatus >= 500 || httpStatus == 408 || status.equals("UNAVAILABLE") || status.equals("DEADLINE_EXCEEDED")
                || status.equals("ABORTED") || status.equals("INTERNAL")) {
            return new DestinationException(ErrorClass.RETRYABLE, answered, retryDelay.or(() -> response.retryAfter(now)), null);
        }
        return new DestinationException(ErrorClass.PERMANENT, answered);
    }

    private String violationsText() {
        if (violations.isEmpty()) {
            return "";
        }
        List<String> texts = violations.stream().limit(5).map(Violation::text).toList();
        return " [" + String.join("; ", texts) + (violations.size() > 5 ? "; ..." : "") + "]";
    }

    /** A protobuf Duration in JSON: seconds with an {@code s}, e.g. {@code 30s} or {@code 1.5s}. */
    static Optional<Duration> duration(String text) {
        if (!text.endsWith("s")) {
            return Optional.empty();
        }
        try {
            BigDecimal seconds = new BigDecimal(text.substring(0, text.length() - 1));
            if (seconds.signum() < 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis(seconds.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).longValueExact()));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
