package dev.ownstack.destinations.braze;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.destinations.http.VendorResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Braze's answer to {@code /users/track} means for each record
 * (https://www.braze.com/docs/api/endpoints/user_data/post_user_track/#responses and
 * https://www.braze.com/docs/api/errors/):
 * <ul>
 * <li>2xx {@code {"message":"success","attributes_processed":N}}: every record accepted; a 202
 *     {@code {"message":"queued"}} (maintenance) too.</li>
 * <li>2xx with non-fatal errors, {@code {"message":"success","errors":[{"type":"...",
 *     "input_array":"attributes","index":1}]}}: the object at that index is rejected,
 *     permanently, in Braze's words; the rest was processed. An error that names no attributes
 *     object is counted as {@code unattributed_errors} and rejects nobody.</li>
 * <li>400 whose errors name attributes objects (Braze answers so when no object of the request is
 *     valid: {@code "Valid data must be provided in the 'attributes', 'events', or 'purchases'
 *     fields."}): those records rejected permanently, any other record of the request retried.
 *     Any other 400 fails the whole batch, permanently.</li>
 * <li>401 (unknown or missing key), 403 (plan or account), 404 (unknown key): an authentication failure.</li>
 * <li>429: throttled until {@code X-RateLimit-Reset}, the UTC epoch second the window resets
 *     (https://www.braze.com/docs/api/api_limits/#monitoring-your-rate-limits).</li>
 * <li>5xx: retried with backoff.</li>
 * </ul>
 */
final class BrazeAnswer {
    private BrazeAnswer() {
    }

    /** The results of the records sent, in request order, with Braze's counts. */
    static BatchResult tracked(VendorResponse response, List<SyncRecord> sent, String where, Instant now) {
        if (response.successful()) {
            JsonNode body = response.json(where);
            Errors errors = errors(body, sent.size());
            List<RecordResult> results = new ArrayList<>(sent.size());
            for (int index = 0; index < sent.size(); index++) {
                String key = sent.get(index).key();
                String error = errors.byIndex().get(index);
                results.add(error == null ? RecordResult.accepted(key) : RecordResult.rejected(key, ErrorClass.PERMANENT, error));
            }
            Map<String, Long> reported = new LinkedHashMap<>();
            if (body.path("attributes_processed").canConvertToLong()) {
                reported.put("received", Math.max(0, body.path("attributes_processed").asLong()));
            }
            reported.put("invalid", (long) errors.byIndex().size());
            if (errors.unattributed() > 0) {
                reported.put("unattributed_errors", (long) errors.unattributed());
            }
            return new BatchResult(results, reported);
        }
        if (response.status() == 400) {
            JsonNode body = readQuietly(response);
            Errors errors = errors(body, sent.size());
            if (!errors.byIndex().isEmpty()) {
                String refused = where + " refused the request (400): " + body.path("message").asText("no message");
                List<RecordResult> results = new ArrayList<>(sent.size());
                for (int index = 0; index < sent.size(); index++) {
                    String key = sent.get(index).key();
                    String error = errors.byIndex().get(index);
                    results.add(error == null ? RecordResult.rejected(key, ErrorClass.RETRYABLE, "not processed: " + refused)
                            : RecordResult.rejected(key, ErrorClass.PERMANENT, error));
                }
                return new BatchResult(results, Map.of("invalid", (long) errors.byIndex().size()));
            }
        }
        throw failure(response, where, now);
    }

    /** What a status other than 2xx means for the whole request. */
    static DestinationException failure(VendorResponse response, String where, Instant now) {
        String answered = where + " answered " + response.status() + response.quote();
        return switch (response.status()) {
            case 401, 404 -> new DestinationException(ErrorClass.AUTH,
                    answered + " (unknown or missing REST API key: check api-key, and that rest-endpoint is the key's workspace instance)");
            case 403 -> new DestinationException(ErrorClass.AUTH,
                    answered + " (the key lacks a permission this needs, users.track or users.export.ids, or the account is inactive)");
            case 429 -> new DestinationException(ErrorClass.THROTTLED, answered + remaining(response), untilReset(response, now), null);
            default -> response.failure(where, now);
        };
    }

    /** How long until Braze's rate-limit window resets: {@code X-RateLimit-Reset}, else {@code Retry-After}. */
    static Optional<Duration> untilReset(VendorResponse response, Instant now) {
        Optional<String> reset = response.headers().firstValue("x-ratelimit-reset");
        if (reset.isPresent()) {
            try {
                Duration wait = Duration.between(now, Instant.ofEpochSecond(Long.parseLong(reset.get().trim())));
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (NumberFormatException e) {
                // not an epoch second: fall back to Retry-After below
            }
        }
        return response.retryAfter(now);
    }

    private static String remaining(VendorResponse response) {
        Optional<String> limit = response.headers().firstValue("x-ratelimit-limit");
        Optional<String> reset = response.headers().firstValue("x-ratelimit-reset");
        return limit.map(value -> " (rate limit " + value + " requests" + reset.map(at -> ", window resets at epoch second " + at).orElse("")
                + ")").orElse("");
    }

    /** The errors Braze listed, by the index of the attributes object they name, and how many name none. */
    private record Errors(Map<Integer, String> byIndex, int unattributed) {
    }

    private static Errors errors(JsonNode body, int objects) {
        Map<Integer, String> byIndex = new LinkedHashMap<>();
        int unattributed = 0;
        for (JsonNode error : body.path("errors")) {
            JsonNode index = error.path("index");
            String type = error.path("type").isTextual() ? error.path("type").asText() : error.toString();
            if ("attributes".equals(error.path("input_array").asText()) && index.canConvertToInt()
                    && index.asInt() >= 0 && index.asInt() < objects) {
                byIndex.merge(index.asInt(), type, (first, second) -> first + "; " + second);
            } else {
                unattributed++;
            }
        }
        return new Errors(byIndex, unattributed);
    }

    private static JsonNode readQuietly(VendorResponse response) {
        try {
            JsonNode body = VendorResponse.JSON.readTree(response.body());
            return body == null ? VendorResponse.JSON.missingNode() : body;
        } catch (java.io.IOException e) {
            return VendorResponse.JSON.missingNode();
        }
    }
}
