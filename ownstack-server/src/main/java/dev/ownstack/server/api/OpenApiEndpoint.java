package dev.ownstack.server.api;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3 description of the REST API, a hand-written
 * resource ({@code openapi.json} next to this class). A test checks that every route under
 * {@code /api/} is in it.
 */
public final class OpenApiEndpoint {
    public static final String RESOURCE = "openapi.json";

    private final byte[] document;

    public OpenApiEndpoint() {
        try (InputStream in = OpenApiEndpoint.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new OwnstackException(ErrorCode.INTERNAL, "the OpenAPI description " + RESOURCE + " is missing from the server's jar");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot read the OpenAPI description: " + e.getMessage(), e);
        }
    }

    public void handle(Context context) {
        context.contentType("application/json").result(document);
    }
}
