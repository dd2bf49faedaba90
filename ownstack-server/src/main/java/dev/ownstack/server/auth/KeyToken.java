package dev.ownstack.server.auth;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a user's API key, {@code osk_ID_SECRET}: a 12-character hex id that finds the key's
 * row and a 256-bit random secret (Base64url). Only the SHA-256 of the whole key is stored: the
 * secret has full entropy, so a slow hash would add nothing but cost on every request.
 */
public record KeyToken(String id, String text) {
    private static final String PREFIX = "osk_";
    private static final Pattern FORMAT = Pattern.compile("osk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new random key. */
    public static KeyToken generate() {
        byte[] id = new byte[6];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String hexId = HexFormat.of().formatHex(id);
        return new KeyToken(hexId, PREFIX + hexId + "_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The key when the text has the form of a user's key; empty otherwise (a key of server.api-keys, say). */
    public static Optional<KeyToken> parse(String text) {
        Matcher matcher = FORMAT.matcher(text);
        return matcher.matches() ? Optional.of(new KeyToken(matcher.group(1), text)) : Optional.empty();
    }

    /** What lists show: {@code osk_ID}, enough to recognise a key, useless to use it. */
    public String prefix() {
        return PREFIX + id;
    }

    /** The hex SHA-256 of the key, as stored in {@code ownstack.api_keys.key_hash}. */
    public String hash() {
        return HexFormat.of().formatHex(sha256(text));
    }

    /** Constant-time comparison of this key's hash with a stored one. */
    public boolean matches(String storedHash) {
        return MessageDigest.isEqual(hash().getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return prefix() + "_...";
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "SHA-256 is not available in this JVM", e);
        }
    }
}
