package dev.ownstack.destinations.hubspot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.DestinationCategory;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RateLimit;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HubSpotDestinationFactoryTest {
    private static final String TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";
    private final HubSpotDestinationFactory factory = new HubSpotDestinationFactory();

    @Test
    void is_a_crm_destination_whose_token_is_secret() {
        assertEquals(DestinationCategory.CRM, factory.category());
        assertTrue(factory.spec().fields().stream().filter(field -> field.name().equals("access-token")).allMatch(field -> field.secret()));
    }

    @Test
    void declares_batches_of_100_and_half_the_portal_rate_when_it_keeps_a_list() {
        Capabilities capabilities = factory.capabilities(HubSpotTestSettings.settings(Map.of("access-token", TOKEN)));

        assertEquals(new Capabilities(Set.of(Operation.UPSERT, Operation.UPDATE, Operation.REMOVE), 100, 0, 4,
                Optional.of(new RateLimit(50, Duration.ofSeconds(10))), false), capabilities);
    }

    @Test
    void default_capabilities_are_those_of_the_default_settings() {
        assertEquals(factory.capabilities(HubSpotTestSettings.settings(Map.of("access-token", TOKEN))), factory.defaultCapabilities());
    }

    @Test
    void without_list_membership_declares_no_remove_and_the_whole_rate() {
        Capabilities capabilities = factory.capabilities(HubSpotTestSettings.settings(Map.of("access-token", TOKEN,
                "list-membership", false, "requests-per-ten-seconds", 190)));

        assertEquals(Set.of(Operation.UPSERT, Operation.UPDATE), capabilities.operations());
        assertEquals(Optional.of(new RateLimit(190, Duration.ofSeconds(10))), capabilities.rateLimit());
    }

    @Test
    void reports_every_unusable_setting_at_once_without_the_token() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> factory.open(HubSpotTestSettings.settings(Map.of(
                "access-token", TOKEN, "api-base-url", "https://api.hubapi.com/crm/v3", "id-property", "First Name",
                "list-id", "weekly", "requests-per-ten-seconds", 0))));

        assertEquals(ErrorCode.CONFIG_INVALID, error.code());
        String message = error.getMessage();
        assertTrue(message.contains("has 4 problems"), message);
        assertTrue(message.contains("destinations.crm.api-base-url: must be an http:// or https:// address with a host and no path"), message);
        assertTrue(message.contains("destinations.crm.id-property: must be a contact property's internal name"), message);
        assertTrue(message.contains("destinations.crm.list-id: must be a list's ILS id (digits), got 'weekly'"), message);
        assertTrue(message.contains("destinations.crm.requests-per-ten-seconds: must be between 1 and 10000, got 0"), message);
        assertFalse(message.contains(TOKEN), message);
    }

    @Test
    void rejects_a_pinned_list_that_list_membership_turns_off() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> factory.open(HubSpotTestSettings.settings(Map.of(
                "access-token", TOKEN, "list-id", "42", "list-membership", false))));

        assertTrue(error.getMessage().contains("destinations.crm.list-id: set, but list-membership is false"), error.getMessage());
    }

    @Test
    void never_prints_the_token() {
        String printed = factory.open(HubSpotTestSettings.settings(Map.of("access-token", TOKEN))).toString();

        assertFalse(printed.contains(TOKEN), printed);
        assertTrue(printed.contains("https://api.hubapi.com"), printed);
    }
}
