package dev.ownstack.destinations.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.destinations.http.VendorResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * sObject Collections, at most 200 records per request, {@code allOrNone:false} so that each
 * record succeeds or fails on its own; the results come back in request order:
 * upsert (https://developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-sobjects-collections-upsert.html),
 * update (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_update.htm),
 * delete (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_delete.htm).
 * Records known only by their key are found with a SOQL query on the external id field
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm).
 */
final class SObjectCollections {
    /** Deleting a record that is already deleted leaves it where a removal wants it. */
    private static final String ALREADY_DELETED = "ENTITY_IS_DELETED";
    /** Keeps a lookup's GET line well under Salesforce's 16,384-byte URI limit. */
    private static final int MAX_QUERY_CHARS = 8_000;

    private final SalesforceClient client;
    private final SalesforceSettings settings;
    private final SalesforceRecords records;

    SObjectCollections(SalesforceClient client, SalesforceSettings settings, SalesforceRecords records) {
        this.client = client;
        this.settings = settings;
        this.records = records;
    }

    /** Upserts at most 200 records by the external id field; counts created and updated records into {@code counts}. */
    List<RecordResult> upsert(List<SyncRecord> batch, Map<String, Long> counts) {
        ArrayNode list = body();
        batch.forEach(record -> ((ArrayNode) list).add(records.upsert(record)));
        JsonNode results = send("PATCH", "/composite/sobjects/" + settings.object() + "/" + settings.externalIdField(), list, batch.size());
        List<RecordResult> outcome = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            JsonNode result = results.get(i);
            RecordResult answer = result(batch.get(i).key(), result, false);
            if (answer.accepted()) {
                counts.merge(result.path("created").asBoolean(false) ? "created" : "updated", 1L, Long::sum);
            }
            outcome.add(answer);
        }
        return outcome;
    }

    /** Updates at most 200 records by their Salesforce ids; a record without one is looked up and, when missing, rejected permanently. */
    List<RecordResult> update(List<SyncRecord> batch) {
        Map<String, String> ids = ids(batch);
        Map<String, RecordResult> outcome = new HashMap<>();
        List<SyncRecord> found = new ArrayList<>();
        ArrayNode list = body();
        for (SyncRecord record : batch) {
            String id = ids.get(record.key());
            if (id == null) {
                outcome.put(record.key(), RecordResult.rejected(record.key(), ErrorClass.PERMANENT, "NOT_FOUND: no " + settings.object()
                        + " has " + settings.externalIdField() + " '" + record.key() + "'; update mode never creates records"));
            } else {
                found.add(record);
                list.add(records.update(record, id));
            }
        }
        if (!found.isEmpty()) {
            JsonNode results = send("PATCH", "/composite/sobjects", list, found.size());
            for (int i = 0; i < found.size(); i++) {
                outcome.put(found.get(i).key(), result(found.get(i).key(), results.get(i), false));
            }
        }
        return batch.stream().map(record -> outcome.get(record.key())).toList();
    }

    /** Deletes at most 200 records by id ({@code key -> id}); records already gone count as removed. */
    List<RecordResult> delete(Map<String, String> ids) {
        List<String> keys = new ArrayList<>(ids.keySet());
        String query = "?ids=" + String.join(",", ids.values()) + "&allOrNone=false";
        VendorResponse response = client.send("DELETE", settings.data("/composite/sobjects" + query), null, null);
        JsonNode results = answer(response, keys.size());
        List<RecordResult> outcome = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            outcome.add(result(keys.get(i), results.get(i), true));
        }
        return outcome;
    }

    /**
     * The Salesforce ids of the records: the one an earlier write returned, else the one found by
     * the external id field; records the org does not have are left out.
     */
    Map<String, String> ids(List<SyncRecord> batch) {
        Map<String, String> ids = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (SyncRecord record : batch) {
            record.destinationId().ifPresentOrElse(id -> ids.put(record.key(), id), () -> unknown.add(record.key()));
        }
        ids.putAll(lookup(unknown));
        return ids;
    }

    /** Record key to Salesforce id for the keys the org has, by SOQL on the external id field. */
    Map<String, String> lookup(List<String> keys) {
        Map<String, String> found = new HashMap<>();
        int from = 0;
        while (from < keys.size()) {
            StringBuilder in = new StringBuilder();
            int to = from;
            while (to < keys.size() && (to == from || in.length() + keys.get(to).length() * 3 < MAX_QUERY_CHARS)) {
                in.append(to == from ? "" : ",").append('\'').append(soql(keys.get(to))).append('\'');
                to++;
            }
            String soql = "SELECT Id, " + settings.externalIdField() + " FROM " + settings.object() + " WHERE " + settings.externalIdField()
                    + " IN (" + in + ")";
            Map<String, String> byLowerKey = new HashMap<>();
            JsonNode page = client.json("GET", settings.data("/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8)), null);
            while (true) {
                for (JsonNode row : page.path("records")) {
                    String value = row.path(settings.externalIdField()).asText();
                    found.put(value, row.path("Id").asText());
                    byLowerKey.put(value.toLowerCase(Locale.ROOT), row.path("Id").asText());
                }
                if (page.path("done").asBoolean(true) || !page.hasNonNull("nextRecordsUrl")) {
                    break;
                }
                page = client.json("GET", URI.create(settings.instanceUrl() + page.path("nextRecordsUrl").asText()), null);
            }
            // external id fields are case-insensitive unless created case-sensitive
            for (String key : keys.subList(from, to)) {
                String id = byLowerKey.get(key.toLowerCase(Locale.ROOT));
                if (!found.containsKey(key) && id != null) {
                    found.put(key, id);
                }
            }
            from = to;
        }
        found.keySet().retainAll(keys);
        return found;
    }

    /** A SOQL string literal's content: quotes, backslashes and control characters escaped. */
    static String soql(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\'' -> escaped.append("\\'");
                case '"' -> escaped.append("\\\"");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                case '\b' -> escaped.append("\\b");
                case '\f' -> escaped.append("\\f");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static ArrayNode body() {
        return JsonNodeFactory.instance.arrayNode();
    }

    private JsonNode send(String method, String path, ArrayNode list, int size) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("allOrNone", false);
        body.set("records", list);
        byte[] bytes;
        try {
            bytes = VendorResponse.JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answer(client.send(method, settings.data(path), SalesforceClient.JSON_TYPE, bytes), size);
    }

    /** A 200's result array, one per record in request order; anything else fails the request as a whole. */
    private JsonNode answer(VendorResponse response, int size) {
        if (!response.successful()) {
            throw client.failure(response);
        }
        JsonNode results = response.json(client.where());
        if (!results.isArray() || results.size() != size) {
            throw new DestinationException(ErrorClass.RETRYABLE, client.where() + " answered " + size + " records with "
                    + (results.isArray() ? results.size() + " results" : "no result list") + response.quote());
        }
        return results;
    }

    private static RecordResult result(String key, JsonNode result, boolean removal) {
        if (result.path("success").asBoolean(false)) {
            String id = result.path("id").asText("");
            return id.isEmpty() || removal ? RecordResult.accepted(key) : RecordResult.accepted(key, id);
        }
        List<SalesforceError> errors = SalesforceError.ofResult(result);
        if (errors.isEmpty()) {
            return RecordResult.rejected(key, ErrorClass.RETRYABLE, "UNKNOWN_EXCEPTION: Salesforce reported no success and no error");
        }
        if (removal && errors.get(0).code().equals(ALREADY_DELETED)) {
            return RecordResult.accepted(key);
        }
        return RecordResult.rejected(key, errors.get(0).errorClass(), SalesforceError.describe(errors));
    }
}
