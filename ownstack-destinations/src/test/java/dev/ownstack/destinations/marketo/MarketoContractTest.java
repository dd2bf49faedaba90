package dev.ownstack.destinations.marketo;

import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.contract.DestinationContract;
import dev.ownstack.activation.destination.contract.DestinationFaults;
import dev.ownstack.activation.destination.contract.DestinationProbe;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The destination contract against {@link MarketoFake}, with lead fields by their Marketo REST
 * names. The probe reads the leads in the sync's static list; a sample record's key is its
 * email's local part.
 */
class MarketoContractTest extends DestinationContract {
    private MarketoFake fake;

    @BeforeEach
    void startFake() {
        fake = new MarketoFake();
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Override
    protected DestinationFactory factory() {
        return new MarketoDestinationFactory();
    }

    @Override
    protected Map<String, Object> settings() {
        return fake.settings();
    }

    /** The fake's address with another client secret: the identity endpoint refuses it. */
    @Override
    protected Map<String, Object> unreachableSettings() {
        Map<String, Object> settings = new LinkedHashMap<>(fake.settings());
        settings.put("client-secret", "not-the-client-secret");
        return settings;
    }

    @Override
    protected Map<String, Object> fields(String key, int version) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", key + "@example.com");
        fields.put("firstName", "Zoë \"Ada\", Lovelace\nv" + version);
        fields.put("numberOfEmployees", (long) version);
        fields.put("company", null);
        return fields;
    }

    @Override
    protected DestinationProbe probe() {
        return () -> {
            Map<String, Map<String, Object>> byKey = new TreeMap<>();
            fake.members(SYNC).forEach((email, lead) -> byKey.put(email.substring(0, email.indexOf('@')), lead));
            return byKey;
        };
    }

    @Override
    protected Optional<DestinationFaults> faults() {
        return Optional.of(new DestinationFaults() {
            @Override
            public void throttleNextWrite() {
                fake.throttleNextWrite();
            }

            @Override
            public void expireCredentials() {
                fake.expireCredentials();
            }

            /** An email that is not one: Marketo skips the lead with 1003. */
            @Override
            public Map<String, Object> invalidFields(String key) {
                Map<String, Object> fields = new LinkedHashMap<>(fields(key, 1));
                fields.put("email", key + " at example.com");
                return fields;
            }
        });
    }
}
