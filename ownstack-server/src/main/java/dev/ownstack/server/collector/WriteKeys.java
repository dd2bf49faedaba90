package dev.ownstack.server.collector;

import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps write keys to their event sources. SDKs send the key as the user of HTTP Basic auth (with
 * an empty password) or as {@code writeKey} in the body. Error messages show at most the first
 * characters of a key, never all of it.
 */
public final class WriteKeys {
    private static final String BASIC = "basic ";

    private final Map<String, SourceConfig.Events> sources;

    public WriteKeys(List<SourceConfig.Events> eventSources) {
        Map<String, SourceConfig.Events> byKey = new HashMap<>();
        for (SourceConfig.Events source : eventSources) {
            for (String key : source.writeKeys()) {
                byKey.put(key, source);
            }
        }
        this.sources = Map.copyOf(byKey);
    }

    /** The source of a key, or UNAUTHORIZED naming the key's first characters. */
    public SourceConfig.Events source(String writeKey) {
        SourceConfig.Events source = sources.get(writeKey);
        if (source == null) {
            throw new OwnstackException(ErrorCode.UNAUTHORIZED, "unknown write key " + shown(writeKey));
        }
        return source;
    }

    /** UNAUTHORIZED for a request that carries no key at all. */
    public static OwnstackException missing() {
        return new OwnstackException(ErrorCode.UNAUTHORIZED,
                "unknown write key: none was sent (send it as the Basic auth user or as writeKey in the body)");
    }

    /**
     * The user part of an {@code Authorization: Basic} header; empty when there is no such header
     * or its user is empty (then the body's key counts).
     */
    public static Optional<String> fromBasicAuth(String authorization) {
        if (authorization == null || authorization.length() < BASIC.length()
                || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new OwnstackException(ErrorCode.UNAUTHORIZED, "unknown write key: the Authorization: Basic header is not valid base64");
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        return user.isEmpty() ? Optional.empty() : Optional.of(user);
    }

    /** A key as it may appear in a message: its first characters, at most 4 and at most half of it. */
    static String shown(String writeKey) {
        int visible = Math.min(4, writeKey.length() / 2);
        return "'" + writeKey.substring(0, visible) + "...'";
    }
}
