package dev.ownstack.destinations.braze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.destinations.http.VendorResponse;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The attributes objects as Braze's user attributes object documents them. */
class BrazePayloadTest {
    @Test
    void an_upsert_carries_identifier_fields_audience_attribute_and_subscription_group_in_order() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", "ada@example.com");
        fields.put("orders", 12L);
        fields.put("ltv", new BigDecimal("100"));
        fields.put("vip", true);
        String json = json(settings(Map.of("subscription-group-id", "sg-1")), Operation.UPSERT, new SyncRecord("u-1", fields));
        assertEquals("[{\"external_id\":\"u-1\",\"email\":\"ada@example.com\",\"orders\":12,\"ltv\":100,\"vip\":true,"
                + "\"ownstack_vip\":true,\"subscription_groups\":[{\"subscription_group_id\":\"sg-1\",\"subscription_state\":\"subscribed\"}]}]",
                json);
    }

    @Test
    void a_removal_carries_only_the_identifier_update_only_and_the_audience_attribute_false() throws Exception {
        String json = json(settings(Map.of()), Operation.REMOVE, new SyncRecord("u-1", Map.of("email", "ada@example.com")));
        assertEquals("[{\"external_id\":\"u-1\",\"_update_existing_only\":true,\"ownstack_vip\":false}]", json);
    }

    @Test
    void an_email_key_is_the_email_attribute_and_a_matching_email_field_is_not_sent_twice() throws Exception {
        String json = json(settings(Map.of("identifier", "email")), Operation.UPDATE,
                new SyncRecord("ada@example.com", Map.of("email", "ada@example.com")));
        assertEquals("[{\"email\":\"ada@example.com\",\"_update_existing_only\":true,\"ownstack_vip\":true}]", json);
    }

    @Test
    void an_empty_key_is_refused_before_sending() {
        BrazePayload.Prepared prepared = BrazePayload.build(settings(Map.of()), "ownstack_vip", Operation.UPSERT,
                List.of(new SyncRecord(" ", Map.of())));
        assertTrue(prepared.entries().isEmpty());
        assertTrue(prepared.refused().get(0).message().contains("the record's key is empty"), prepared.refused().toString());
    }

    private static String json(BrazeSettings settings, Operation operation, SyncRecord record) throws Exception {
        BrazePayload.Prepared prepared = BrazePayload.build(settings, settings.audienceAttribute("vip"), operation, List.of(record));
        assertEquals(List.of(), prepared.refused());
        return VendorResponse.JSON.writeValueAsString(prepared.attributes());
    }

    private static BrazeSettings settings(Map<String, Object> overrides) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("api-key", "k");
        raw.put("rest-endpoint", "https://rest.iad-01.braze.com");
        raw.putAll(overrides);
        return BrazeSettings.from(new BrazeDestinationFactory().spec().validate(new DestinationDefinition("crm", "braze", raw)));
    }
}
