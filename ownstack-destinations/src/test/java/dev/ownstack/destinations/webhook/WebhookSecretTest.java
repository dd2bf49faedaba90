package dev.ownstack.destinations.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {
    // The test vector published with the Standard Webhooks reference libraries.
    static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long VECTOR_TIMESTAMP = 1614265330L;
    private static final byte[] VECTOR_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signs_the_published_test_vector_exactly() {
        WebhookSecret secret = WebhookSecret.parse(VECTOR_SECRET).secret().orElseThrow();

        assertEquals(VECTOR_SIGNATURE, secret.sign(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY));
    }

    @Test
    void the_test_receiver_accepts_the_published_vector_and_nothing_else() throws Exception {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(VECTOR_TIMESTAMP + 60));
        StandardWebhookVerifier verifier = new StandardWebhookVerifier(VECTOR_SECRET, clock, Duration.ofMinutes(5));

        assertNull(verifier.problem(VECTOR_ID, "1614265330", VECTOR_SIGNATURE, VECTOR_BODY));
        assertNull(verifier.problem(VECTOR_ID, "1614265330", "v1,bm9wZQ== " + VECTOR_SIGNATURE, VECTOR_BODY), "a rotated list");
        assertNotNull(verifier.problem(VECTOR_ID, "1614265330", VECTOR_SIGNATURE, "{\"test\":2432232314}".getBytes(StandardCharsets.UTF_8)));
        assertNotNull(verifier.problem("msg_other", "1614265330", VECTOR_SIGNATURE, VECTOR_BODY));
        assertNotNull(verifier.problem(VECTOR_ID, "1614265331", VECTOR_SIGNATURE, VECTOR_BODY));
        assertNotNull(verifier.problem(VECTOR_ID, "1614265330", "v2," + VECTOR_SIGNATURE.substring(3), VECTOR_BODY));
        clock.advance(Duration.ofMinutes(10));
        assertNotNull(verifier.problem(VECTOR_ID, "1614265330", VECTOR_SIGNATURE, VECTOR_BODY), "a stale timestamp");
    }

    @Test
    void never_prints_the_key() {
        WebhookSecret secret = WebhookSecret.parse(VECTOR_SECRET).secret().orElseThrow();

        assertFalse(secret.toString().contains("MfKQ9r8G"));
    }

    @Test
    void rejects_a_secret_without_the_whsec_prefix() {
        assertProblem("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "must start with whsec_");
    }

    @Test
    void rejects_a_secret_that_is_not_base64() {
        assertProblem("whsec_not*base64!", "not base64");
    }

    @Test
    void rejects_a_key_shorter_than_24_bytes_or_longer_than_64() {
        assertProblem("whsec_" + Base64.getEncoder().encodeToString(new byte[23]), "got 23");
        assertProblem("whsec_" + Base64.getEncoder().encodeToString(new byte[65]), "got 65");
        assertTrue(WebhookSecret.parse("whsec_" + Base64.getEncoder().encodeToString(new byte[64])).secret().isPresent());
    }

    private static void assertProblem(String secret, String expected) {
        OwnstackException error = assertThrows(OwnstackException.class, () -> new WebhookDestinationFactory().capabilities(
                WebhookTestSettings.settings(new DestinationDefinition("crm", "webhook", Map.of("url", "https://example.com/hook", "secret", secret)))));

        assertEquals(ErrorCode.CONFIG_INVALID, error.code());
        assertTrue(error.getMessage().contains("destinations.crm.secret: "), error.getMessage());
        assertTrue(error.getMessage().contains(expected), error.getMessage());
        assertFalse(error.getMessage().contains(secret), "the secret is quoted: " + error.getMessage());
    }
}
