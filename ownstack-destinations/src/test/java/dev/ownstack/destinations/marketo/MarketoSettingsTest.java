package dev.ownstack.destinations.marketo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checks of a Marketo destination's settings beyond their types. */
class MarketoSettingsTest {
    @Test
    void defaults_look_leads_up_by_email_and_keep_a_list_per_sync() {
        MarketoSettings settings = MarketoSettings.from(settings(Map.of()));
        assertEquals("email", settings.lookupField());
        assertTrue(settings.listMembership());
        assertEquals(Optional.empty(), settings.listId());
        assertEquals("https://123-ABC-456.mktorest.com/rest/v1/leads.json", settings.endpoint("/rest/v1/leads.json").toString());
    }

    @Test
    void rejects_a_base_url_with_the_rest_path_naming_the_setting_and_value() {
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> MarketoSettings.from(settings(Map.of("munchkin-base-url", "https://123-ABC-456.mktorest.com/rest"))));
        assertEquals(ErrorCode.CONFIG_INVALID, error.code());
        assertTrue(error.getMessage().contains("destinations.mkto.munchkin-base-url")
                && error.getMessage().contains("https://123-ABC-456.mktorest.com/rest"), error.getMessage());
    }

    @Test
    void rejects_a_list_per_sync_without_a_folder_to_create_it_in() {
        Map<String, Object> raw = new LinkedHashMap<>(raw(Map.of()));
        raw.remove("list-folder-id");
        OwnstackException error = assertThrows(OwnstackException.class, () -> MarketoSettings.from(validate(raw)));
        assertTrue(error.getMessage().contains("destinations.mkto.list-folder-id"), error.getMessage());
        raw.put("list-id", 1083L);
        assertEquals(Optional.of(1083L), MarketoSettings.from(validate(raw)).listId());
    }

    @Test
    void rejects_a_lookup_field_that_is_no_field_name_and_ids_below_one() {
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> MarketoSettings.from(settings(Map.of("lookup-field", "e-mail address", "list-id", 0L))));
        assertTrue(error.getMessage().contains("destinations.mkto.lookup-field") && error.getMessage().contains("'e-mail address'"),
                error.getMessage());
        assertTrue(error.getMessage().contains("destinations.mkto.list-id: must be a positive id, got 0"), error.getMessage());
    }

    private static DestinationSettings settings(Map<String, Object> overrides) {
        return validate(raw(overrides));
    }

    private static Map<String, Object> raw(Map<String, Object> overrides) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("munchkin-base-url", "https://123-ABC-456.mktorest.com/");
        raw.put("client-id", "client");
        raw.put("client-secret", "secret");
        raw.put("list-folder-id", 12L);
        raw.putAll(overrides);
        return raw;
    }

    private static DestinationSettings validate(Map<String, Object> raw) {
        return new MarketoDestinationFactory().spec().validate(new DestinationDefinition("mkto", "marketo", raw));
    }
}
