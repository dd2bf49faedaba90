package dev.ownstack.destinations.meta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.destinations.http.VendorResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Graph API error, {@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}},
 * classified by its code, never by the HTTP status: Meta answers throttling and expired tokens
 * with a 400 too (https://developers.facebook.com/docs/graph-api/guides/error-handling,
 * https://developers.facebook.com/docs/marketing-api/error-reference).
 *
 * @param code     Meta's error code
 * @param subcode  Meta's error subcode, 0 when absent
 * @param type     such as {@code OAuthException}
 * @param message  Meta's message
 * @param userMessage Meta's {@code error_user_msg}, empty when absent
 * @param isTransient whether Meta marked the error {@code is_transient}
 * @param traceId  Meta's {@code fbtrace_id}, for support requests
 */
record GraphError(int code, int subcode, String type, String message, String userMessage, boolean isTransient, String traceId) {
    /**
     * Rate limiting: 4 application, 17 user, 32 page, 613 calls per ad account, 80000-80014 the
     * business use case limits (80003 is custom audiences)
     * (https://developers.facebook.com/docs/graph-api/overview/rate-limiting).
     */
    private static final Set<Integer> THROTTLING = Set.of(4, 17, 32, 613, 80000, 80001, 80002, 80003, 80004, 80005, 80006, 80008,
            80009, 80014);
    /** 1 unknown error and 2 service unavailable: temporary, per the error handling guide. */
    private static final Set<Integer> TEMPORARY = Set.of(1, 2);

    /** The error in a Graph answer, if it is one. */
    static Optional<GraphError> of(JsonNode root) {
        JsonNode error = root == null ? null : root.get("error");
        if (error == null || !error.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new GraphError(error.path("code").asInt(0), error.path("error_subcode").asInt(0),
                error.path("type").asText(""), error.path("message").asText(""), error.path("error_user_msg").asText(""),
                error.path("is_transient").asBoolean(false), error.path("fbtrace_id").asText("")));
    }

    /** The error class the sync engine acts on. */
    ErrorClass errorClass() {
        if (THROTTLING.contains(code)) {
            return ErrorClass.THROTTLED;
        }
        if (TEMPORARY.contains(code) || isTransient) {
            return ErrorClass.RETRYABLE;
        }
        if (code == 190 || code == 102 || code == 10 || (code >= 200 && code <= 299)) {
            return ErrorClass.AUTH;
        }
        if (code == 100 && message.contains("appsecret_proof")) {
            return ErrorClass.AUTH;
        }
        return ErrorClass.PERMANENT;
    }

    /** {@code code/subcode: message}, and what to do for a credential error. */
    String describe() {
        StringBuilder text = new StringBuilder("Graph error ").append(code);
        if (subcode != 0) {
            text.append('/').append(subcode);
        }
        if (!type.isEmpty()) {
            text.append(" (").append(type).append(')');
        }
        text.append(": ").append(message);
        if (!userMessage.isEmpty()) {
            text.append(" - ").append(userMessage);
        }
        String advice = advice();
        if (!advice.isEmpty()) {
            text.append(" [").append(advice).append(']');
        }
        if (!traceId.isEmpty()) {
            text.append(" (fbtrace_id ").append(traceId).append(')');
        }
        return text.toString();
    }

    /** The whole request failed: an exception the sync engine acts on, with the wait Meta asked for. */
    DestinationException exception(String where, VendorResponse response, Instant now) {
        ErrorClass errorClass = errorClass();
        Optional<Duration> wait = errorClass == ErrorClass.THROTTLED || errorClass == ErrorClass.RETRYABLE
                ? regainAccess(response).or(() -> response.retryAfter(now)) : Optional.empty();
        return new DestinationException(errorClass, where + " answered " + response.status() + ": " + describe(), wait, null);
    }

    /**
     * The longest {@code estimated_time_to_regain_access} (minutes) of the
     * {@code X-Business-Use-Case-Usage} header, {@code {"<business id>":[{"type","call_count",
     * "estimated_time_to_regain_access",...}]}}; empty when absent, unreadable or zero.
     */
    static Optional<Duration> regainAccess(VendorResponse response) {
        Optional<String> header = response.headers().firstValue("x-business-use-case-usage");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        long minutes = 0;
        try {
            JsonNode usage = VendorResponse.JSON.readTree(header.get());
            for (Iterator<Map.Entry<String, JsonNode>> businesses = usage.fields(); businesses.hasNext(); ) {
                for (JsonNode useCase : businesses.next().getValue()) {
                    minutes = Math.max(minutes, useCase.path("estimated_time_to_regain_access").asLong(0));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return minutes > 0 ? Optional.of(Duration.ofMinutes(minutes)) : Optional.empty();
    }

    /** What the user does about a credential error (https://developers.facebook.com/docs/graph-api/guides/error-handling#errorcodes). */
    private String advice() {
        if (code == 190) {
            String why = switch (subcode) {
                case 458 -> "the app is not installed for this user";
                case 459 -> "the user must log in to Facebook to pass a checkpoint";
                case 460 -> "the password changed";
                case 463 -> "the token expired";
                case 464 -> "the user is not confirmed";
                case 467 -> "the token is invalid";
                case 492 -> "the user is not an admin or has no role on the page or app";
                default -> "the token is invalid or expired";
            };
            return why + ": system user tokens do not refresh; generate a new one in Business Settings and update the access token";
        }
        if (code == 10 || (code >= 200 && code <= 299)) {
            return "the token's system user lacks a permission: give it ads_management and access to the ad account";
        }
        if (errorClass() == ErrorClass.AUTH) {
            return "check the app secret";
        }
        return "";
    }
}
