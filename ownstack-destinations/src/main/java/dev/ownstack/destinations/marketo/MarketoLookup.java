package dev.ownstack.destinations.marketo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.SyncRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the Marketo lead ids of records to remove: the id an earlier sync returned, else the
 * leads whose lookup field has the record's value, asked with Get Leads by Filter Type
 * (https://developer.adobe.com/marketo-apis/api/mapi/#tag/Leads/operation/getLeadsByFilterUsingGET)
 * sent as a POST with {@code _method=GET}, since 300 values exceed the 8 KB a URL may have.
 */
final class MarketoLookup {
    /** 1004 Lead not found, 1015 Lead not in list: a removal that finds the lead already out. */
    private static final Set<String> ALREADY_OUT = Set.of("1004", "1015");
    private static final int MAX_PAGES = 20;

    private final MarketoSettings settings;
    private final MarketoApi api;

    MarketoLookup(MarketoSettings settings, MarketoApi api) {
        this.settings = settings;
        this.api = api;
    }

    /** The record's value of the lookup field, as text; empty when missing or blank. */
    static Optional<String> value(SyncRecord record, String lookupField) {
        Object value = record.fields().get(lookupField);
        if (value == null || String.valueOf(value).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(String.valueOf(value).trim());
    }

    static boolean alreadyOut(MarketoLeads.Outcome outcome) {
        return !outcome.codes().isEmpty() && ALREADY_OUT.containsAll(outcome.codes());
    }

    /**
     * The lead ids of each record that Marketo has. A record without a lead (never synced, or
     * deleted in Marketo since) is already out of the list: its accepted result is put in
     * {@code results} instead.
     */
    Map<String, List<Long>> leadIds(List<SyncRecord> records, Map<String, RecordResult> results) {
        Map<String, List<Long>> ids = new LinkedHashMap<>();
        // Marketo compares the values without regard to case; so does the matching of its answer.
        Map<String, List<String>> keysByValue = new LinkedHashMap<>();
        Map<String, String> sent = new LinkedHashMap<>();
        for (SyncRecord record : records) {
            Optional<Long> known = record.destinationId().flatMap(MarketoLookup::number);
            Optional<String> value = value(record, settings.lookupField());
            if (known.isPresent()) {
                ids.put(record.key(), List.of(known.get()));
            } else if (value.isEmpty()) {
                results.put(record.key(), RecordResult.accepted(record.key()));
            } else if (value.get().contains(",")) {
                results.put(record.key(), RecordResult.rejected(record.key(), ErrorClass.PERMANENT, "cannot look up the lead by '"
                        + settings.lookupField() + "': Marketo's filter values are separated by commas and this value has one"));
            } else {
                String lowerCase = MarketoDestination.lowerCase(value.get());
                keysByValue.computeIfAbsent(lowerCase, v -> new ArrayList<>()).add(record.key());
                sent.putIfAbsent(lowerCase, value.get());
            }
        }
        Map<String, List<Long>> found = sent.isEmpty() ? Map.of() : find(sent);
        keysByValue.forEach((value, keys) -> {
            List<Long> leads = found.getOrDefault(value, List.of());
            for (String key : keys) {
                if (leads.isEmpty()) {
                    results.put(key, RecordResult.accepted(key));
                } else {
                    ids.put(key, leads);
                }
            }
        });
        return ids;
    }

    /** Lead ids by the lower-cased value of the lookup field, for the values given as lower-cased → as sent. */
    private Map<String, List<Long>> find(Map<String, String> values) {
        Map<String, List<Long>> found = new LinkedHashMap<>();
        String pageToken = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("filterType", settings.lookupField());
            form.put("filterValues", String.join(",", values.values()));
            form.put("fields", "id," + settings.lookupField());
            form.put("batchSize", Integer.toString(MarketoDestinationFactory.MAX_RECORDS));
            if (pageToken != null) {
                form.put("nextPageToken", pageToken);
            }
            JsonNode answer = api.postForm(MarketoDestination.LEADS + "?_method=GET", form);
            for (JsonNode lead : answer.path("result")) {
                String value = MarketoDestination.lowerCase(lead.path(settings.lookupField()).asText(""));
                if (lead.path("id").canConvertToLong() && values.containsKey(value)) {
                    found.computeIfAbsent(value, v -> new ArrayList<>()).add(lead.path("id").asLong());
                }
            }
            pageToken = answer.path("nextPageToken").asText("");
            if (pageToken.isEmpty() || answer.path("result").isEmpty()) {
                break;
            }
        }
        return found;
    }

    private static Optional<Long> number(String id) {
        try {
            return Optional.of(Long.parseLong(id.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
