package dev.ownstack.destinations.marketo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.destinations.http.VendorHttp;
import dev.ownstack.destinations.http.VendorResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The access token of a LaunchPoint custom service, fetched with the client credentials grant
 * from the instance's identity endpoint
 * (https://developer.adobe.com/marketo-apis/api/identity/#tag/Identity/operation/identityUsingGET) and
 * kept until shortly before it expires (one hour). Marketo hands out the same token until it
 * expires, and may answer {@code expires_in: 0} at the very end of its life; such a token is
 * used once and not kept. Thread-safe: one token is shared by every writer.
 */
final class MarketoIdentity {
    /** Renew this long before the token's stated expiry, so that a call never starts with a token about to lapse. */
    static final Duration EARLY = Duration.ofSeconds(60);

    private final MarketoSettings settings;
    private final VendorHttp http;
    private String token;
    private Instant renewAt = Instant.MIN;

    MarketoIdentity(MarketoSettings settings, VendorHttp http) {
        this.settings = settings;
        this.http = http;
    }

    /**
     * A token that is valid now.
     *
     * @throws DestinationException AUTH when the identity endpoint refuses the client id or secret
     */
    synchronized String token() {
        if (token == null || !http.clock().instant().isBefore(renewAt)) {
            token = null;
            return fetch();
        }
        return token;
    }

    /** Marketo said {@code used} is invalid or expired (601, 602): the next call fetches a new one. */
    synchronized void forget(String used) {
        if (used.equals(token)) {
            token = null;
        }
    }

    private String fetch() {
        // The identity endpoint takes the client credentials as query parameters; the access token itself only ever travels in the
        // Authorization header (https://experienceleague.adobe.com/en/docs/marketo-developer/marketo/rest/authentication).
        String query = "grant_type=client_credentials&client_id=" + encode(settings.clientId())
                + "&client_secret=" + encode(settings.clientSecret().reveal());
        String where = "the identity endpoint of marketo " + settings.name() + " at " + settings.baseUrl();
        VendorResponse response = http.send(http.request(settings.endpoint("/identity/oauth/token?" + query))
                .setHeader("accept", "application/json").GET().build());
        Instant now = http.clock().instant();
        if (response.status() == 400 || response.status() == 401 || response.status() == 403) {
            throw new DestinationException(ErrorClass.AUTH, where + " refused the client id or secret (" + response.status() + ")"
                    + response.quote());
        }
        if (!response.successful()) {
            throw response.failure(where, now);
        }
        JsonNode answer = response.json(where);
        String value = answer.path("access_token").asText("");
        if (value.isEmpty()) {
            throw new DestinationException(ErrorClass.AUTH, where + " answered without an access_token" + response.quote());
        }
        long expiresIn = answer.path("expires_in").asLong(0);
        if (expiresIn * 1000 > EARLY.toMillis()) {
            token = value;
            renewAt = now.plusSeconds(expiresIn).minus(EARLY);
        }
        return value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
