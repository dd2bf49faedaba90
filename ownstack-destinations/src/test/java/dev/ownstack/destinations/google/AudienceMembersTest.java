package dev.ownstack.destinations.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.SyncRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records as Data Manager audience members, with the formatting examples of Google's documentation. */
class AudienceMembersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AudienceMembers members = new AudienceMembers("US");

    /**
     * https://developers.google.com/data-manager/api/get-started/quickstart/send-audience-members:
     * {@code dana@example.com} hashes to 07e2f139...; https://developers.google.com/data-manager/api/get-started/formatting:
     * the US phone (800)555-0100 is +18005550100 before hashing.
     */
    @Test
    void email_phone_and_address_become_user_identifiers_hashed_as_google_documents() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", "  Dana@Example.com ");
        fields.put("phone", "(800) 555-0100");
        fields.put("first_name", "Dana");
        fields.put("last_name", "Smith");
        fields.put("country", "us");
        fields.put("postal_code", "94043");
        AudienceMembers.Prepared prepared = members.prepare(List.of(new SyncRecord("k1", fields)), "google");
        assertEquals(List.of(), prepared.rejected());
        JsonNode expected = JSON.readTree("""
                {"userData":{"userIdentifiers":[
                  {"emailAddress":"07e2f1394b0ea80e2adca010ea8318df697001a005ba7452720edda4b0ce57b3"},
                  {"phoneNumber":"%s"},
                  {"address":{"givenName":"%s","familyName":"%s","regionCode":"US","postalCode":"94043"}}]}}"""
                .formatted(sha256("+18005550100"), sha256("dana"), sha256("smith")));
        assertEquals(expected, prepared.members().get(0).json());
    }

    @Test
    void an_address_is_sent_only_with_given_and_family_name_and_postal_code_the_country_defaulting() {
        Map<String, Object> partial = Map.of("email", "dana@example.com", "first_name", "Dana", "postal_code", "94043");
        JsonNode withoutAddress = members.prepare(List.of(new SyncRecord("k1", partial)), "google").members().get(0).json();
        assertEquals(1, withoutAddress.path("userData").path("userIdentifiers").size(), withoutAddress.toString());

        Map<String, Object> addressOnly = Map.of("first_name", "Dana", "last_name", "Smith", "postal_code", "94043");
        JsonNode address = members.prepare(List.of(new SyncRecord("k2", addressOnly)), "google").members().get(0).json();
        assertEquals("US", address.path("userData").path("userIdentifiers").get(0).path("address").path("regionCode").asText(), address.toString());
    }

    @Test
    void a_value_that_cannot_be_prepared_rejects_its_record_naming_the_field() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", "dana at example dot com");
        fields.put("phone", "+18005550100");
        AudienceMembers.Prepared prepared = members.prepare(List.of(new SyncRecord("k1", fields),
                new SyncRecord("k2", Map.of("email", "grace@example.com"))), "google");
        assertEquals(1, prepared.members().size());
        RecordResult rejected = prepared.rejected().get(0);
        assertEquals("k1", rejected.key());
        assertEquals(ErrorClass.PERMANENT, rejected.errorClass().orElseThrow());
        assertTrue(rejected.message().startsWith("invalid email: "), rejected.message());
    }

    @Test
    void a_record_with_only_nulls_and_blanks_has_no_identifier_and_is_rejected() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", null);
        fields.put("phone", "  ");
        AudienceMembers.Prepared prepared = members.prepare(List.of(new SyncRecord("k1", fields)), "google");
        assertEquals(List.of(), prepared.members());
        assertTrue(prepared.rejected().get(0).message().startsWith("no identifier to match"), prepared.rejected().toString());
    }

    @Test
    void an_already_hashed_email_is_sent_as_it_is_never_hashed_twice() {
        String hash = "07E2F1394B0EA80E2ADCA010EA8318DF697001A005BA7452720EDDA4B0CE57B3";
        JsonNode member = members.prepare(List.of(new SyncRecord("k1", Map.of("email", hash))), "google").members().get(0).json();
        assertEquals(hash.toLowerCase(java.util.Locale.ROOT), member.path("userData").path("userIdentifiers").get(0).path("emailAddress").asText());
    }

    private static String sha256(String text) {
        return GoogleCustomerMatchContractTest.sha256(text);
    }
}
