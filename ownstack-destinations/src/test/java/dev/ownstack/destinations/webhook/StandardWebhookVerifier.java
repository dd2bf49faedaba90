package dev.ownstack.destinations.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a request as a Standard Webhooks receiver does, written from the spec independently of
 * the destination's signer: the secret's base64 after {@code whsec_} is the key, the signed
 * content is {@code id.timestamp.body}, the header holds space-separated {@code v1,<base64>}
 * signatures compared in constant time, and the timestamp must be within the tolerance of now.
 */
final class StandardWebhookVerifier {
    private final byte[] key;
    private final Clock clock;
    private final Duration tolerance;

    StandardWebhookVerifier(String secret, Clock clock, Duration tolerance) {
        this.key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret);
        this.clock = clock;
        this.tolerance = tolerance;
    }

    /** Null when the request is authentic and fresh, otherwise why not. */
    String problem(String id, String timestamp, String signatures, byte[] body) throws Exception {
        if (id == null || timestamp == null || signatures == null) {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not a number: " + timestamp;
        }
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return "webhook-timestamp " + seconds + " is outside the tolerance";
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        byte[] expected = Base64.getEncoder().encode(mac.doFinal(content));
        for (String signature : signatures.split(" ")) {
            int comma = signature.indexOf(',');
            if (comma > 0 && signature.substring(0, comma).equals("v1")
                    && MessageDigest.isEqual(expected, signature.substring(comma + 1).getBytes(StandardCharsets.US_ASCII))) {
                return null;
            }
        }
        return "no v1 signature matches";
    }
}
