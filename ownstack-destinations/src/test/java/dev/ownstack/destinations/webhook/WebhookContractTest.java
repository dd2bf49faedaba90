package dev.ownstack.destinations.webhook;

import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.contract.DestinationContract;
import dev.ownstack.activation.destination.contract.DestinationProbe;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The destination contract against a receiver that verifies signatures and keeps the records by key. */
class WebhookContractTest extends DestinationContract {
    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new WebhookReceiver(WebhookSecretTest.VECTOR_SECRET, Clock.systemUTC());
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Override
    protected DestinationFactory factory() {
        return new WebhookDestinationFactory();
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("url", receiver.url(), "secret", WebhookSecretTest.VECTOR_SECRET);
    }

    /** The receiver's address with another secret: it refuses the signature. */
    @Override
    protected Map<String, Object> unreachableSettings() {
        return Map.of("url", receiver.url(), "secret", "whsec_" + Base64.getEncoder().encodeToString(new byte[32]));
    }

    @Override
    protected DestinationProbe probe() {
        return receiver::held;
    }

    @Override
    protected String secretValue(ConfigField field) {
        return "whsec_" + Base64.getEncoder().encodeToString("s3cr3t-webhook-signing-key-value".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
