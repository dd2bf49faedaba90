package dev.ownstack.destinations.marketo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.destinations.http.VendorHttp;
import dev.ownstack.destinations.http.VendorResponse;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Authenticated calls to a Marketo instance's REST API. The token is sent only in the
 * {@code Authorization: Bearer} header (the {@code access_token} query parameter is no longer
 * accepted: https://experienceleague.adobe.com/en/docs/marketo-developer/marketo/rest/authentication).
 * Marketo reports most failures inside HTTP 200 answers with {@code "success": false}; an
 * invalid or expired token (601, 602) is renewed and the call sent again once, every other
 * error becomes a {@link DestinationException} classified by {@link MarketoErrors}. Thread-safe.
 */
final class MarketoApi {
    private final MarketoSettings settings;
    private final VendorHttp http;
    private final MarketoIdentity identity;

    MarketoApi(MarketoSettings settings, VendorHttp http) {
        this.settings = settings;
        this.http = http;
        this.identity = new MarketoIdentity(settings, http);
    }

    String where() {
        return http.where();
    }

    /** A token now, which proves the client id and secret. */
    void authenticate() {
        identity.token();
    }

    JsonNode get(String pathAndQuery) {
        return call(token -> authorized(pathAndQuery, token).GET().build());
    }

    JsonNode postJson(String path, JsonNode body) {
        byte[] bytes = bytes(body);
        return call(token -> authorized(path, token).setHeader("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    JsonNode deleteJson(String path, JsonNode body) {
        byte[] bytes = bytes(body);
        return call(token -> authorized(path, token).setHeader("content-type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    /** A form POST: the asset API's create calls, and a query too long for a URL sent with {@code _method=GET}. */
    JsonNode postForm(String pathAndQuery, Map<String, String> form) {
        List<String> pairs = new ArrayList<>();
        form.forEach((name, value) -> pairs.add(encode(name) + "=" + encode(value)));
        byte[] bytes = String.join("&", pairs).getBytes(StandardCharsets.UTF_8);
        return call(token -> authorized(pathAndQuery, token).setHeader("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder authorized(String pathAndQuery, String token) {
        return http.request(settings.endpoint(pathAndQuery)).setHeader("accept", "application/json").setHeader("authorization", "Bearer " + token);
    }

    private JsonNode call(Function<String, HttpRequest> request) {
        for (int attempt = 1; ; attempt++) {
            String token = identity.token();
            VendorResponse response = http.send(request.apply(token));
            if (!response.successful()) {
                throw response.failure(where(), http.clock().instant());
            }
            JsonNode answer = response.json(where());
            if (answer.path("success").asBoolean(false)) {
                return answer;
            }
            JsonNode errors = answer.path("errors");
            if (!errors.isArray() || errors.isEmpty()) {
                throw new DestinationException(ErrorClass.RETRYABLE, where() + " answered success false without errors" + response.quote());
            }
            String code = errors.get(0).path("code").asText("");
            if (MarketoErrors.expiredToken(code) && attempt == 1) {
                identity.forget(token);
                continue;
            }
            List<String> messages = new ArrayList<>();
            for (JsonNode error : errors) {
                messages.add(error.path("message").asText(""));
            }
            throw MarketoErrors.failure(where(), code, String.join("; ", messages), http.clock().instant());
        }
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return VendorResponse.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Marketo request", e);
        }
    }
}
