package dev.ownstack.destinations.hubspot;

import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.ConfigField.Type;
import dev.ownstack.activation.destination.ConfigSpec;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationCategory;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: hubspot}: contacts upserted into HubSpot's CRM by a unique property, each sync's
 * audience kept as a contact list.
 */
public final class HubSpotDestinationFactory implements DestinationFactory {
    /** HubSpot's limit of inputs per batch call (https://developers.hubspot.com/docs/guides/api/crm/objects/contacts). */
    static final int MAX_INPUTS = 100;
    private static final int CONCURRENCY = 4;
    /** HubSpot's limit for Free and Starter portals; Professional and Enterprise portals have 190. */
    private static final int DEFAULT_REQUESTS_PER_TEN_SECONDS = 100;

    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.required(HubSpotSettings.ACCESS_TOKEN, Type.SECRET, "the private app's access token (pat-...), sent as a Bearer token"),
            ConfigField.withDefault(HubSpotSettings.API_BASE_URL, Type.STRING, HubSpotSettings.DEFAULT_BASE_URL, "HubSpot's API address"),
            ConfigField.withDefault(HubSpotSettings.ID_PROPERTY, Type.STRING, "email",
                    "the unique contact property that identifies a contact: email, or a custom property with unique values"),
            ConfigField.optional(HubSpotSettings.LIST_ID, Type.STRING,
                    "the ILS id of a MANUAL list to keep the audience in; unset: one MANUAL list per sync, named after the sync"),
            ConfigField.withDefault(HubSpotSettings.LIST_MEMBERSHIP, Type.BOOLEAN, true,
                    "whether the sync's audience is the list's membership (adds and removes members); false: only create and update contacts"),
            ConfigField.withDefault(HubSpotSettings.REQUESTS_PER_TEN_SECONDS, Type.INTEGER, (long) DEFAULT_REQUESTS_PER_TEN_SECONDS,
                    "the portal's API limit per rolling ten seconds: 100 on Free and Starter, 190 on Professional and Enterprise"));

    @Override
    public String type() {
        return "hubspot";
    }

    @Override
    public String description() {
        return "Creates and updates HubSpot contacts by a unique property and keeps each sync's audience as a contact list";
    }

    @Override
    public DestinationCategory category() {
        return DestinationCategory.CRM;
    }

    @Override
    public ConfigSpec spec() {
        return SPEC;
    }

    /**
     * Batches of 100 (HubSpot's batch limit), 4 in flight, paced by the portal's limit per ten
     * seconds (https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details): a batch
     * makes two calls when it keeps a list (the write, then the membership change), so the
     * batch rate is half the request rate.
     */
    @Override
    public Capabilities capabilities(DestinationSettings settings) {
        HubSpotSettings hubspot = HubSpotSettings.from(settings);
        return capabilities(hubspot.listMembership(), hubspot.requestsPerTenSeconds());
    }

    @Override
    public Capabilities defaultCapabilities() {
        return capabilities(true, DEFAULT_REQUESTS_PER_TEN_SECONDS);
    }

    private static Capabilities capabilities(boolean listMembership, int requestsPerTenSeconds) {
        Set<Operation> operations = listMembership ? EnumSet.allOf(Operation.class) : EnumSet.of(Operation.UPSERT, Operation.UPDATE);
        int callsPerBatch = listMembership ? 2 : 1;
        RateLimit rate = new RateLimit(Math.max(1, requestsPerTenSeconds / callsPerBatch), Duration.ofSeconds(10));
        return new Capabilities(operations, MAX_INPUTS, 0, CONCURRENCY, Optional.of(rate), false);
    }

    @Override
    public Destination open(DestinationSettings settings) {
        return new HubSpotDestination(HubSpotSettings.from(settings), Clock.systemUTC());
    }
}
