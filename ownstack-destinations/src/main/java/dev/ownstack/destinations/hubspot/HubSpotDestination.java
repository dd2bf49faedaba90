package dev.ownstack.destinations.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.destinations.http.VendorResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes contacts to HubSpot's CRM and keeps each sync's audience as a contact list.
 * UPSERT creates or updates contacts by the id property with one
 * {@code POST /crm/v3/objects/contacts/batch/upsert} (at most 100 inputs), then adds them to
 * the sync's list; UPDATE finds the contacts (by their HubSpot id when known, else with
 * {@code batch/read} by the id property), updates those that exist with {@code batch/update}
 * and rejects the others permanently; REMOVE takes contacts out of the list (they are never
 * deleted). Per-record errors of a 207 answer become per-record rejections. Thread-safe: the
 * HTTP client and the list ids are shared by every writer.
 */
final class HubSpotDestination implements Destination {
    private static final String CONTACTS = "/crm/v3/objects/contacts";

    private final HubSpotSettings settings;
    private final HubSpotApi api;
    private final HubSpotLists lists;

    HubSpotDestination(HubSpotSettings settings, Clock clock) {
        this.settings = settings;
        this.api = new HubSpotApi(settings, clock);
        this.lists = new HubSpotLists(api, settings.listId());
    }

    /**
     * Reads the id property's definition ({@code GET /crm/v3/properties/contacts/{name}}): the
     * token works, the property exists and is unique (email always is, for HubSpot), and a
     * pinned list takes membership changes.
     */
    @Override
    public CheckResult check() {
        String property = settings.idProperty();
        String setting = "destinations." + settings.name() + "." + HubSpotSettings.ID_PROPERTY;
        try {
            String path = "/crm/v3/properties/contacts/" + HubSpotApi.segment(property);
            VendorResponse answer = api.send("GET", path, null);
            if (answer.status() == 404) {
                return CheckResult.failed(api.where() + " has no contact property named '" + property + "' (" + setting + ")");
            }
            if (!answer.successful()) {
                return CheckResult.failed(api.failure(answer, "GET " + path).getMessage());
            }
            JsonNode definition = answer.json(api.where());
            if (!property.equals("email") && !definition.path("hasUniqueValue").asBoolean(false)) {
                return CheckResult.failed("the contact property '" + property + "' is not unique (hasUniqueValue is false), so HubSpot cannot"
                        + " upsert by it; use email or a property created with unique values (" + setting + ")");
            }
            String list = "";
            if (settings.listId().isPresent()) {
                String type = lists.processingType(settings.listId().get());
                if (!type.equals("MANUAL") && !type.equals("SNAPSHOT")) {
                    return CheckResult.failed("the HubSpot list " + settings.listId().get() + " is " + type
                            + ": only MANUAL and SNAPSHOT lists take membership changes (destinations." + settings.name() + ".list-id)");
                }
                list = "; list " + settings.listId().get() + " is " + type;
            }
            return CheckResult.ok(api.where() + " accepted the access token; contacts are identified by '" + property + "'" + list);
        } catch (DestinationException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public BatchResult write(RecordBatch batch) {
        Outcomes outcomes = new Outcomes();
        switch (batch.operation()) {
            case UPSERT -> upsert(batch, outcomes);
            case UPDATE -> update(batch, outcomes);
            case REMOVE -> remove(batch, outcomes);
        }
        return outcomes.result(batch);
    }

    // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-upsert
    private void upsert(RecordBatch batch, Outcomes outcomes) {
        List<ContactInput> inputs = new ArrayList<>();
        for (SyncRecord record : batch.records()) {
            identified(record, outcomes).ifPresent(id -> inputs.add(new ContactInput(record.key(), id, ContactInput.properties(record.fields()))));
        }
        List<ContactInput> unique = outcomes.unique(inputs, settings.idProperty());
        if (unique.isEmpty()) {
            return;
        }
        ObjectNode body = inputs(unique, true);
        BatchAnswer answer = batchCall(CONTACTS + "/batch/upsert", body);
        outcomes.putAll(answer.outcomes(unique, result -> result.path("properties").path(settings.idProperty()).asText(null)));
        outcomes.count("created", answer.created());
        outcomes.count("updated", answer.results().size() - answer.created());
        addToList(batch, outcomes);
        removeReplaced(batch, outcomes);
    }

    /**
     * Takes out of the sync's list the contacts that records left for another one: a record
     * whose id property changed (a new email) is upserted as a new contact, and its earlier
     * contact is no longer in the audience.
     */
    private void removeReplaced(RecordBatch batch, Outcomes outcomes) {
        if (!settings.listMembership()) {
            return;
        }
        List<String> replaced = new ArrayList<>();
        for (SyncRecord record : batch.records()) {
            RecordResult result = outcomes.get(record.key());
            if (record.destinationId().isPresent() && result != null && result.accepted()
                    && !result.destinationId().equals(record.destinationId())) {
                replaced.add(record.destinationId().get());
            }
        }
        if (!replaced.isEmpty()) {
            outcomes.count("removed", lists.remove(batch.run().sync(), replaced).removed().size());
        }
    }

    // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-update
    private void update(RecordBatch batch, Outcomes outcomes) {
        Map<String, String> contactIds = contactIds(batch, outcomes, true);
        List<ContactInput> inputs = new ArrayList<>();
        for (SyncRecord record : batch.records()) {
            String contactId = contactIds.get(record.key());
            if (contactId != null) {
                inputs.add(new ContactInput(record.key(), contactId, ContactInput.properties(record.fields())));
            }
        }
        List<ContactInput> unique = outcomes.unique(inputs, "HubSpot id");
        if (unique.isEmpty()) {
            return;
        }
        BatchAnswer answer = batchCall(CONTACTS + "/batch/update", inputs(unique, false));
        outcomes.putAll(answer.outcomes(unique, result -> result.path("id").asText(null)));
        outcomes.count("updated", answer.results().size());
        addToList(batch, outcomes);
    }

    // https://developers.hubspot.com/docs/api-reference/crm-lists-v3/memberships/put-crm-v3-lists-listId-memberships-remove
    private void remove(RecordBatch batch, Outcomes outcomes) {
        if (!settings.listMembership()) {
            throw new DestinationException(ErrorClass.PERMANENT, "destination " + settings.name() + " keeps no list ("
                    + HubSpotSettings.LIST_MEMBERSHIP + " is false), so it cannot remove records");
        }
        Map<String, String> contactIds = contactIds(batch, outcomes, false);
        if (!contactIds.isEmpty()) {
            HubSpotLists.Change change = lists.remove(batch.run().sync(), contactIds.values());
            outcomes.count("removed", change.removed().size());
        }
        for (SyncRecord record : batch.records()) {
            outcomes.putIfAbsent(RecordResult.accepted(record.key()));
        }
    }

    /** Adds the contacts of the accepted records to the sync's list; a contact HubSpot cannot find is retried. */
    private void addToList(RecordBatch batch, Outcomes outcomes) {
        if (!settings.listMembership()) {
            return;
        }
        Map<String, String> keyByContact = outcomes.acceptedContacts();
        if (keyByContact.isEmpty()) {
            return;
        }
        HubSpotLists.Change change = lists.add(batch.run().sync(), keyByContact.keySet());
        outcomes.count("added", change.added().size());
        for (String missing : change.missing()) {
            String key = keyByContact.get(missing);
            if (key != null) {
                outcomes.put(RecordResult.rejected(key, ErrorClass.RETRYABLE, "HubSpot did not find contact " + missing
                        + " when adding it to the sync's list (recordIdsMissing)"));
            }
        }
    }

    /**
     * The HubSpot id of each record's contact, by record key: its known id, else the one
     * {@code batch/read} finds by the id property. A record without either is rejected; one
     * whose contact does not exist is rejected permanently when {@code missingIsError}, else
     * (a removal) accepted, as it is absent already.
     */
    private Map<String, String> contactIds(RecordBatch batch, Outcomes outcomes, boolean missingIsError) {
        Map<String, String> ids = new LinkedHashMap<>();
        List<ContactInput> lookups = new ArrayList<>();
        for (SyncRecord record : batch.records()) {
            if (record.destinationId().isPresent()) {
                ids.put(record.key(), record.destinationId().get());
            } else {
                identified(record, outcomes).ifPresent(id -> lookups.add(new ContactInput(record.key(), id, Map.of())));
            }
        }
        List<ContactInput> unique = outcomes.unique(lookups, settings.idProperty());
        if (unique.isEmpty()) {
            return ids;
        }
        ObjectNode body = VendorResponse.JSON.createObjectNode().put("idProperty", settings.idProperty());
        ArrayNode inputs = body.putArray("inputs");
        unique.forEach(input -> inputs.addObject().put("id", input.id()));
        body.putArray("properties").add(settings.idProperty());
        body.putArray("propertiesWithHistory");
        BatchAnswer answer = batchCall(CONTACTS + "/batch/read", body);
        answer.outcomes(unique, result -> result.path("properties").path(settings.idProperty()).asText(null)).forEach((key, found) -> {
            if (found.accepted()) {
                ids.put(key, found.destinationId().orElseThrow());
            } else if (found.errorClass().orElseThrow() != ErrorClass.PERMANENT || missingIsError) {
                outcomes.put(found);
            } else {
                outcomes.put(RecordResult.accepted(key));
            }
        });
        return ids;
    }

    /** The record's id property value; a record without one is rejected permanently. */
    private Optional<String> identified(SyncRecord record, Outcomes outcomes) {
        Optional<String> id = ContactInput.idValue(record, settings.idProperty());
        if (id.isEmpty()) {
            outcomes.put(RecordResult.rejected(record.key(), ErrorClass.PERMANENT, "no value for '" + settings.idProperty()
                    + "', the contact property HubSpot identifies contacts by (destinations." + settings.name() + "."
                    + HubSpotSettings.ID_PROPERTY + ")"));
        }
        return id;
    }

    /** {@code {"inputs":[...]}} for upsert (by the id property) or update (by HubSpot id); each input traced by its position. */
    private ObjectNode inputs(List<ContactInput> inputs, boolean byIdProperty) {
        ObjectNode body = VendorResponse.JSON.createObjectNode();
        ArrayNode array = body.putArray("inputs");
        for (int i = 0; i < inputs.size(); i++) {
            ContactInput input = inputs.get(i);
            ObjectNode item = array.addObject();
            if (byIdProperty) {
                item.put("idProperty", settings.idProperty());
            }
            item.put("id", input.id());
            item.put("objectWriteTraceId", Integer.toString(i));
            ObjectNode properties = item.putObject("properties");
            input.properties().forEach(properties::put);
        }
        return body;
    }

    /** A batch call answered 200 or 207 (partial failure); any other status fails the batch. */
    private BatchAnswer batchCall(String path, ObjectNode body) {
        VendorResponse response = api.send("POST", path, body);
        if (response.status() != 200 && response.status() != 207) {
            throw api.failure(response, "POST " + path);
        }
        return BatchAnswer.read(response.json(api.where()), api.where());
    }

    @Override
    public String toString() {
        return "HubSpotDestination[" + settings + "]";
    }

    /** The results of one batch as they are learnt, by record key, and HubSpot's counts. */
    private static final class Outcomes {
        private final Map<String, RecordResult> byKey = new LinkedHashMap<>();
        private final Map<String, Long> counts = new LinkedHashMap<>();

        void put(RecordResult result) {
            byKey.put(result.key(), result);
        }

        RecordResult get(String key) {
            return byKey.get(key);
        }

        void putIfAbsent(RecordResult result) {
            byKey.putIfAbsent(result.key(), result);
        }

        void putAll(Map<String, RecordResult> results) {
            byKey.putAll(results);
        }

        void count(String name, long value) {
            counts.merge(name, value, Long::sum);
        }

        /** The inputs whose id no earlier input of the batch has; the others are rejected (HubSpot refuses duplicate ids in a batch). */
        List<ContactInput> unique(List<ContactInput> inputs, String what) {
            Map<String, String> first = new HashMap<>();
            List<ContactInput> unique = new ArrayList<>();
            for (ContactInput input : inputs) {
                String earlier = first.putIfAbsent(input.id().toLowerCase(Locale.ROOT), input.key());
                if (earlier == null) {
                    unique.add(input);
                } else {
                    put(RecordResult.rejected(input.key(), ErrorClass.PERMANENT, "the same " + what + " '" + input.id() + "' as record "
                            + earlier + " of the batch: HubSpot keeps one contact per value"));
                }
            }
            return unique;
        }

        /** Contact id to record key, for the accepted records. */
        Map<String, String> acceptedContacts() {
            Map<String, String> contacts = new LinkedHashMap<>();
            byKey.values().stream().filter(RecordResult::accepted).forEach(result ->
                    result.destinationId().ifPresent(id -> contacts.put(id, result.key())));
            return contacts;
        }

        BatchResult result(RecordBatch batch) {
            List<RecordResult> results = new ArrayList<>(batch.size());
            for (SyncRecord record : batch.records()) {
                results.add(byKey.getOrDefault(record.key(), RecordResult.rejected(record.key(), ErrorClass.RETRYABLE,
                        "no answer from HubSpot for this record")));
            }
            return new BatchResult(results, counts);
        }
    }
}
