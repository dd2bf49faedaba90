package dev.ownstack.destinations.meta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.destinations.http.VendorHttp;
import dev.ownstack.destinations.http.VendorResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The few Graph API calls the destination makes, each authenticated with {@code access_token}
 * and, when an app secret is set, {@code appsecret_proof} = hex HMAC-SHA256 of the token keyed
 * with the app secret (https://developers.facebook.com/docs/graph-api/securing-requests). Reads
 * put their parameters in the query; writes send them form-encoded in the body, as Meta's
 * examples do, so the token never appears in a URL that is written. Thread-safe.
 */
final class GraphApi {
    private final MetaSettings settings;
    private final VendorHttp http;
    private final Optional<String> proof;

    GraphApi(MetaSettings settings, VendorHttp http) {
        this.settings = settings;
        this.http = http;
        this.proof = settings.appSecret().map(secret -> appSecretProof(secret.reveal(), settings.accessToken().reveal()));
    }

    /** {@code GET /<version>/<path>?<params>} */
    JsonNode get(String path, Map<String, String> params) {
        URI uri = uri(path, "?" + form(authenticated(params)));
        return answer(http.send(http.request(uri).GET().build()));
    }

    /** {@code POST /<version>/<path>} with form-encoded params. */
    JsonNode post(String path, Map<String, String> params) {
        return write("POST", path, params);
    }

    /** {@code DELETE /<version>/<path>} with form-encoded params. */
    JsonNode delete(String path, Map<String, String> params) {
        return write("DELETE", path, params);
    }

    private JsonNode write(String method, String path, Map<String, String> params) {
        byte[] body = form(authenticated(params)).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = http.request(uri(path, ""))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .setHeader("content-type", "application/x-www-form-urlencoded")
                .build();
        return answer(http.send(request));
    }

    /**
     * The JSON of a successful answer.
     *
     * @throws DestinationException classified by the Graph error code, also for an error inside a 200
     */
    private JsonNode answer(VendorResponse response) {
        JsonNode root;
        try {
            root = response.json(settings.where());
        } catch (DestinationException notJson) {
            if (response.successful()) {
                throw notJson;
            }
            throw response.failure(settings.where(), http.clock().instant());
        }
        Optional<GraphError> error = GraphError.of(root);
        if (error.isPresent()) {
            throw error.get().exception(settings.where(), response, http.clock().instant());
        }
        if (!response.successful()) {
            throw response.failure(settings.where(), http.clock().instant());
        }
        if (!root.isObject()) {
            throw new DestinationException(ErrorClass.RETRYABLE, settings.where() + " answered " + response.status()
                    + " with JSON that is not an object" + response.quote());
        }
        return root;
    }

    private Map<String, String> authenticated(Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("access_token", settings.accessToken().reveal());
        proof.ifPresent(value -> all.put("appsecret_proof", value));
        return all;
    }

    private URI uri(String path, String query) {
        return URI.create(settings.apiBaseUrl() + "/" + settings.apiVersion() + "/" + path + query);
    }

    static String form(Map<String, String> params) {
        StringBuilder form = new StringBuilder();
        params.forEach((name, value) -> {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return form.toString();
    }

    /** hex(HMAC-SHA256(key = app secret, message = access token)). */
    static String appSecretProof(String appSecret, String accessToken) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(accessToken.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "GraphApi[" + settings.where() + "]";
    }
}
