package dev.ownstack.destinations.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.destinations.http.VendorHttp;
import dev.ownstack.destinations.http.VendorResponse;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Access tokens from a refresh token (the OAuth 2.0 refresh grant,
 * https://developers.google.com/identity/protocols/oauth2/web-server#offline), kept until shortly
 * before they expire and shared by every thread. A token the API refused is dropped with
 * {@link #invalidate} so that the next caller fetches a new one; a refresh token Google no longer
 * honours ({@code invalid_grant}) is an authentication failure no retry cures.
 */
final class GoogleOAuth {
    /** A token this close to its expiry is renewed before use, so it cannot lapse in flight. */
    static final Duration EARLY = Duration.ofSeconds(60);
    /** Errors of RFC 6749 §5.2 that only new credentials fix. */
    private static final Set<String> CREDENTIAL_ERRORS = Set.of("invalid_grant", "invalid_client", "unauthorized_client",
            "invalid_scope", "unsupported_grant_type");

    private record Token(String value, Instant expiresAt) {
    }

    private final GoogleSettings settings;
    private final VendorHttp http;
    private Token token;

    GoogleOAuth(GoogleSettings settings, VendorHttp http) {
        this.settings = settings;
        this.http = http;
    }

    /** A valid access token, fetched when there is none or it is about to expire. */
    synchronized String accessToken() {
        Instant now = http.clock().instant();
        if (token == null || !now.plus(EARLY).isBefore(token.expiresAt())) {
            token = refresh(now);
        }
        return token.value();
    }

    /** Forgets {@code refused} (unless a newer token already replaced it), so the next {@link #accessToken} fetches another. */
    synchronized void invalidate(String refused) {
        if (token != null && token.value().equals(refused)) {
            token = null;
        }
    }

    private Token refresh(Instant now) {
        String form = "grant_type=refresh_token"
                + "&client_id=" + encode(settings.clientId())
                + "&client_secret=" + encode(settings.clientSecret().reveal())
                + "&refresh_token=" + encode(settings.refreshToken().reveal());
        HttpRequest request = http.request(settings.tokenUrl())
                .setHeader("content-type", "application/x-www-form-urlencoded")
                .setHeader("accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        VendorResponse response = http.send(request);
        String where = "Google's token endpoint " + settings.tokenUrl().getHost();
        if (!response.successful()) {
            throw failure(response, where, now);
        }
        JsonNode body = response.json(where);
        String accessToken = body.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw new DestinationException(ErrorClass.RETRYABLE, where + " answered without an access_token" + response.quote());
        }
        long expiresIn = body.path("expires_in").asLong(3600);
        return new Token(accessToken, now.plusSeconds(Math.max(0, expiresIn)));
    }

    /** A refused refresh: the OAuth error codes of RFC 6749 §5.2 decide, then the status. */
    static DestinationException failure(VendorResponse response, String where, Instant now) {
        String error = "";
        String description = "";
        try {
            JsonNode body = VendorResponse.JSON.readTree(response.body());
            if (body != null) {
                error = body.path("error").asText("");
                description = body.path("error_description").asText("");
            }
        } catch (java.io.IOException e) {
            // not JSON: the status decides below
        }
        if (CREDENTIAL_ERRORS.contains(error)) {
            return new DestinationException(ErrorClass.AUTH, where + " refused the OAuth credentials (" + error
                    + (description.isEmpty() ? "" : ": " + description)
                    + "); authorise again and set a new refresh-token, or check client-id and client-secret");
        }
        if (response.status() == 400) {
            return new DestinationException(ErrorClass.AUTH, where + " refused the refresh request" + response.quote());
        }
        return response.failure(where, now);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "GoogleOAuth[" + settings.tokenUrl().getHost() + "]";
    }
}
