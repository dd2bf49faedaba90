package dev.ownstack.destinations.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.contract.DestinationContract;
import dev.ownstack.activation.destination.contract.DestinationFaults;
import dev.ownstack.activation.destination.contract.DestinationProbe;
import dev.ownstack.destinations.pii.Pii;
import dev.ownstack.destinations.pii.PiiContext;
import dev.ownstack.destinations.pii.PiiProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The destination contract against {@link MetaFake}, with Meta's faults; every request the
 * connector sent is then checked against Meta's CustomAudience description. The fake holds
 * hashes, so records are compared as Meta holds them: each value prepared by Meta's rules.
 */
class MetaContractTest extends DestinationContract {
    private static final PiiContext US = new PiiContext("US");
    private static final GraphSpec SPEC = GraphSpec.customAudience();

    private MetaFake fake;

    @BeforeEach
    void startFake() throws Exception {
        fake = new MetaFake();
    }

    @AfterEach
    void requestsFollowMetasDescription() {
        try {
            assertEquals(List.of(), SPEC.problems(fake.requests()));
        } finally {
            fake.close();
        }
    }

    @Override
    protected DestinationFactory factory() {
        return new MetaDestinationFactory();
    }

    @Override
    protected Map<String, Object> settings() {
        return fake.settings();
    }

    /** The fake's address with a token it does not know. */
    @Override
    protected Map<String, Object> unreachableSettings() {
        Map<String, Object> settings = new LinkedHashMap<>(fake.settings());
        settings.put("access-token", "EAAGnotTheRightToken");
        return settings;
    }

    /** The rows of the sync's audience, by their EXTERN_ID (which Meta takes unhashed). */
    @Override
    protected DestinationProbe probe() {
        return () -> {
            Map<String, Map<String, Object>> held = new TreeMap<>();
            for (Map<String, String> row : fake.rows(SYNC)) {
                Map<String, Object> fields = new TreeMap<>();
                row.forEach((key, value) -> fields.put(key.toLowerCase(Locale.ROOT), value));
                held.put(row.get("EXTERN_ID"), fields);
            }
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
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("extern_id", key);
                fields.put("email", "not-an-email");
                return fields;
            }
        });
    }

    @Override
    protected Map<String, Object> fields(String key, int version) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("extern_id", key);
        fields.put("email", " " + key.toUpperCase(Locale.ROOT) + "@Example.com");
        fields.put("fn", "Zoë");
        fields.put("ln", version == 1 ? "Lovelace" : "O'Brien-Lovelace v" + version);
        fields.put("country", "US");
        fields.put("ct", null);
        return fields;
    }

    /** Values as Meta holds them: prepared by Meta's rules (hashes and EXTERN_ID stay as they are), blanks left out. */
    @Override
    protected Map<String, Object> normalise(Map<String, Object> fields) {
        Map<String, Object> prepared = new TreeMap<>();
        fields.forEach((name, value) -> Pii.prepare(PiiProfile.META, CustomerFileKey.byFieldName(name).orElseThrow().piiField(), value, US)
                .value().ifPresent(text -> prepared.put(name, text)));
        return prepared;
    }
}
