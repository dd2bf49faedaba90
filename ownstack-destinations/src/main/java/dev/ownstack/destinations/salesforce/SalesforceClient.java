package dev.ownstack.destinations.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.destinations.http.VendorHttp;
import dev.ownstack.destinations.http.VendorResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Authorised requests to one org, shared by every thread of a destination. The access token
 * comes from the OAuth 2.0 token endpoint (refresh_token grant,
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_refresh_token_flow.htm, or
 * client credentials flow,
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_client_credentials_flow.htm),
 * is kept until Salesforce answers 401 ({@code INVALID_SESSION_ID}), and is then fetched again
 * once and the request resent. A token endpoint that refuses the grant ({@code invalid_grant},
 * {@code invalid_client}) is an authentication failure.
 */
final class SalesforceClient {
    static final String JSON_TYPE = "application/json";

    private final SalesforceSettings settings;
    private final VendorHttp http;
    private final Object renewal = new Object();
    private volatile String token;

    SalesforceClient(SalesforceSettings settings, VendorHttp http) {
        this.settings = settings;
        this.http = http;
    }

    String where() {
        return http.where();
    }

    /** Sends with the current token, accepting JSON; on a 401 renews the token once and resends. Any status is returned. */
    VendorResponse send(String method, URI uri, String contentType, byte[] body) {
        return send(method, uri, contentType, body, JSON_TYPE);
    }

    /** As {@link #send(String, URI, String, byte[])}, accepting {@code accept} (Bulk API results are CSV). */
    VendorResponse send(String method, URI uri, String contentType, byte[] body, String accept) {
        String used = token();
        VendorResponse response = http.send(request(method, uri, contentType, body, accept, used));
        if (response.status() != 401) {
            return response;
        }
        return http.send(request(method, uri, contentType, body, accept, renew(used)));
    }

    /** Sends and reads a successful JSON answer; any other status is thrown as Salesforce's failure. */
    JsonNode json(String method, URI uri, byte[] body) {
        VendorResponse response = send(method, uri, body == null ? null : JSON_TYPE, body);
        if (!response.successful()) {
            throw failure(response);
        }
        return response.json(where());
    }

    /**
     * A status that failed the whole request, read the way Salesforce documents its error bodies
     * ({@code [{"message": ..., "errorCode": ...}]},
     * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm):
     * 403 {@code REQUEST_LIMIT_EXCEEDED} is throttling (Salesforce sends no Retry-After), other
     * 401 and 403 are authentication failures, 503 and lock contention may be retried.
     */
    DestinationException failure(VendorResponse response) {
        Optional<SalesforceError> error = SalesforceError.firstOf(response);
        String answered = where() + " answered " + response.status() + error.map(e -> ": " + e).orElse(response.quote());
        String code = error.map(SalesforceError::code).orElse("");
        if (code.equals("REQUEST_LIMIT_EXCEEDED")) {
            return new DestinationException(ErrorClass.THROTTLED, answered, response.retryAfter(http.clock().instant()), null);
        }
        if (response.status() == 401 || response.status() == 403) {
            return new DestinationException(ErrorClass.AUTH, answered);
        }
        if (SalesforceError.retryable(code, error.map(SalesforceError::message).orElse(""))) {
            return new DestinationException(ErrorClass.RETRYABLE, answered);
        }
        if (response.status() >= 500) {
            return new DestinationException(ErrorClass.RETRYABLE, answered, response.retryAfter(http.clock().instant()), null);
        }
        return new DestinationException(ErrorClass.PERMANENT, answered);
    }

    private HttpRequest request(String method, URI uri, String contentType, byte[] body, String accept, String accessToken) {
        HttpRequest.Builder request = http.request(uri)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .setHeader("authorization", "Bearer " + accessToken)
                .setHeader("accept", accept);
        if (contentType != null) {
            request.setHeader("content-type", contentType);
        }
        return request.build();
    }

    private String token() {
        String current = token;
        if (current != null) {
            return current;
        }
        synchronized (renewal) {
            if (token == null) {
                token = fetchToken();
            }
            return token;
        }
    }

    /** A new token, unless another thread already replaced the one that was refused. */
    private String renew(String refused) {
        synchronized (renewal) {
            if (token == null || token.equals(refused)) {
                token = fetchToken();
            }
            return token;
        }
    }

    private String fetchToken() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", settings.grant());
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret().reveal());
        settings.refreshToken().ifPresent(refresh -> form.put("refresh_token", refresh.reveal()));
        String body = form.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI endpoint = URI.create(settings.loginUrl() + "/services/oauth2/token");
        VendorResponse response = http.send(http.request(endpoint)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .setHeader("content-type", "application/x-www-form-urlencoded")
                .setHeader("accept", JSON_TYPE)
                .build());
        String where = "the Salesforce token endpoint at " + settings.loginUrl();
        if (response.status() == 400 || response.status() == 401 || response.status() == 403) {
            // {"error":"invalid_grant","error_description":"expired access/refresh token"}
            String reason = oauthError(response);
            throw new DestinationException(ErrorClass.AUTH, where + " refused the " + settings.grant() + " grant: " + reason);
        }
        if (!response.successful()) {
            throw response.failure(where, http.clock().instant());
        }
        JsonNode answer = response.json(where);
        String accessToken = answer.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw new DestinationException(ErrorClass.AUTH, where + " answered without an access_token");
        }
        return accessToken;
    }

    private static String oauthError(VendorResponse response) {
        try {
            JsonNode error = VendorResponse.JSON.readTree(response.body());
            if (error != null && error.hasNonNull("error")) {
                return error.path("error").asText() + (error.hasNonNull("error_description") ? ": " + error.path("error_description").asText() : "");
            }
        } catch (IOException e) {
            // not JSON: quoted as text below
        }
        return response.status() + response.quote();
    }

    @Override
    public String toString() {
        return "SalesforceClient[" + where() + "]";
    }
}
