package dev.ownstack.destinations.hubspot;

import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/** HubSpot settings as the configuration loader would produce them, for a destination named {@code crm}. */
final class HubSpotTestSettings {
    private HubSpotTestSettings() {
    }

    static DestinationSettings settings(Map<String, Object> raw) {
        return new HubSpotDestinationFactory().spec().validate(new DestinationDefinition("crm", "hubspot", raw));
    }

    /** The fake's settings with {@code more} added or replaced. */
    static DestinationSettings settings(HubSpotFake fake, Map<String, Object> more) {
        Map<String, Object> raw = new LinkedHashMap<>(fake.settings());
        raw.putAll(more);
        return settings(raw);
    }
}
