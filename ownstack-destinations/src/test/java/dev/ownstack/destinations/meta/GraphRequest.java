package dev.ownstack.destinations.meta;

import java.util.Map;
import java.util.Objects;

/**
 * A request {@link MetaFake} received, for checking against Meta's API description.
 *
 * @param method      GET, POST or DELETE
 * @param path        the path after the version, such as {@code 6000000000001/users}
 * @param contentType the request's content type, empty for none
 * @param params      query and form parameters (JSON-valued ones as their text)
 */
public record GraphRequest(String method, String path, String contentType, Map<String, String> params) {
    public GraphRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(contentType, "contentType");
        params = Map.copyOf(params);
    }
}
