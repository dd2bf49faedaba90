package dev.ownstack.destinations.hubspot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.destinations.http.VendorHttp;
import dev.ownstack.destinations.http.VendorResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * HubSpot's REST API as the connector calls it: JSON bodies, a private app's token as
 * {@code Authorization: Bearer} (https://developers.hubspot.com/docs/guides/apps/private-apps/overview),
 * and HubSpot's reading of a failed request
 * (https://developers.hubspot.com/docs/guides/api/error-handling): 429 with
 * {@code "errorType":"RATE_LIMIT"} is throttling, paced by {@code Retry-After} or the
 * {@code X-HubSpot-RateLimit-Interval-Milliseconds} header, except the spent daily allowance
 * ({@code "policyName":"DAILY"}), which fails the run; 401 is an invalid, expired or
 * rotated token (private app tokens cannot be refreshed); 403 is a missing scope; 5xx may be
 * retried; any other 4xx is permanent. Thread-safe.
 */
final class HubSpotApi {
    /** HubSpot's object type id of contacts, for lists. */
    static final String CONTACTS = "0-1";

    private final HubSpotSettings settings;
    private final VendorHttp http;

    HubSpotApi(HubSpotSettings settings, Clock clock) {
        this.settings = settings;
        this.http = new VendorHttp("hubspot " + settings.name() + " at " + settings.baseUrl(), Duration.ofSeconds(30), clock);
    }

    String where() {
        return http.where();
    }

    Instant now() {
        return http.clock().instant();
    }

    /** A path segment with every reserved character escaped (a list's name may hold spaces and slashes). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Sends one request and returns HubSpot's answer, whatever its status.
     *
     * @param method GET, POST or PUT
     * @param path   from the base address, e.g. {@code /crm/v3/objects/contacts/batch/upsert}
     * @param body   the JSON body, or null for none
     * @throws DestinationException RETRYABLE when HubSpot cannot be reached
     */
    VendorResponse send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = http.request(URI.create(settings.baseUrl() + path))
                .setHeader("authorization", "Bearer " + settings.accessToken().reveal())
                .setHeader("accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.setHeader("content-type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        }
        return http.send(request.build());
    }

    /**
     * Sends one request that must succeed and returns its JSON answer.
     *
     * @throws DestinationException classified by {@link #failure} for any status but 2xx
     */
    JsonNode call(String method, String path, JsonNode body) {
        VendorResponse response = send(method, path, body);
        if (!response.successful()) {
            throw failure(response, method + " " + path);
        }
        return response.json(where());
    }

    /** What a failed request means, in HubSpot's words: its category (or errorType) and message. */
    DestinationException failure(VendorResponse response, String what) {
        JsonNode error = errorBody(response);
        String answered = where() + " answered " + response.status() + " to " + what + ": " + describe(error, response);
        int status = response.status();
        if (status == 429 && error != null && error.path("policyName").asText("").equals("DAILY")) {
            // The daily allowance resets at midnight in the portal's time zone: waiting batch by batch until then helps no one.
            return new DestinationException(ErrorClass.PERMANENT, answered
                    + " (the portal's daily API allowance is spent; it resets at midnight in the portal's time zone)");
        }
        if (status == 429) {
            return new DestinationException(ErrorClass.THROTTLED, answered, pace(response), null);
        }
        if (status == 401) {
            return new DestinationException(ErrorClass.AUTH, answered
                    + " (the access token is invalid, expired or was rotated: set the private app's current token)");
        }
        if (status == 403) {
            return new DestinationException(ErrorClass.AUTH, answered + " (the private app needs the scopes crm.objects.contacts.read,"
                    + " crm.objects.contacts.write, crm.lists.read, crm.lists.write and crm.schemas.contacts.read)");
        }
        if (status >= 500) {
            return new DestinationException(ErrorClass.RETRYABLE, answered, response.retryAfter(now()), null);
        }
        return new DestinationException(ErrorClass.PERMANENT, answered);
    }

    /**
     * How long a 429 asks to wait: {@code Retry-After} when sent, else the rolling window's
     * length from {@code X-HubSpot-RateLimit-Interval-Milliseconds}
     * (https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details#rate-limits).
     */
    private Optional<Duration> pace(VendorResponse response) {
        Optional<Duration> retryAfter = response.retryAfter(now());
        if (retryAfter.isPresent()) {
            return retryAfter;
        }
        return response.headers().firstValue("x-hubspot-ratelimit-interval-milliseconds").flatMap(text -> {
            try {
                long millis = Long.parseLong(text.trim());
                return millis > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static JsonNode errorBody(VendorResponse response) {
        try {
            JsonNode root = VendorResponse.JSON.readTree(response.body());
            return root != null && root.isObject() ? root : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** {@code CATEGORY (policy): message}, or the body's start when it is not HubSpot's error JSON. */
    private static String describe(JsonNode error, VendorResponse response) {
        if (error == null || !error.path("message").isTextual()) {
            String quoted = response.quote();
            return quoted.isEmpty() ? "(no body)" : quoted.substring(2);
        }
        String kind = error.path("category").asText(error.path("errorType").asText(""));
        String policy = error.path("policyName").asText("");
        return (kind.isEmpty() ? "" : kind + (policy.isEmpty() ? "" : " (" + policy + ")") + ": ") + error.path("message").asText();
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return VendorResponse.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    @Override
    public String toString() {
        return "HubSpotApi[" + where() + "]";
    }
}
