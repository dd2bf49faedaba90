package dev.ownstack.destinations.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.destinations.http.VendorHttp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Writes one sObject by its external id field. Upserts go through sObject Collections (200 per
 * request) or, for batches the settings send in bulk, one Bulk API 2.0 job; updates go through
 * collections by Salesforce id (found by the external id when no earlier write returned it), so
 * they never create a record; removals delete by id, through collections or a bulk delete job.
 * Thread-safe: the token and the HTTP client are shared by every thread.
 */
final class SalesforceDestination implements Destination {
    private final SalesforceSettings settings;
    private final SalesforceClient client;
    private final SObjectCollections collections;
    private final BulkIngest bulk;
    private final SalesforceRecords records;

    SalesforceDestination(SalesforceSettings settings, Clock clock) {
        this.settings = settings;
        VendorHttp http = new VendorHttp("salesforce " + settings.name() + " at " + settings.instanceUrl(), settings.timeout(), clock);
        this.client = new SalesforceClient(settings, http);
        this.records = new SalesforceRecords(settings.object(), settings.externalIdField());
        this.collections = new SObjectCollections(client, settings, records);
        this.bulk = new BulkIngest(client, settings, records, clock);
    }

    /**
     * Describes the object (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm)
     * and confirms that the external id field exists and is an external id.
     */
    @Override
    public CheckResult check() {
        try {
            JsonNode describe = client.json("GET", settings.data("/sobjects/" + settings.object() + "/describe"), null);
            for (JsonNode field : describe.path("fields")) {
                if (field.path("name").asText().equalsIgnoreCase(settings.externalIdField())) {
                    if (!field.path("externalId").asBoolean(false)) {
                        return CheckResult.failed(client.where() + ": field " + settings.object() + "." + settings.externalIdField()
                                + " is not an external id field; mark it External ID in Setup, Object Manager");
                    }
                    return CheckResult.ok(client.where() + ": " + settings.object() + " is writable by " + settings.externalIdField()
                            + " (API " + settings.apiVersion() + ", " + settings.grant() + " grant)");
                }
            }
            return CheckResult.failed(client.where() + ": " + settings.object() + " has no field " + settings.externalIdField()
                    + " visible to the integration user");
        } catch (DestinationException e) {
            return CheckResult.failed(e.getMessage());
        } catch (RuntimeException e) {
            return CheckResult.failed(client.where() + ": " + e);
        }
    }

    @Override
    public BatchResult write(RecordBatch batch) {
        Map<String, RecordResult> results = new LinkedHashMap<>();
        List<SyncRecord> sendable = new ArrayList<>();
        for (SyncRecord record : batch.records()) {
            Optional<String> problem = records.problem(record);
            if (problem.isPresent()) {
                results.put(record.key(), RecordResult.rejected(record.key(), ErrorClass.PERMANENT, problem.get()));
            } else {
                sendable.add(record);
            }
        }
        Map<String, Long> counts = new ConcurrentHashMap<>();
        if (!sendable.isEmpty()) {
            List<RecordResult> sent = switch (batch.operation()) {
                case UPSERT -> settings.bulkFor(sendable.size()) ? bulk.upsert(sendable, counts)
                        : inChunks(sendable, chunk -> collections.upsert(chunk, counts));
                case UPDATE -> inChunks(sendable, collections::update);
                case REMOVE -> remove(sendable);
            };
            sent.forEach(result -> results.put(result.key(), result));
        }
        return new BatchResult(List.copyOf(results.values()), counts);
    }

    private List<RecordResult> remove(List<SyncRecord> batch) {
        if (!settings.deleteOnRemove()) {
            throw new DestinationException(ErrorClass.PERMANENT, client.where() + ": removals are off (on-remove: none)");
        }
        List<RecordResult> results = new ArrayList<>();
        Map<String, String> ids = new LinkedHashMap<>();
        List<String> lookups = new ArrayList<>();
        for (SyncRecord record : batch) {
            record.destinationId().ifPresentOrElse(id -> ids.put(record.key(), id), () -> lookups.add(record.key()));
        }
        ids.putAll(collections.lookup(lookups));
        for (SyncRecord record : batch) {
            if (!ids.containsKey(record.key())) {
                // the org has no record with this key: it is already where a removal wants it
                results.add(RecordResult.accepted(record.key()));
            }
        }
        if (ids.isEmpty()) {
            return results;
        }
        if (settings.bulkFor(ids.size())) {
            results.addAll(bulk.delete(ids));
            return results;
        }
        List<SyncRecord> found = batch.stream().filter(record -> ids.containsKey(record.key())).toList();
        results.addAll(inChunks(found, chunk -> {
            Map<String, String> chunkIds = new LinkedHashMap<>();
            chunk.forEach(record -> chunkIds.put(record.key(), ids.get(record.key())));
            return collections.delete(chunkIds);
        }));
        return results;
    }

    /**
     * Sends the records 200 at a time. When a later request fails as a whole after earlier ones
     * were answered, the records not yet answered are rejected with that failure's class (for a
     * resend), so the answered ones are not sent twice; an authentication failure stops the batch.
     */
    private static List<RecordResult> inChunks(List<SyncRecord> records, Function<List<SyncRecord>, List<RecordResult>> send) {
        List<RecordResult> results = new ArrayList<>(records.size());
        for (int from = 0; from < records.size(); from += SalesforceSettings.COLLECTION_LIMIT) {
            List<SyncRecord> chunk = records.subList(from, Math.min(records.size(), from + SalesforceSettings.COLLECTION_LIMIT));
            try {
                results.addAll(send.apply(chunk));
            } catch (DestinationException e) {
                if (from == 0 || e.errorClass() == ErrorClass.AUTH) {
                    throw e;
                }
                for (SyncRecord record : records.subList(from, records.size())) {
                    results.add(new RecordResult(record.key(), false, Optional.of(e.errorClass()), e.getMessage(), Optional.empty(),
                            e.retryAfter()));
                }
                break;
            }
        }
        return results;
    }

    @Override
    public String toString() {
        return "SalesforceDestination[" + settings + "]";
    }
}
