package dev.ownstack.destinations.salesforce;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SalesforceSettingsTest {
    private final SalesforceDestinationFactory factory = new SalesforceDestinationFactory();

    @Test
    void defaults_send_in_bulk_from_2000_records_and_log_in_at_the_instance() {
        SalesforceSettings settings = SalesforceSettings.from(validate(Map.of()));
        assertEquals("v62.0", settings.apiVersion());
        assertEquals(settings.instanceUrl(), settings.loginUrl());
        assertEquals("refresh_token", settings.grant());
        assertFalse(settings.bulkFor(1_999));
        assertTrue(settings.bulkFor(2_000));
        Capabilities capabilities = factory.capabilities(validate(Map.of()));
        assertEquals(10_000, capabilities.maxBatchRecords());
        assertEquals(Set.of(Operation.UPSERT, Operation.UPDATE, Operation.REMOVE), capabilities.operations());
    }

    @Test
    void collections_batches_are_200_and_on_remove_none_declares_no_removals() {
        Capabilities capabilities = factory.capabilities(validate(Map.of("api", "collections", "on-remove", "none")));
        assertEquals(200, capabilities.maxBatchRecords());
        assertEquals(Set.of(Operation.UPSERT, Operation.UPDATE), capabilities.operations());
    }

    @Test
    void an_api_version_is_read_with_or_without_its_v() {
        assertEquals("v60.0", SalesforceSettings.from(validate(Map.of("api-version", "60.0"))).apiVersion());
    }

    @Test
    void rejects_each_unusable_value_naming_the_setting_and_the_value() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> SalesforceSettings.from(validate(Map.of(
                "instance-url", "https://acme.my.salesforce.com/services", "api-version", "62", "object", "Contact; DROP",
                "external-id-field", "Id", "concurrency", 26))));
        assertEquals(ErrorCode.CONFIG_INVALID, error.code());
        String message = error.getMessage();
        assertTrue(message.contains("destinations.crm.instance-url: must be an https:// URL with a host and no path"), message);
        assertTrue(message.contains("destinations.crm.api-version: must be a Salesforce API version such as v62.0, got '62'"), message);
        assertTrue(message.contains("destinations.crm.object: must be a Salesforce API name"), message);
        assertTrue(message.contains("destinations.crm.external-id-field: must be an external id field, not the record id 'Id'"), message);
        assertTrue(message.contains("destinations.crm.concurrency: must be between 1 and 25, got 26"), message);
    }

    @Test
    void never_prints_the_secrets() {
        SalesforceSettings settings = SalesforceSettings.from(validate(Map.of()));
        assertFalse(settings.toString().contains("consumer-secret-value"), settings.toString());
        assertFalse(settings.toString().contains("refresh-token-value"), settings.toString());
    }

    private DestinationSettings validate(Map<String, Object> overrides) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("instance-url", "https://acme.my.salesforce.com/");
        raw.put("object", "Contact");
        raw.put("external-id-field", "Ownstack_Id__c");
        raw.put("client-id", "3MVG9consumer");
        raw.put("client-secret", "consumer-secret-value");
        raw.put("refresh-token", "refresh-token-value");
        raw.putAll(overrides);
        return factory.spec().validate(new DestinationDefinition("crm", "salesforce", raw));
    }
}
