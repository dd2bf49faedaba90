package dev.ownstack.destinations.braze;

import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.contract.DestinationContract;
import dev.ownstack.activation.destination.contract.DestinationFaults;
import dev.ownstack.activation.destination.contract.DestinationProbe;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The destination contract against the Braze fake: the members of the sync's audience are the records held. */
class BrazeContractTest extends DestinationContract {
    private BrazeFake braze;

    @BeforeEach
    void startBraze() {
        braze = new BrazeFake();
    }

    @AfterEach
    void stopBraze() {
        braze.close();
    }

    @Override
    protected DestinationFactory factory() {
        return new BrazeDestinationFactory();
    }

    @Override
    protected Map<String, Object> settings() {
        return braze.settings();
    }

    /** The fake's endpoint with a key it never issued: Braze answers 401. */
    @Override
    protected Map<String, Object> unreachableSettings() {
        return Map.of("api-key", "rest-not-a-key-of-this-workspace", "rest-endpoint", braze.baseUrl());
    }

    @Override
    protected DestinationProbe probe() {
        return () -> braze.members(SYNC);
    }

    @Override
    protected Optional<DestinationFaults> faults() {
        return Optional.of(new DestinationFaults() {
            @Override
            public void throttleNextWrite() {
                braze.throttleNextWrite();
            }

            /** Braze REST keys do not expire; a deleted key is answered 401, which is what ends a run. */
            @Override
            public void expireCredentials() {
                braze.revokeApiKey();
            }

            @Override
            public Map<String, Object> invalidFields(String key) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("email", "not an email address");
                fields.put("name", "Invalid " + key);
                fields.put("visits", 1L);
                fields.put("plan", null);
                return fields;
            }
        });
    }

    /** Braze removes an attribute set to null, so a null field reads back as absent. */
    @Override
    protected Map<String, Object> normalise(Map<String, Object> fields) {
        Map<String, Object> text = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (value != null) {
                text.put(name, String.valueOf(value));
            }
        });
        return text;
    }
}
