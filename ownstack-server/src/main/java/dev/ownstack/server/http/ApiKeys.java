package dev.ownstack.server.http;

import dev.ownstack.core.config.Secret;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Guards the REST API and the metrics: a request must carry {@code Authorization: Bearer KEY}
 * with one of {@code server.api-keys}. Keys are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, so the time taken tells nothing about a key's prefix or length.
 */
public final class ApiKeys {
    private static final String BEARER = "bearer ";

    private final List<byte[]> digests;

    public ApiKeys(List<Secret> keys) {
        this.digests = keys.stream().map(key -> digest(key.reveal())).toList();
    }

    /** Throws UNAUTHORIZED unless the Authorization header carries a configured key. */
    public void check(String authorization) {
        if (digests.isEmpty()) {
            throw new OwnstackException(ErrorCode.UNAUTHORIZED, "no API keys are configured under server.api-keys");
        }
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new OwnstackException(ErrorCode.UNAUTHORIZED, "this endpoint needs an API key: send Authorization: Bearer <one of server.api-keys>");
        }
        byte[] presented = digest(authorization.substring(BEARER.length()).trim());
        boolean matched = false;
        for (byte[] digest : digests) {
            matched |= MessageDigest.isEqual(digest, presented);
        }
        if (!matched) {
            throw new OwnstackException(ErrorCode.UNAUTHORIZED, "the API key is not one of server.api-keys");
        }
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "SHA-256 is not available in this JVM", e);
        }
    }
}
