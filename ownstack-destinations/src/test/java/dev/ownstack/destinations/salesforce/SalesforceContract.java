package dev.ownstack.destinations.salesforce;

import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.contract.DestinationContract;
import dev.ownstack.activation.destination.contract.DestinationFaults;
import dev.ownstack.activation.destination.contract.DestinationProbe;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The destination contract against a fake org, with the settings of one way of sending ({@link #api()}). */
abstract class SalesforceContract extends DestinationContract {
    private SalesforceFake fake;

    /** The {@code api} and bulk settings this run uses. */
    protected abstract Map<String, Object> api();

    @BeforeEach
    void startFake() {
        fake = new SalesforceFake();
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Override
    protected DestinationFactory factory() {
        return new SalesforceDestinationFactory();
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>(fake.settings());
        settings.putAll(api());
        return settings;
    }

    /** The fake org with a consumer secret it does not know: the token endpoint answers invalid_client. */
    @Override
    protected Map<String, Object> unreachableSettings() {
        Map<String, Object> settings = settings();
        settings.put("client-secret", "not-the-consumer-secret");
        return settings;
    }

    @Override
    protected DestinationProbe probe() {
        return fake::held;
    }

    /** Contact field API names: LastName is required there, Email must be an email address. */
    @Override
    protected Map<String, Object> fields(String key, int version) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Email", key + "@example.com");
        fields.put("LastName", "Zoë \"Ada\", Lovelace\nv" + version);
        fields.put("Visits__c", (long) version);
        fields.put("Plan__c", null);
        return fields;
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

            @Override
            public Map<String, Object> invalidFields(String key) {
                Map<String, Object> fields = fields(key, 1);
                fields.put("Email", "not-an-email");
                return fields;
            }
        });
    }

    SalesforceFake fake() {
        return fake;
    }
}
