package dev.ownstack.destinations.google;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ingest and remove bodies, field by field as the Data Manager reference names them. */
class MemberRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HASH = "07e2f1394b0ea80e2adca010ea8318df697001a005ba7452720edda4b0ce57b3";

    @Test
    void an_ingest_names_the_account_the_manager_and_the_list_with_consent_terms_and_hex_encoding() throws Exception {
        Map<String, Object> raw = base();
        raw.put("login-account-id", "987-654-3210");
        raw.put("ad-personalization", "CONSENT_DENIED");
        JsonNode body = new MemberRequests(settings(raw)).body(Operation.UPSERT, "555", List.of(member()));
        assertEquals(JSON.readTree("""
                {"destinations":[{"operatingAccount":{"accountType":"GOOGLE_ADS","accountId":"1234567890"},
                                  "loginAccount":{"accountType":"GOOGLE_ADS","accountId":"9876543210"},
                                  "productDestinationId":"555"}],
                 "audienceMembers":[{"userData":{"userIdentifiers":[{"emailAddress":"%s"}]}}],
                 "consent":{"adUserData":"CONSENT_GRANTED","adPersonalization":"CONSENT_DENIED"},
                 "termsOfService":{"customerMatchTermsOfServiceStatus":"ACCEPTED"},
                 "encoding":"HEX"}""".formatted(HASH)), body);
    }

    @Test
    void a_remove_has_neither_consent_nor_terms_and_unspecified_consent_is_left_out_of_an_ingest() throws Exception {
        Map<String, Object> raw = base();
        raw.put("ad-user-data", "CONSENT_STATUS_UNSPECIFIED");
        raw.put("ad-personalization", "CONSENT_STATUS_UNSPECIFIED");
        MemberRequests requests = new MemberRequests(settings(raw));
        assertEquals(JSON.readTree("""
                {"destinations":[{"operatingAccount":{"accountType":"GOOGLE_ADS","accountId":"1234567890"},"productDestinationId":"555"}],
                 "audienceMembers":[{"userData":{"userIdentifiers":[{"emailAddress":"%s"}]}}],
                 "encoding":"HEX"}""".formatted(HASH)), requests.body(Operation.REMOVE, "555", List.of(member())));
        assertEquals(false, requests.body(Operation.UPSERT, "555", List.of(member())).has("consent"));
        assertEquals("/v1/audienceMembers:ingest", MemberRequests.path(Operation.UPSERT));
        assertEquals("/v1/audienceMembers:remove", MemberRequests.path(Operation.REMOVE));
    }

    private static AudienceMembers.Member member() {
        ObjectNode json = JSON.createObjectNode();
        json.putObject("userData").putArray("userIdentifiers").addObject().put("emailAddress", HASH);
        return new AudienceMembers.Member("k1", json);
    }

    private static Map<String, Object> base() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("operating-account-id", "123-456-7890");
        raw.put("client-id", "client");
        raw.put("client-secret", "secret");
        raw.put("refresh-token", "refresh");
        return raw;
    }

    private static GoogleSettings settings(Map<String, Object> raw) {
        GoogleCustomerMatchDestinationFactory factory = new GoogleCustomerMatchDestinationFactory();
        DestinationSettings settings = factory.spec().validate(new DestinationDefinition("google", factory.type(), raw));
        return GoogleSettings.from(settings);
    }
}
