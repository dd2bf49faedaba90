package dev.ownstack.destinations.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Standard Webhooks signing secret, written {@code whsec_<base64 of 24 to 64 random bytes>},
 * and the signature it makes: {@code v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")>}.
 * See https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 * (Signature scheme). {@link #toString()} never shows the key. Thread-safe.
 */
final class WebhookSecret {
    static final String PREFIX = "whsec_";
    static final int MIN_BYTES = 24;
    static final int MAX_BYTES = 64;

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /** The secret, or why the text is not one (without quoting it). */
    static Result parse(String text) {
        if (!text.startsWith(PREFIX)) {
            return new Result(Optional.empty(), "must start with " + PREFIX + " followed by base64 (a Standard Webhooks secret)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return new Result(Optional.empty(), "the part after " + PREFIX + " is not base64");
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            return new Result(Optional.empty(), "must hold " + MIN_BYTES + " to " + MAX_BYTES + " bytes after " + PREFIX + ", got " + key.length);
        }
        return new Result(Optional.of(new WebhookSecret(key)), "");
    }

    /** The {@code webhook-signature} header value for these exact body bytes. */
    String sign(String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return PREFIX + "****";
    }

    /** A parsed secret, or the problem with the text. */
    record Result(Optional<WebhookSecret> secret, String problem) {
    }
}
