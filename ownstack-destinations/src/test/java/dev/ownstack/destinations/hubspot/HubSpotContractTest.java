package dev.ownstack.destinations.hubspot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.contract.DestinationContract;
import dev.ownstack.activation.destination.contract.DestinationFaults;
import dev.ownstack.activation.destination.contract.DestinationProbe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The destination contract against the HubSpot fake. The audience is the membership of the
 * sync's list; the probe reads each member contact back under its record key (the sample
 * emails are {@code <key>@example.com}). After each test, every request the connector sent is
 * checked against HubSpot's published specs.
 */
class HubSpotContractTest extends DestinationContract {
    private HubSpotFake fake;

    @BeforeEach
    void startFake() {
        fake = new HubSpotFake();
        for (String property : List.of("name", "visits", "plan")) {
            fake.defineProperty(property, false);
        }
    }

    @AfterEach
    void checkRequestsAndStopFake() {
        try {
            assertEquals(List.of(), HubSpotSpecs.shared().problems(fake.requests()), "requests that break HubSpot's specs");
        } finally {
            fake.close();
        }
    }

    @Override
    protected DestinationFactory factory() {
        return new HubSpotDestinationFactory();
    }

    @Override
    protected Map<String, Object> settings() {
        return fake.settings();
    }

    /** The fake's address with a token it does not know. */
    @Override
    protected Map<String, Object> unreachableSettings() {
        return Map.of("access-token", "pat-na1-00000000-0000-0000-0000-000000000000", "api-base-url", fake.baseUrl());
    }

    @Override
    protected DestinationProbe probe() {
        return () -> {
            Map<String, Map<String, Object>> held = new LinkedHashMap<>();
            fake.members(SYNC).values().forEach(contact -> {
                String email = String.valueOf(contact.get("email"));
                Map<String, Object> fields = new LinkedHashMap<>();
                for (String name : List.of("email", "name", "visits", "plan")) {
                    fields.put(name, contact.get(name));
                }
                held.put(email.substring(0, email.indexOf('@')), fields);
            });
            return held;
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
                fake.expireToken();
            }

            @Override
            public Map<String, Object> invalidFields(String key) {
                Map<String, Object> fields = new LinkedHashMap<>(fields(key, 1));
                fields.put("email", key + " at example.com");
                return fields;
            }
        });
    }

    @Override
    protected String secretValue(ConfigField field) {
        return "pat-na1-s3cr3t-token-value";
    }
}
