package dev.ownstack.destinations.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaSettingsTest {
    private final MetaDestinationFactory factory = new MetaDestinationFactory();

    @Test
    void the_act_prefix_is_optional_and_defaults_are_metas() {
        MetaSettings settings = settings(Map.of("ad-account-id", "act_123", "access-token", "EAAG1", "default-country", "gb"));
        assertEquals("123", settings.adAccountId());
        assertEquals("v25.0", settings.apiVersion());
        assertEquals("https://graph.facebook.com", settings.apiBaseUrl().toString());
        assertEquals("GB", settings.defaultCountry());
        assertEquals("USER_PROVIDED_ONLY", settings.customerFileSource());
        assertEquals(MetaSettings.Refresh.INCREMENTAL, settings.refresh());
        assertEquals("123", settings(Map.of("ad-account-id", "123", "access-token", "EAAG1", "default-country", "US")).adAccountId());
    }

    @Test
    void every_bad_setting_is_named_with_its_value() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("ad-account-id", "acct-12");
        raw.put("access-token", "EAAG1");
        raw.put("default-country", "Narnia");
        raw.put("api-version", "25");
        raw.put("api-base-url", "https://graph.facebook.com/v25.0");
        raw.put("audience-id", "vip");
        OwnstackException error = assertThrows(OwnstackException.class, () -> settings(raw));
        assertEquals(ErrorCode.CONFIG_INVALID, error.code());
        for (String expected : new String[] {"destinations.meta.ad-account-id: ", "'acct-12'", "destinations.meta.default-country: ", "'Narnia'",
                "destinations.meta.api-version: ", "destinations.meta.api-base-url: ", "destinations.meta.audience-id: "}) {
            assertTrue(error.getMessage().contains(expected), error.getMessage());
        }
    }

    @Test
    void settings_and_destination_never_print_the_token_or_app_secret() {
        Map<String, Object> raw = Map.of("ad-account-id", "1", "access-token", "EAAGsecretToken", "app-secret", "appsecretvalue",
                "default-country", "US");
        String printed = settings(raw) + " " + factory.open(factory.spec().validate(new DestinationDefinition("meta", "meta-audiences", raw)));
        assertFalse(printed.contains("EAAGsecretToken") || printed.contains("appsecretvalue"), printed);
    }

    private MetaSettings settings(Map<String, Object> raw) {
        return MetaSettings.from(factory.spec().validate(new DestinationDefinition("meta", "meta-audiences", raw)));
    }
}
