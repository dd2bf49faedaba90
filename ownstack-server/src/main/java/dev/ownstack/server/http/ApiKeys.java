package dev.ownstack.server.http;

import dev.ownstack.core.config.Secret;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * The keys of {@code server.api-keys}, sent as {@code Authorization: Bearer KEY}. Keys are
 * compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken tells nothing
 * about a key's prefix or length.
 */
public final class ApiKeys {
    private static final String BEARER = "bearer ";

    private final List<byte[]> digests;

    public ApiKeys(List<Secret> keys) {
        this.digests = keys.stream().map(key -> digest(key.reveal())).toList();
    }

    public boolean isEmpty() {
        return digests.isEmpty();
    }

    /** The key of an {@code Authorization: Bearer KEY} header; empty when there is no such header. */
    public static Optional<String> bearer(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(BEARER.length()).trim());
    }

    /** True when the key is one of the configured keys. */
    public boolean matches(String key) {
        byte[] presented = digest(key);
        boolean matched = false;
        for (byte[] digest : digests) {
            matched |= MessageDigest.isEqual(digest, presented);
        }
        return matched;
    }

    /** Throws UNAUTHORIZED unless the Authorization header carries a configured key. */
    public void check(String authorization) {
        if (digests.isEmpty()) {
            throw new OwnstackException(ErrorCode.UNAUTHORIZED, "no API keys are configured under server.api-keys");
        }
        String key = bearer(authorization).orElseThrow(() -> new OwnstackException(ErrorCode.UNAUTHORIZED,
                "this endpoint needs an API key: send Authorization: Bearer <one of server.api-keys>"));
        if (!matches(key)) {
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
