package dev.ownstack.destinations.salesforce;

import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.ConfigField.Type;
import dev.ownstack.activation.destination.ConfigSpec;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationCategory;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.activation.destination.Operation;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: salesforce}: records upserted into one sObject by an external id field, with
 * sObject Collections (200 per request) and Bulk API 2.0 for large batches; OAuth 2.0 with a
 * refresh token or the client credentials flow.
 */
public final class SalesforceDestinationFactory implements DestinationFactory {
    /**
     * Bulk API 2.0 ingest takes at most 100 MB of CSV per upload
     * (https://developer.salesforce.com/docs/platform/api-asynch/guide/upload-job-data.html); the
     * JSON form of the fields that the engine measures is larger than their CSV, so 90 MB keeps under it.
     */
    private static final long BULK_BATCH_BYTES = 90L << 20;

    private static final int DEFAULT_BULK_BATCH_SIZE = 10_000;
    private static final int DEFAULT_CONCURRENCY = 4;

    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.required(SalesforceSettings.INSTANCE_URL, Type.STRING,
                    "the org's My Domain URL, such as https://yourorg.my.salesforce.com"),
            ConfigField.optional(SalesforceSettings.LOGIN_URL, Type.STRING,
                    "where the OAuth token endpoint is; the instance URL when not given (https://login.salesforce.com also works for refresh tokens)"),
            ConfigField.withDefault(SalesforceSettings.API_VERSION, Type.STRING, "v62.0", "the REST API version, such as v62.0"),
            ConfigField.required(SalesforceSettings.OBJECT, Type.STRING, "the sObject written, such as Contact, Lead or Member__c"),
            ConfigField.required(SalesforceSettings.EXTERNAL_ID_FIELD, Type.STRING,
                    "the external id field of the object that holds the record key, such as Ownstack_Id__c"),
            ConfigField.required(SalesforceSettings.CLIENT_ID, Type.STRING, "the connected or external client app's consumer key"),
            ConfigField.required(SalesforceSettings.CLIENT_SECRET, Type.SECRET, "the app's consumer secret"),
            ConfigField.optional(SalesforceSettings.REFRESH_TOKEN, Type.SECRET,
                    "a refresh token for the refresh_token grant; leave out to use the client credentials flow"),
            ConfigField.choice(SalesforceSettings.API, "auto", List.of("auto", "collections", "bulk"),
                    "auto: Bulk API 2.0 for batches of at least bulk-threshold records, sObject Collections otherwise"),
            ConfigField.withDefault(SalesforceSettings.BULK_THRESHOLD, Type.INTEGER, 2_000L,
                    "with api auto, batches of at least this many records use Bulk API 2.0"),
            ConfigField.withDefault(SalesforceSettings.BULK_BATCH_SIZE, Type.INTEGER, (long) DEFAULT_BULK_BATCH_SIZE,
                    "records per batch when Bulk API 2.0 may be used (api auto or bulk)"),
            ConfigField.choice(SalesforceSettings.ON_REMOVE, "delete", List.of("delete", "none"),
                    "delete: records that leave a mirror sync are deleted; none: removals are refused (mirror syncs cannot use it)"),
            ConfigField.withDefault(SalesforceSettings.CONCURRENCY, Type.INTEGER, (long) DEFAULT_CONCURRENCY, "batches in flight at once (at most 25)"),
            ConfigField.withDefault(SalesforceSettings.TIMEOUT_SECONDS, Type.INTEGER, 60L, "how long one HTTP request may take"),
            ConfigField.withDefault(SalesforceSettings.BULK_WAIT_SECONDS, Type.INTEGER, 1_800L,
                    "how long to wait for one Bulk API 2.0 job before the batch is retried"));

    @Override
    public String type() {
        return "salesforce";
    }

    @Override
    public String description() {
        return "Upserts records into a Salesforce object by an external id field (sObject Collections, Bulk API 2.0 for large batches)";
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
     * No request rate is declared: Salesforce counts API requests per org over a rolling 24 hours
     * (https://developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta/salesforce_app_limits_cheatsheet/salesforce_app_limits_platform_api.htm)
     * and answers REQUEST_LIMIT_EXCEEDED when the allocation is spent, which is reported as throttling.
     */
    @Override
    public Capabilities capabilities(DestinationSettings settings) {
        SalesforceSettings salesforce = SalesforceSettings.from(settings);
        Set<Operation> operations = EnumSet.of(Operation.UPSERT, Operation.UPDATE);
        if (salesforce.deleteOnRemove()) {
            operations.add(Operation.REMOVE);
        }
        long bytes = salesforce.api() == SalesforceSettings.Api.COLLECTIONS ? 0 : BULK_BATCH_BYTES;
        return new Capabilities(operations, salesforce.maxBatchRecords(), bytes, salesforce.concurrency(), Optional.empty(), false);
    }

    /** With api: auto and on-remove: delete, the defaults. */
    @Override
    public Capabilities defaultCapabilities() {
        return new Capabilities(EnumSet.allOf(Operation.class), DEFAULT_BULK_BATCH_SIZE, BULK_BATCH_BYTES, DEFAULT_CONCURRENCY, Optional.empty(),
                false);
    }

    @Override
    public Destination open(DestinationSettings settings) {
        return new SalesforceDestination(SalesforceSettings.from(settings), Clock.systemUTC());
    }
}
