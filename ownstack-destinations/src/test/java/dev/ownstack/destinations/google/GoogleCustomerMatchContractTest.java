package dev.ownstack.destinations.google;

import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.contract.DestinationContract;
import dev.ownstack.activation.destination.contract.DestinationFaults;
import dev.ownstack.activation.destination.contract.DestinationProbe;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The destination contract against the Data Manager fake. Records carry an email, a phone
 * written with punctuation and an address whose postal code is the record's own and changes with
 * its version (Google removes whoever matches any identifier, so no two records share one);
 * Google only ever holds hashes, so records are compared in the form Google holds them, computed
 * here by hand from the documented normalisation (lower-case email, E.164 phone, lower-case
 * names, upper-case region, plain postal code), never through the connector.
 */
class GoogleCustomerMatchContractTest extends DestinationContract {
    private GoogleDataManagerFake fake;
    /** Email hash to record key, for reading back what the fake holds by record. */
    private final Map<String, String> keysByEmailHash = new ConcurrentHashMap<>();

    @BeforeEach
    void startFake() {
        fake = new GoogleDataManagerFake();
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Override
    protected DestinationFactory factory() {
        return new GoogleCustomerMatchDestinationFactory();
    }

    @Override
    protected Map<String, Object> settings() {
        return fake.settings();
    }

    /** The fake's address with a refresh token Google no longer honours. */
    @Override
    protected Map<String, Object> unreachableSettings() {
        Map<String, Object> settings = new LinkedHashMap<>(fake.settings());
        settings.put("refresh-token", "1//revoked-refresh-token");
        return settings;
    }

    @Override
    protected DestinationProbe probe() {
        return () -> {
            Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
            fake.members(SYNC).values().forEach(member -> byKey.put(keysByEmailHash.getOrDefault((String) member.get("emailAddress"),
                    "unknown member " + member), member));
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
                fake.expireTokens();
            }

            /** An email that is not one: refused before sending. */
            @Override
            public Map<String, Object> invalidFields(String key) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("email", "not an email at all");
                fields.put("country", "US");
                return fields;
            }
        });
    }

    @Override
    protected Map<String, Object> fields(String key, int version) {
        int index = Integer.parseInt(key.substring(1));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", " " + key.toUpperCase(java.util.Locale.ROOT) + "@Example.com ");
        fields.put("phone", String.format("+1 (650) %03d-%04d", 200 + index / 10_000, index % 10_000));
        fields.put("first_name", " Zoë ");
        fields.put("last_name", "Lovelace");
        fields.put("country", "us");
        fields.put("postal_code", String.format("%05d", (index * 7 + version) % 100_000));
        keysByEmailHash.put(sha256(key + "@example.com"), key);
        return fields;
    }

    @Override
    protected String secretValue(ConfigField field) {
        return "s3cr3t-" + field.name() + "-value";
    }

    /** A record's fields as Google holds them; what the fake holds already is in that form. */
    @Override
    protected Map<String, Object> normalise(Map<String, Object> fields) {
        if (fields.containsKey("emailAddress")) {
            return new LinkedHashMap<>(fields);
        }
        Map<String, Object> held = new LinkedHashMap<>();
        held.put("emailAddress", sha256(((String) fields.get("email")).trim().toLowerCase(java.util.Locale.ROOT)));
        held.put("phoneNumber", sha256(((String) fields.get("phone")).replaceAll("[^+0-9]", "")));
        held.put("givenName", sha256("zoë"));
        held.put("familyName", sha256("lovelace"));
        held.put("regionCode", "US");
        held.put("postalCode", fields.get("postal_code"));
        return held;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
