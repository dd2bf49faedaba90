package dev.ownstack.destinations.marketo;

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
 * {@code type: marketo}: leads created or updated in Adobe Marketo Engage through the REST API
 * (https://developer.adobe.com/marketo-apis/api/mapi/), kept in a static list per sync.
 */
public final class MarketoDestinationFactory implements DestinationFactory {
    /** Sync Leads and Add to List take at most 300 records (https://developer.adobe.com/marketo-apis/api/mapi/#tag/Leads/operation/syncLeadUsingPOST). */
    static final int MAX_RECORDS = 300;
    /** Requests are limited to 1 MB; leave room for the envelope around the fields. */
    static final long MAX_BATCH_BYTES = 900_000;
    /** An instance allows 10 concurrent calls and 100 calls per 20 seconds, shared by every integration. */
    static final int MAX_CONCURRENT_CALLS = 10;
    static final int CALLS_PER_20_SECONDS = 100;

    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.required(MarketoSettings.MUNCHKIN_BASE_URL, Type.STRING,
                    "the instance's REST endpoint, e.g. https://123-ABC-456.mktorest.com (Admin > Web Services)"),
            ConfigField.required(MarketoSettings.CLIENT_ID, Type.STRING, "the client id of a LaunchPoint custom service"),
            ConfigField.required(MarketoSettings.CLIENT_SECRET, Type.SECRET, "the client secret of that service"),
            ConfigField.withDefault(MarketoSettings.LOOKUP_FIELD, Type.STRING, "email",
                    "the lead field (REST API name) that finds an existing lead; every record must carry it"),
            ConfigField.optional(MarketoSettings.LIST_ID, Type.INTEGER,
                    "the id of a static list to keep the synced leads in; by default each sync has its own list, named after the sync"),
            ConfigField.optional(MarketoSettings.LIST_FOLDER_ID, Type.INTEGER,
                    "the id of the folder where a sync's static list is created when it is missing"),
            ConfigField.withDefault(MarketoSettings.LIST_MEMBERSHIP, Type.BOOLEAN, true,
                    "whether synced leads are kept in a static list, so that removals take them out of it"));

    @Override
    public String type() {
        return "marketo";
    }

    @Override
    public String description() {
        return "creates or updates Marketo leads (Sync Leads, 300 per call) and keeps them in a static list per sync";
    }

    @Override
    public DestinationCategory category() {
        return DestinationCategory.MESSAGING;
    }

    @Override
    public ConfigSpec spec() {
        return SPEC;
    }

    /**
     * Without list membership a removal has nothing to do (leads are never deleted), so only
     * upserts and updates are offered. With it, a batch makes two calls (sync, then add to or
     * remove from the list), so batches are paced at half the call limit.
     */
    @Override
    public Capabilities capabilities(DestinationSettings settings) {
        MarketoSettings marketo = MarketoSettings.from(settings);
        Set<Operation> operations = marketo.listMembership() ? EnumSet.allOf(Operation.class) : EnumSet.of(Operation.UPSERT, Operation.UPDATE);
        int callsPerBatch = marketo.listMembership() ? 2 : 1;
        return new Capabilities(operations, MAX_RECORDS, MAX_BATCH_BYTES, MAX_CONCURRENT_CALLS,
                Optional.of(new RateLimit(CALLS_PER_20_SECONDS / callsPerBatch, Duration.ofSeconds(20))), false);
    }

    /** With list membership, the default: each batch is two calls (push the leads, then add them to the list). */
    @Override
    public Capabilities defaultCapabilities() {
        return new Capabilities(EnumSet.allOf(Operation.class), MAX_RECORDS, MAX_BATCH_BYTES, MAX_CONCURRENT_CALLS,
                Optional.of(new RateLimit(CALLS_PER_20_SECONDS / 2, Duration.ofSeconds(20))), false);
    }

    @Override
    public Destination open(DestinationSettings settings) {
        return new MarketoDestination(MarketoSettings.from(settings), Clock.systemUTC());
    }
}
