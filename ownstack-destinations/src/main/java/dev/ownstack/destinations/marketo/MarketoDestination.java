package dev.ownstack.destinations.marketo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.destinations.http.VendorHttp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes batches to a Marketo instance. Upserts and updates are one Sync Leads call
 * ({@code createOrUpdate} or {@code updateOnly} by the lookup field), then the synced leads are
 * added to the sync's static list; removals take the leads out of that list (leads are never
 * deleted). A lead Marketo skips is rejected alone with Marketo's reason; errors of the whole
 * request are classified by {@link MarketoErrors}. Thread-safe: the token, the list ids and the
 * HTTP client are shared by every writer.
 */
final class MarketoDestination implements Destination {
    static final String LEADS = "/rest/v1/leads.json";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final MarketoSettings settings;
    private final MarketoApi api;
    private final MarketoLists lists;
    private final MarketoLookup lookup;

    MarketoDestination(MarketoSettings settings, Clock clock) {
        this.settings = settings;
        VendorHttp http = new VendorHttp("marketo " + settings.name() + " at " + settings.baseUrl(), TIMEOUT, clock);
        this.api = new MarketoApi(settings, http);
        this.lists = new MarketoLists(settings, api);
        this.lookup = new MarketoLookup(settings, api);
    }

    /** A token, then Describe Lead2: the lookup field must exist and be searchable; a pinned list must exist. */
    @Override
    public CheckResult check() {
        try {
            api.authenticate();
            JsonNode lead = api.get("/rest/v1/leads/describe2.json").path("result").path(0);
            Set<String> fields = new LinkedHashSet<>();
            for (JsonNode field : lead.path("fields")) {
                fields.add(field.path("name").asText());
            }
            if (!fields.contains(settings.lookupField())) {
                return CheckResult.failed(api.where() + " has no lead field named '" + settings.lookupField() + "' (destinations."
                        + settings.name() + "." + MarketoSettings.LOOKUP_FIELD + ")");
            }
            boolean searchable = false;
            for (JsonNode key : lead.path("searchableFields")) {
                searchable |= key.size() == 1 && settings.lookupField().equals(key.path(0).asText());
            }
            if (!searchable) {
                return CheckResult.failed(api.where() + ": lead field '" + settings.lookupField() + "' is not searchable, so it cannot find leads");
            }
            if (settings.listMembership() && settings.listId().isPresent()
                    && api.get("/rest/asset/v1/staticList/" + settings.listId().get() + ".json").path("result").isEmpty()) {
                return CheckResult.failed(api.where() + " has no static list with id " + settings.listId().get() + " (destinations."
                        + settings.name() + "." + MarketoSettings.LIST_ID + ")");
            }
            return CheckResult.ok(api.where() + " issued a token; leads are found by '" + settings.lookupField() + "' among "
                    + fields.size() + " lead fields");
        } catch (DestinationException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public BatchResult write(RecordBatch batch) {
        return switch (batch.operation()) {
            case UPSERT -> sync(batch, "createOrUpdate");
            case UPDATE -> sync(batch, "updateOnly");
            case REMOVE -> remove(batch);
        };
    }

    private BatchResult sync(RecordBatch batch, String action) {
        Map<String, RecordResult> results = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        List<SyncRecord> sendable = new ArrayList<>();
        for (SyncRecord record : batch.records()) {
            if (MarketoLookup.value(record, settings.lookupField()).isEmpty()) {
                results.put(record.key(), RecordResult.rejected(record.key(), ErrorClass.PERMANENT,
                        "the lookup field '" + settings.lookupField() + "' is missing or empty; Marketo finds leads by it"));
            } else {
                sendable.add(record);
            }
        }
        Map<String, Long> synced = new LinkedHashMap<>();
        if (!sendable.isEmpty()) {
            JsonNode answer = api.postJson(LEADS, MarketoLeads.syncRequest(action, settings.lookupField(), sendable));
            List<MarketoLeads.Outcome> outcomes = MarketoLeads.outcomes(answer, sendable.size(), api.where());
            for (int i = 0; i < sendable.size(); i++) {
                String key = sendable.get(i).key();
                MarketoLeads.Outcome outcome = outcomes.get(i);
                counts.merge(outcome.skipped() ? "skipped" : outcome.status(), 1L, Long::sum);
                if (outcome.skipped()) {
                    results.put(key, RecordResult.rejected(key, ErrorClass.PERMANENT, outcome.reasons()));
                } else {
                    synced.put(key, outcome.id().orElseThrow());
                }
            }
        }
        Map<Long, MarketoLeads.Outcome> added = Map.of();
        if (settings.listMembership() && !synced.isEmpty()) {
            long listId = lists.listId(batch.run().sync());
            added = MarketoLeads.byId(api.postJson("/rest/v1/lists/" + listId + "/leads.json",
                    MarketoLeads.idsRequest(new LinkedHashSet<>(synced.values()))));
        }
        for (Map.Entry<String, Long> lead : synced.entrySet()) {
            MarketoLeads.Outcome membership = added.get(lead.getValue());
            if (membership != null && membership.skipped()) {
                results.put(lead.getKey(), RecordResult.rejected(lead.getKey(), ErrorClass.PERMANENT,
                        "lead " + lead.getValue() + " was synced but not added to the static list: " + membership.reasons()));
            } else {
                results.put(lead.getKey(), RecordResult.accepted(lead.getKey(), Long.toString(lead.getValue())));
            }
        }
        return new BatchResult(inBatchOrder(batch, results), counts);
    }

    /** Takes the leads out of the sync's list; a lead Marketo does not have, or that is not in the list, is already out. */
    private BatchResult remove(RecordBatch batch) {
        if (!settings.listMembership()) {
            throw new DestinationException(ErrorClass.PERMANENT, api.where() + " removes leads only from a static list, and destinations."
                    + settings.name() + "." + MarketoSettings.LIST_MEMBERSHIP + " is false");
        }
        Map<String, RecordResult> results = new LinkedHashMap<>();
        Map<String, List<Long>> ids = lookup.leadIds(batch.records(), results);
        Set<Long> all = new LinkedHashSet<>();
        ids.values().forEach(all::addAll);
        Map<Long, MarketoLeads.Outcome> removed = Map.of();
        if (!all.isEmpty()) {
            long listId = lists.listId(batch.run().sync());
            removed = MarketoLeads.byId(api.deleteJson("/rest/v1/lists/" + listId + "/leads.json", MarketoLeads.idsRequest(all)));
        }
        long count = 0;
        for (Map.Entry<String, List<Long>> record : ids.entrySet()) {
            String key = record.getKey();
            String refused = null;
            for (long id : record.getValue()) {
                MarketoLeads.Outcome outcome = removed.get(id);
                if (outcome != null && outcome.skipped() && !MarketoLookup.alreadyOut(outcome)) {
                    refused = "lead " + id + " was not removed from the static list: " + outcome.reasons();
                } else if (outcome != null && !outcome.skipped()) {
                    count++;
                }
            }
            results.put(key, refused == null ? RecordResult.accepted(key) : RecordResult.rejected(key, ErrorClass.PERMANENT, refused));
        }
        return new BatchResult(inBatchOrder(batch, results), Map.of("removed", count));
    }

    private static List<RecordResult> inBatchOrder(RecordBatch batch, Map<String, RecordResult> results) {
        List<RecordResult> ordered = new ArrayList<>(batch.size());
        for (SyncRecord record : batch.records()) {
            ordered.add(results.get(record.key()));
        }
        return ordered;
    }

    static String lowerCase(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "MarketoDestination[" + settings.name() + " at " + settings.baseUrl() + ", lookup " + settings.lookupField() + "]";
    }
}
