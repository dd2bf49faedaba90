package dev.ownstack.destinations.google;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.destinations.http.VendorHttp;
import dev.ownstack.destinations.http.VendorResponse;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;

/**
 * Authorised requests to the Data Manager API: each carries the current access token, and an
 * answer that the token was refused (401 {@code UNAUTHENTICATED}: it expired or was revoked) is
 * met with one refresh and one resend, so an expiring token never fails a batch. Thread-safe.
 */
final class DataManagerClient {
    /** Paths of account resources such as user lists, whose methods take the {@code login-account} header. */
    static final String ACCOUNT_RESOURCES = "/v1/accountTypes/";

    private final GoogleSettings settings;
    private final VendorHttp http;
    private final GoogleOAuth oauth;

    DataManagerClient(GoogleSettings settings, VendorHttp http, GoogleOAuth oauth) {
        this.settings = settings;
        this.http = http;
        this.oauth = oauth;
    }

    String where() {
        return http.where();
    }

    /** POSTs {@code body} as JSON to {@code path} (below the API's base URL); the answer whatever its status but a refused token. */
    VendorResponse post(String path, JsonNode body) {
        byte[] bytes;
        try {
            bytes = VendorResponse.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Data Manager request", e);
        }
        return send(path, Optional.of(bytes));
    }

    /** GETs {@code path}; the answer whatever its status but a refused token. */
    VendorResponse get(String path) {
        return send(path, Optional.empty());
    }

    /**
     * Sends with the current token; on 401 refreshes it once and sends again.
     *
     * @throws DestinationException AUTH when the fresh token is refused too, or the refresh is
     *     refused; RETRYABLE when Google cannot be reached
     */
    private VendorResponse send(String path, Optional<byte[]> body) {
        VendorResponse response = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            String token = oauth.accessToken();
            HttpRequest.Builder request = http.request(URI.create(settings.apiBaseUrl() + path))
                    .setHeader("authorization", "Bearer " + token)
                    .setHeader("accept", "application/json");
            if (path.startsWith(ACCOUNT_RESOURCES)) {
                // Account resources name the manager in a header; member requests name it in each destination's loginAccount.
                settings.loginAccountId().ifPresent(login -> request.setHeader("login-account", "accountTypes/GOOGLE_ADS/accounts/" + login));
            }
            if (body.isPresent()) {
                request.setHeader("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body.get()));
            } else {
                request.GET();
            }
            response = http.send(request.build());
            if (response.successful() || !GoogleStatus.of(response).unauthenticated()) {
                return response;
            }
            oauth.invalidate(token);
        }
        GoogleStatus status = GoogleStatus.of(response);
        DestinationException refused = status.exception(where(), response, http.clock().instant());
        throw new DestinationException(ErrorClass.AUTH, refused.getMessage() + " (a freshly refreshed access token was refused too)");
    }
}
