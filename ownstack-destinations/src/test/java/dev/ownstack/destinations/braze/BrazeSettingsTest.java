package dev.ownstack.destinations.braze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrazeSettingsTest {
    private final BrazeDestinationFactory factory = new BrazeDestinationFactory();

    @Test
    void the_audience_attribute_is_named_after_the_sync_unless_pinned() {
        assertEquals("ownstack_contract_sync", braze(Map.of()).audienceAttribute("contract-sync"));
        assertEquals("ownstack_vip_customers_2026", braze(Map.of()).audienceAttribute("VIP customers.2026"));
        assertEquals("in_vip_list", braze(Map.of("audience-attribute", "in_vip_list")).audienceAttribute("contract-sync"));
    }

    @Test
    void capabilities_follow_brazes_users_track_limits_and_offer_update_only_for_external_ids() {
        Capabilities capabilities = factory.capabilities(validate(Map.of()));
        assertEquals(75, capabilities.maxBatchRecords());
        assertEquals(3_000, capabilities.rateLimit().orElseThrow().requests());
        assertEquals(Duration.ofSeconds(3), capabilities.rateLimit().orElseThrow().period());
        assertTrue(capabilities.supports(Operation.UPDATE));
        Capabilities byEmail = factory.capabilities(validate(Map.of("identifier", "email")));
        assertFalse(byEmail.supports(Operation.UPDATE));
        assertTrue(byEmail.supports(Operation.REMOVE));
        assertEquals(50, factory.capabilities(validate(Map.of("batch-size", 50))).maxBatchRecords());
        OwnstackException tooMany = assertThrows(OwnstackException.class, () -> braze(Map.of("batch-size", 76)));
        assertTrue(tooMany.getMessage().contains("destinations.crm.batch-size: must be between 1 and 75"), tooMany.getMessage());
    }

    @Test
    void user_alias_needs_an_alias_label_and_only_user_alias_takes_one() {
        OwnstackException missing = assertThrows(OwnstackException.class, () -> braze(Map.of("identifier", "user_alias")));
        assertEquals(ErrorCode.CONFIG_INVALID, missing.code());
        assertTrue(missing.getMessage().contains("destinations.crm.alias-label: required when identifier is user_alias"), missing.getMessage());
        OwnstackException unused = assertThrows(OwnstackException.class, () -> braze(Map.of("alias-label", "crm_id")));
        assertTrue(unused.getMessage().contains("destinations.crm.alias-label: only used when identifier is user_alias"), unused.getMessage());
        assertEquals("crm_id", braze(Map.of("identifier", "user_alias", "alias-label", "crm_id")).aliasLabel().orElseThrow());
    }

    @Test
    void rejects_a_rest_endpoint_with_a_path_naming_setting_and_value() {
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> braze(Map.of("rest-endpoint", "https://rest.iad-01.braze.com/users/track")));
        assertTrue(error.getMessage().contains("destinations.crm.rest-endpoint: must be the workspace's REST endpoint URL"), error.getMessage());
        assertTrue(error.getMessage().contains("'https://rest.iad-01.braze.com/users/track'"), error.getMessage());
        assertEquals("https://rest.iad-01.braze.com", braze(Map.of("rest-endpoint", "https://rest.iad-01.braze.com/")).restEndpoint().toString());
    }

    @Test
    void rejects_an_audience_attribute_braze_reserves_and_collects_every_problem() {
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> braze(Map.of("audience-attribute", "$vip", "concurrency", 0, "api-key", " ")));
        assertTrue(error.getMessage().contains("has 3 problems"), error.getMessage());
        assertTrue(error.getMessage().contains("destinations.crm.audience-attribute"), error.getMessage());
        assertTrue(error.getMessage().contains("destinations.crm.concurrency: must be between 1 and 64, got 0"), error.getMessage());
        assertTrue(error.getMessage().contains("destinations.crm.api-key: must not be empty"), error.getMessage());
    }

    @Test
    void printed_settings_and_destination_never_show_the_key() {
        DestinationSettings settings = validate(Map.of());
        assertFalse(BrazeSettings.from(settings).toString().contains("rest-key-value"));
        assertFalse(factory.open(settings).toString().contains("rest-key-value"));
    }

    private BrazeSettings braze(Map<String, Object> overrides) {
        return BrazeSettings.from(validate(overrides));
    }

    private DestinationSettings validate(Map<String, Object> overrides) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("api-key", "rest-key-value");
        raw.put("rest-endpoint", "https://rest.iad-01.braze.com");
        raw.putAll(overrides);
        return factory.spec().validate(new DestinationDefinition("crm", "braze", raw));
    }
}
